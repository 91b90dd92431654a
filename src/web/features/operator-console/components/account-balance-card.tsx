// The balance as the subscriber's dashboard shows it: what is owed or in credit, the due date,
// and the latest statement as its equation.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SummaryResponse } from '../../../../shared/api/accounts.ts';
import { formatDate, formatMonthYear } from '../../../../shared/period.ts';
import { Money } from '../../../components/money.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { StatementBreakdown } from '../../../components/statement-breakdown.tsx';
import { formatLocalDate } from '../../../lib/format.ts';

export function AccountBalanceCard({ summary }: { summary: SummaryResponse }) {
  const { t, i18n } = useTranslation();
  const label =
    summary.balance > 0
      ? t('operatorConsole.account.debt')
      : summary.balance < 0
        ? t('operatorConsole.account.advance')
        : t('operatorConsole.account.settled');
  return (
    <SectionCard title={t('operatorConsole.account.balanceTitle')} testId="account-balance">
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Group gap="sm" align="baseline">
          <Money
            kopecks={Math.abs(summary.balance)}
            fz={30}
            fw={700}
            c={summary.overdue ? 'red.8' : undefined}
          />
          {summary.overdue && (
            <Badge color="red" variant="light">
              {t('operatorConsole.account.overdue')}
            </Badge>
          )}
        </Group>
        {summary.dueDate && summary.balance > 0 && (
          <Text size="sm">{t('operatorConsole.account.dueDate', { date: formatDate(summary.dueDate) })}</Text>
        )}
        {summary.lastPayment && (
          <Text size="sm" c="dimmed">
            {t('operatorConsole.account.lastPayment', {
              date: formatLocalDate(summary.lastPayment.paidAt, i18n.language),
            })}
          </Text>
        )}
      </Stack>
      {summary.statement ? (
        <StatementBreakdown
          statement={summary.statement}
          caption={t('operatorConsole.account.statementTitle', {
            period: formatMonthYear(summary.statement.period, i18n.language),
          })}
          paidSinceStatement={summary.paidSinceStatement}
          balance={summary.balance}
        />
      ) : (
        <Text c="dimmed">{t('operatorConsole.account.noStatement')}</Text>
      )}
    </SectionCard>
  );
}
