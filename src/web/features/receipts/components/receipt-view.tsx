// One month's receipt (ЕПД) laid out to read on a phone: what to pay, by when and the QR code to pay
// it with; how the sum came about; the services; the readings; the payer and the payee.
// Pure: everything comes from the `receipt` prop (no fetching, no router), so the server renders
// the same markup with renderReceiptMarkup.
import { Box, Card, Flex, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/api/receipts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatDate, formatPeriod } from '../../../../shared/period.ts';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatMonthYear } from '../../../lib/format.ts';
import { ReceiptLines } from './receipt-lines.tsx';
import { ReceiptMeters } from './receipt-meters.tsx';
import { ReceiptPayee, ReceiptPayer } from './receipt-parties.tsx';
import { ReceiptQr } from './receipt-qr.tsx';
import { RECEIPT_CSS, RECEIPT_ROOT_CLASS } from './receipt-styles.ts';
import { ReceiptTotals } from './receipt-totals.tsx';

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { t, i18n } = useTranslation();
  const month = formatMonthYear(receipt.period, i18n.language);
  const housing = receipt.kind === 'housing';
  return (
    <Stack
      component="article"
      gap="lg"
      className={RECEIPT_ROOT_CLASS}
      aria-label={t('receipts.view.label', { month })}
      data-testid="receipt-view"
      data-period={receipt.period}
    >
      <style>{RECEIPT_CSS}</style>
      <ReceiptHeader receipt={receipt} month={month} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <SectionCard title={t('receipts.view.totals')}>
          <ReceiptTotals totals={receipt.totals} label={t('receipts.view.totals')} />
        </SectionCard>
        <SectionCard title={t('receipts.view.payer')}>
          <ReceiptPayer receipt={receipt} />
        </SectionCard>
      </SimpleGrid>
      <SectionCard title={t('receipts.view.services', { month })}>
        {receipt.lines.length > 0 ? (
          <ReceiptLines lines={receipt.lines} caption={t('receipts.view.services', { month })} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('receipts.view.noServices')}
          </Text>
        )}
      </SectionCard>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        {housing && receipt.meters.length > 0 && (
          <SectionCard title={t('receipts.view.meters')} description={t('receipts.view.metersDescription')}>
            <ReceiptMeters meters={receipt.meters} period={receipt.period} />
          </SectionCard>
        )}
        <SectionCard title={t('receipts.view.payee')}>
          <ReceiptPayee receipt={receipt} />
        </SectionCard>
      </SimpleGrid>
    </Stack>
  );
}

/** The top of the receipt: the document, the sum and date to pay, the QR code. */
function ReceiptHeader({ receipt, month }: { receipt: Receipt; month: string }) {
  const { t } = useTranslation();
  const { amountDue, closing } = receipt.totals;
  return (
    <Card padding="lg">
      <Flex
        direction={{ base: 'column', sm: 'row' }}
        gap="lg"
        justify="space-between"
        align={{ sm: 'center' }}
      >
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {t(`receipts.view.document.${receipt.kind}`)}
          </Text>
          <Text fw={600}>{receipt.payee.shortName}</Text>
          <Text size="sm" c="dimmed" className="tabular">
            {/* Each part stays whole; a narrow screen breaks the line at the dot. */}
            <span style={{ whiteSpace: 'nowrap' }}>
              {t('receipts.view.accountNumber', { number: receipt.payer.accountNumber })}
            </span>
            {' · '}
            <span style={{ whiteSpace: 'nowrap' }}>
              {t('receipts.view.period', { period: formatPeriod(receipt.period) })}
            </span>
          </Text>
          <Text size="sm" c="dimmed" mt="md">
            {t('receipts.view.amountDue')}
          </Text>
          <Text component="p" m={0} fz={{ base: 34, sm: 40 }} fw={700} lh={1.1} className="money">
            {formatMoney(amountDue)}
          </Text>
          {amountDue > 0 ? (
            <Text fw={500} className="tabular" data-testid="receipt-due-date">
              {t('receipts.view.dueBy', { date: formatDate(receipt.dueDate) })}
            </Text>
          ) : (
            <Text fw={500} c="teal.9">
              {t('receipts.view.nothingDue')}
            </Text>
          )}
          {closing < 0 && (
            <Text size="sm" c="dimmed">
              {t('receipts.view.advanceNote', { amount: formatMoney(-closing) })}
            </Text>
          )}
          {receipt.kind === 'isp' && receipt.paidUntil && (
            <Text fw={600} mt="xs" className="tabular" data-testid="receipt-paid-until">
              {t('receipts.view.paidUntil', { date: formatDate(receipt.paidUntil) })}
            </Text>
          )}
        </Stack>
        <Stack gap={6} align="center" style={{ flexShrink: 0 }}>
          <Box w={{ base: 200, sm: 180 }}>
            <ReceiptQr payload={receipt.qrPayload} label={t('receipts.view.qrLabel', { month })} />
          </Box>
          <Text size="sm" fw={500} ta="center">
            {t('receipts.view.qrCaption')}
          </Text>
          <Text size="xs" c="dimmed" ta="center" maw={220}>
            {t('receipts.view.qrHint')}
          </Text>
        </Stack>
      </Flex>
    </Card>
  );
}
