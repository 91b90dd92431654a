// Who pays and who is paid: the payer's account and home; the organization with its bank details
// (folded by default: the QR code carries them, and on a phone they are a screenful).
import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/api/receipts.ts';
import { formatDecimal } from '../../../lib/format.ts';

interface FactProps {
  label: string;
  children: ReactNode;
  /** Short facts share a row; long ones (names, addresses) take the whole width. */
  wide?: boolean;
  testId?: string;
}

/** A dt/dd pair in a <div>, the one wrapper a <dl> allows. */
function Fact({ label, children, wide = false, testId }: FactProps) {
  return (
    <div data-testid={testId} style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function ReceiptPayer({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const { payer } = receipt;
  const housing = receipt.kind === 'housing';
  return (
    <SimpleGrid component="dl" cols={2} spacing="sm" verticalSpacing="sm" m={0}>
      <Fact label={t('receipts.view.account')} wide>
        <span className="tabular">{payer.accountNumber}</span>
      </Fact>
      {payer.holderName && (
        <Fact label={t('receipts.view.holder')} wide>
          {payer.holderName}
        </Fact>
      )}
      {payer.address && (
        <Fact label={t('receipts.view.address')} wide>
          {payer.address}
        </Fact>
      )}
      {housing && payer.area !== null && (
        <Fact label={t('receipts.view.area')} testId="receipt-area">
          {t('receipts.view.areaValue', { area: formatDecimal(payer.area) })}
        </Fact>
      )}
      {housing && payer.residents !== null && (
        <Fact label={t('receipts.view.residents')} testId="receipt-residents">
          {t('receipts.view.residentsValue', { count: payer.residents })}
        </Fact>
      )}
    </SimpleGrid>
  );
}

export function ReceiptPayee({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const { payee } = receipt;
  return (
    <Stack gap="sm">
      <SimpleGrid component="dl" cols={2} spacing="sm" verticalSpacing="sm" m={0}>
        <Fact label={t('receipts.view.organization')} wide>
          {payee.name}
        </Fact>
        <Fact label={payee.kpp ? t('receipts.view.innKpp') : t('receipts.view.inn')} wide>
          <span className="tabular">{payee.kpp ? `${payee.inn} / ${payee.kpp}` : payee.inn}</span>
        </Fact>
        {payee.address && (
          <Fact label={t('receipts.view.address')} wide>
            {payee.address}
          </Fact>
        )}
        {payee.phone && (
          <Fact label={t('receipts.view.phone')} wide>
            <span className="tabular">{payee.phone}</span>
          </Fact>
        )}
        {payee.email && (
          <Fact label={t('receipts.view.email')} wide>
            {payee.email}
          </Fact>
        )}
      </SimpleGrid>
      <details className="receipt-details">
        <summary>{t('receipts.view.bankDetails')}</summary>
        <SimpleGrid component="dl" cols={2} spacing="sm" verticalSpacing="sm" m={0}>
          <Fact label={t('receipts.view.bank')} wide>
            {payee.bankName}
          </Fact>
          <Fact label={t('receipts.view.bic')} wide>
            <span className="tabular">{payee.bic}</span>
          </Fact>
          <Fact label={t('receipts.view.settlementAccount')} wide>
            <span className="tabular">{payee.settlementAccount}</span>
          </Fact>
          <Fact label={t('receipts.view.correspondentAccount')} wide>
            <span className="tabular">{payee.correspondentAccount}</span>
          </Fact>
        </SimpleGrid>
      </details>
    </Stack>
  );
}
