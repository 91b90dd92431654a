// Payments as a table for wider screens: date, channel, status, amount, and the total.
import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatLocalDate } from '../../../../shared/period.ts';
import { paymentStatusColor } from '../../../components/payment-list.tsx';

export function PaymentsTable({ payments, total }: { payments: readonly Payment[]; total: number }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing="sm" highlightOnHover aria-label={t('payments.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('payments.date')}</Table.Th>
          <Table.Th>{t('payments.channel')}</Table.Th>
          <Table.Th>{t('payments.statusLabel')}</Table.Th>
          <Table.Th ta="right">{t('payments.amount')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {payments.map((payment) => (
          <Table.Tr key={payment.id}>
            <Table.Td className="tabular" fw={500}>
              {formatLocalDate(payment.paidAt)}
            </Table.Td>
            <Table.Td>{t(`payments.source.${payment.source}`)}</Table.Td>
            <Table.Td>
              <Badge variant="dot" color={paymentStatusColor[payment.status]} radius="sm" tt="none">
                {t(`payments.status.${payment.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td
              ta="right"
              className="money"
              fw={600}
              td={payment.status === 'failed' ? 'line-through' : undefined}
            >
              {formatMoney(payment.amount)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={3}>{t('payments.total')}</Table.Th>
          <Table.Td ta="right" className="money" fw={700} fz="lg">
            {formatMoney(total)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
