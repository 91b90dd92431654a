// The big number: what to pay and by when, an advance, or "nothing to pay" — and how it adds up.
import { Anchor, Button, Card, Divider, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SummaryResponse } from '../../../../shared/api/accounts.ts';
import { formatDate } from '../../../../shared/period.ts';
import { CheckIcon, CreditCardIcon } from '../../../components/icons.tsx';
import { Money } from '../../../components/money.tsx';
import { StatementBreakdown } from '../../../components/statement-breakdown.tsx';
import { ACCOUNT_PARAM, useAccountHref } from '../../../lib/current-account.ts';
import { formatMonthYear } from '../../../lib/format.ts';
import { PAY_PATH, receiptPath } from '../../../lib/paths.ts';

export function BalanceCard({ summary }: { summary: SummaryResponse }) {
  const { t, i18n } = useTranslation();
  const { balance, amountDue, dueDate, statement } = summary;
  const receiptHref = useAccountHref(receiptPath(statement?.period ?? ''));

  let headline: ReactNode;
  if (amountDue > 0) {
    headline = (
      <>
        <Title order={2} size="h5" c="dimmed" fw={500}>
          {t('dashboard.amountDue')}
        </Title>
        <Money
          kopecks={amountDue}
          component="p"
          fz={{ base: 34, sm: 40 }}
          fw={700}
          lh={1.1}
          c="var(--mantine-color-text)"
        />
        {dueDate &&
          (summary.overdue ? (
            <Text fw={600} c="red.8" className="tabular" data-testid="overdue">
              {t('dashboard.overdueSince', { date: formatDate(dueDate) })}
            </Text>
          ) : (
            <Text fw={500} className="tabular">
              {t('dashboard.dueBy', { date: formatDate(dueDate) })}
            </Text>
          ))}
      </>
    );
  } else if (balance < 0) {
    headline = (
      <>
        <Title order={2} size="h5" c="dimmed" fw={500}>
          {t('dashboard.advance')}
        </Title>
        <Money kopecks={-balance} component="p" fz={{ base: 34, sm: 40 }} fw={700} lh={1.1} c="teal.9" />
        <Text size="sm" c="dimmed">
          {t('dashboard.advanceHint')}
        </Text>
      </>
    );
  } else {
    headline = (
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon color="teal" variant="light" size={44} radius="xl" aria-hidden>
          <CheckIcon size={26} />
        </ThemeIcon>
        <Stack gap={0}>
          <Title order={2} size="h3">
            {t('dashboard.noDebt')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('dashboard.noDebtHint')}
          </Text>
        </Stack>
      </Group>
    );
  }

  return (
    <Card>
      <Stack gap={6} align="flex-start" data-testid="balance">
        {headline}
      </Stack>
      {/* Paying ahead is allowed too; the button is quieter when nothing is owed. */}
      <Button
        component={Link}
        to={`${PAY_PATH}?${ACCOUNT_PARAM}=${encodeURIComponent(summary.accountId)}`}
        mt="md"
        size="md"
        variant={amountDue > 0 ? 'filled' : 'light'}
        leftSection={<CreditCardIcon size={20} />}
        w={{ base: '100%', xs: 'auto' }}
        data-testid="pay-button"
      >
        {t('dashboard.pay')}
      </Button>
      <Divider my="md" />
      {statement ? (
        <>
          <StatementBreakdown
            statement={statement}
            caption={t('dashboard.statementTitle', {
              month: formatMonthYear(statement.period, i18n.language),
            })}
            paidSinceStatement={summary.paidSinceStatement}
            balance={summary.balance}
          />
          <Anchor component={Link} to={receiptHref} size="sm" fw={500} mt="sm" display="inline-block">
            {t('dashboard.receiptLink', { month: formatMonthYear(statement.period, i18n.language) })} →
          </Anchor>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('dashboard.noStatement')}
        </Text>
      )}
    </Card>
  );
}

export function BalanceCardSkeleton() {
  return (
    <Card aria-hidden>
      <Stack gap="xs">
        <Skeleton h={16} w={90} />
        <Skeleton h={40} w={220} />
        <Skeleton h={24} w={120} />
      </Stack>
      <Divider my="md" />
      <Stack gap="sm">
        {[0, 1, 2, 3, 4, 5].map((row) => (
          <Group key={row} justify="space-between">
            <Skeleton h={14} w={140} />
            <Skeleton h={14} w={80} />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
