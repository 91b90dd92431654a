// /charges — month by month (newest first); each month opens into its service lines and totals.
import { Accordion, Anchor, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatDate, formatPeriod } from '../../../../shared/period.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { ReceiptIcon } from '../../../components/icons.tsx';
import { StatementBreakdown } from '../../../components/statement-breakdown.tsx';
import { ACCOUNT_PARAM } from '../../../lib/current-account.ts';
import { formatMonthYear } from '../../../lib/format.ts';
import { receiptPath } from '../../../lib/paths.ts';
import { useCharges } from '../api/get-charges.ts';
import { ChargeLines } from '../components/charge-lines.tsx';

export function ChargesPage() {
  const { t } = useTranslation();
  return (
    <AccountPage title={t('charges.title')}>{(account) => <ChargeHistory account={account} />}</AccountPage>
  );
}

function ChargeHistory({ account }: { account: AccountListItem }) {
  const { t, i18n } = useTranslation();
  const charges = useCharges(account.id);

  if (charges.isError) {
    return (
      <ErrorState
        error={charges.error}
        onRetry={() => void charges.refetch()}
        retrying={charges.isFetching}
      />
    );
  }
  if (!charges.data) return <ChargesSkeleton />;

  const { periods, from, to } = charges.data;
  const accountQuery = `?${ACCOUNT_PARAM}=${encodeURIComponent(account.id)}`;
  if (periods.length === 0) {
    return (
      <Card>
        <EmptyState
          title={t('charges.emptyTitle')}
          description={t('charges.emptyDescription')}
          icon={<ReceiptIcon size={28} />}
        />
      </Card>
    );
  }

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" className="tabular">
        {formatPeriod(from)} — {formatPeriod(to)}
      </Text>
      <Accordion
        variant="separated"
        radius="lg"
        defaultValue={periods[0]?.period}
        chevronPosition="right"
        data-testid="charges-accordion"
      >
        {periods.map((period) => {
          const month = formatMonthYear(period.period, i18n.language, { capitalize: true });
          return (
            <Accordion.Item key={period.period} value={period.period} bg="var(--mantine-color-body)">
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" gap="sm" pr="xs">
                  <Stack gap={0}>
                    <Text fw={600}>{month}</Text>
                    {period.statement && (
                      <Text size="xs" c="dimmed" className="tabular">
                        {t('charges.dueDate', { date: formatDate(period.statement.dueDate) })}
                      </Text>
                    )}
                  </Stack>
                  <Text fw={600} className="money">
                    {formatMoney(period.total)}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="lg">
                  {period.lines.length > 0 ? (
                    <ChargeLines lines={period.lines} total={period.total} caption={month} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('charges.noLines')}
                    </Text>
                  )}
                  {period.statement && (
                    <Card withBorder={false} bg="gray.0" padding="md" radius="md" maw={{ sm: 420 }}>
                      <StatementBreakdown statement={period.statement} caption={t('charges.statement')} />
                    </Card>
                  )}
                  {/* A month with a statement has a receipt. */}
                  {period.statement && (
                    <Anchor
                      component={Link}
                      to={`${receiptPath(period.period)}${accountQuery}`}
                      size="sm"
                      fw={500}
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t('charges.receiptLink', {
                        month: formatMonthYear(period.period, i18n.language),
                      })}{' '}
                      →
                    </Anchor>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}

function ChargesSkeleton() {
  return (
    <Stack gap="sm" aria-hidden>
      {[0, 1, 2, 3, 4].map((row) => (
        <Card key={row} padding="md">
          <Group justify="space-between">
            <Stack gap={6}>
              <Skeleton h={16} w={130} />
              <Skeleton h={12} w={100} />
            </Stack>
            <Skeleton h={16} w={90} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
