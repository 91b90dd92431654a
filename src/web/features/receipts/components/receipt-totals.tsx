// The receipt's totals as the balance equation the subscriber can check:
// closing = opening + charged + recalculation − benefit + penalties − paid; to pay = max(closing, 0).
// Each amount is exactly formatMoney of the receipt's value (signed), so a negative recalculation
// carries its own minus instead of a "+" before it, and an advance (a negative opening or closing)
// shows as a negative amount beside a label that says «Переплата».
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/api/receipts.ts';
import { formatMoney } from '../../../../shared/money.ts';

type Totals = Receipt['totals'];
type Balance = 'debt' | 'advance' | 'none';

interface Row {
  key: keyof Totals;
  label: string;
  operator: '' | '+' | '−' | '=';
  strong?: boolean;
}

function balanceOf(kopecks: number): Balance {
  if (kopecks > 0) return 'debt';
  return kopecks < 0 ? 'advance' : 'none';
}

/** Added terms show "+" unless negative: then the amount's own minus says it all. */
function plus(kopecks: number): Row['operator'] {
  return kopecks < 0 ? '' : '+';
}

export function ReceiptTotals({ totals, label }: { totals: Totals; label: string }) {
  const { t } = useTranslation();
  const opening = balanceOf(totals.opening);
  const closing = balanceOf(totals.closing);
  const rows: Row[] = [
    {
      key: 'opening',
      label: t(`receipts.view.opening.${opening}`),
      operator: '',
    },
    { key: 'charged', label: t('receipts.view.totalsCharged'), operator: plus(totals.charged) },
    {
      key: 'recalculation',
      label: t('receipts.view.totalsRecalculation'),
      operator: plus(totals.recalculation),
    },
    { key: 'benefit', label: t('receipts.view.totalsBenefit'), operator: '−' },
    { key: 'penalties', label: t('receipts.view.totalsPenalties'), operator: plus(totals.penalties) },
    { key: 'paid', label: t('receipts.view.totalsPaid'), operator: '−' },
    {
      key: 'closing',
      label: t(`receipts.view.closing.${closing}`),
      operator: '=',
      strong: true,
    },
  ];

  return (
    <Table
      verticalSpacing={6}
      horizontalSpacing={0}
      withRowBorders={false}
      aria-label={label}
      data-testid="receipt-totals"
    >
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.key}
            style={row.operator === '=' ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
          >
            <Table.Td w={20} c="dimmed" ta="center" aria-hidden={row.operator === '' ? true : undefined}>
              {row.operator}
            </Table.Td>
            <Table.Th scope="row" fw={row.strong ? 600 : 400}>
              <Text inherit size="sm">
                {row.label}
              </Text>
            </Table.Th>
            <Table.Td ta="right" fz="sm" fw={row.strong ? 700 : 400} style={{ verticalAlign: 'top' }}>
              <span className="money" data-testid={`receipt-${row.key}`}>
                {formatMoney(totals[row.key])}
              </span>
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
          <Table.Td w={20} aria-hidden />
          <Table.Th scope="row" fw={700} pt="sm">
            <Text inherit size="md" fw={700}>
              {t('receipts.view.totalsAmountDue')}
            </Text>
          </Table.Th>
          <Table.Td ta="right" fz="md" fw={700} pt="sm">
            <span className="money" data-testid="receipt-amount-due">
              {formatMoney(totals.amountDue)}
            </span>
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
