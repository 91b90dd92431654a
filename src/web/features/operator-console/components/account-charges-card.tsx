// The latest month's charges by service, as on the subscriber's receipt.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChargesResponse } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatMonthYear } from '../../../../shared/period.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ReceiptIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDecimal } from '../../../lib/format.ts';

export function AccountChargesCard({ charges }: { charges: ChargesResponse }) {
  const { t, i18n } = useTranslation();
  const latest = charges.periods[0];
  if (!latest || latest.lines.length === 0) {
    return (
      <SectionCard title={t('charges.title')} testId="account-charges">
        <EmptyState title={t('operatorConsole.account.noStatement')} icon={<ReceiptIcon size={26} />} />
      </SectionCard>
    );
  }
  return (
    <SectionCard
      title={t('operatorConsole.account.chargesTitle', {
        period: formatMonthYear(latest.period, i18n.language),
      })}
      testId="account-charges"
    >
      <Table verticalSpacing={6} horizontalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('operatorConsole.account.service')}</Table.Th>
            <Table.Th ta="right">{t('operatorConsole.account.charged')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {latest.lines.map((line) => (
            <Table.Tr key={line.serviceCode}>
              {/* The volume under the name: two columns fit a phone without breaking words. */}
              <Table.Td style={{ overflowWrap: 'normal' }}>
                <Text inherit>{line.serviceName}</Text>
                {line.volume !== null && (
                  <Text size="xs" c="dimmed" className="tabular">
                    {formatDecimal(line.volume)} {line.unit}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" className="money" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(line.total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t('common.total')}</Table.Th>
            <Table.Th ta="right" className="money">
              <Text inherit fw={700}>
                {formatMoney(latest.total)}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </SectionCard>
  );
}
