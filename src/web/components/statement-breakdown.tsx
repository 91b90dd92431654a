// The statement as an equation the subscriber can check:
// closing = opening + charged + recalculation − benefit + penalties − paid.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Statement } from '../../shared/api/accounts.ts';
import { formatMoney } from '../../shared/money.ts';

interface Row {
  key: string;
  label: string;
  operator: '' | '+' | '−' | '=';
  amount: number;
  strong?: boolean;
}

interface StatementBreakdownProps {
  statement: Statement;
  caption?: string;
  /** Credited payments after the statement; when non-zero the table continues to today's balance. */
  paidSinceStatement?: number;
  balance?: number;
}

/** Adds `amount` with its sign turned into the operator, so every amount shows as a magnitude. */
function signed(key: string, label: string, amount: number, negate = false): Row {
  const value = negate ? -amount : amount;
  return { key, label, operator: value < 0 ? '−' : '+', amount: Math.abs(value) };
}

export function StatementBreakdown({
  statement,
  caption,
  paidSinceStatement = 0,
  balance,
}: StatementBreakdownProps) {
  const { t } = useTranslation();
  const rows: Row[] = [
    { key: 'opening', label: t('dashboard.opening'), operator: '', amount: statement.opening },
    signed('charged', t('dashboard.charged'), statement.charged),
  ];
  // Zero rows add nothing to the equation; hiding them keeps the card short.
  if (statement.recalculation !== 0)
    rows.push(signed('recalculation', t('dashboard.recalculation'), statement.recalculation));
  if (statement.benefit !== 0) rows.push(signed('benefit', t('dashboard.benefit'), statement.benefit, true));
  rows.push(signed('penalties', t('dashboard.penalties'), statement.penalties));
  rows.push(signed('paid', t('dashboard.paid'), statement.paid, true));
  rows.push({
    key: 'closing',
    label: t('dashboard.closing'),
    operator: '=',
    amount: statement.closing,
    strong: true,
  });
  if (paidSinceStatement !== 0 && balance !== undefined) {
    rows.push(signed('paidSinceStatement', t('dashboard.paidSinceStatement'), paidSinceStatement, true));
    rows.push({
      key: 'balance',
      label: t('dashboard.balanceNow'),
      operator: '=',
      amount: balance,
      strong: true,
    });
  }

  return (
    <Table
      verticalSpacing={6}
      horizontalSpacing={0}
      withRowBorders={false}
      layout="fixed"
      data-testid="statement-breakdown"
    >
      {caption && (
        <Table.Caption
          ta="left"
          fw={600}
          c="var(--mantine-color-text)"
          mt={0}
          mb="xs"
          style={{ captionSide: 'top' }}
        >
          {caption}
        </Table.Caption>
      )}
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.key}
            data-row={row.key}
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
            <Table.Td ta="right" fw={row.strong ? 700 : 400} className="money" fz="sm">
              {formatMoney(row.amount)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
