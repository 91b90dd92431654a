// Payments as a table for wider screens: date, channel, status, amount, and the total. A card payment
// made here links to its timeline.
import { Anchor, Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PaymentHistoryItem } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatLocalDate } from '../../../../shared/period.ts';
import { paymentStatusColor } from '../../../components/payment-list.tsx';
import { cardPaymentPath } from '../../../lib/paths.ts';

export function PaymentsTable({
  payments,
  total,
}: {
  payments: readonly PaymentHistoryItem[];
  total: number;
}) {
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
            <Table.Td>
              {t(`payments.source.${payment.source}`)}
              {payment.cardPaymentId && (
                <Anchor
                  component={Link}
                  to={cardPaymentPath(payment.cardPaymentId)}
                  size="sm"
                  display="block"
                >
                  {t('payments.timelineLink')}
                </Anchor>
              )}
            </Table.Td>
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
