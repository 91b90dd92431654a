// /operator — the organization at a glance: accounts and how many are registered, readings of the
// period, payments today and over 14 days, open tickets (once they exist), recent imports.
import { Badge, Card, Grid, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OperatorOverview } from '../../../../shared/api/operator-console.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { WalletIcon } from '../../../components/icons.tsx';
import { formatDecimal, formatMonthYear } from '../../../lib/format.ts';
import { OPERATOR_ACCOUNTS_PATH } from '../../../lib/paths.ts';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';
import { useOverview } from '../api/get-overview.ts';
import { AccountSearchForm } from '../components/account-search-form.tsx';
import { ConsolePageTitle } from '../components/console-layout.tsx';
import { RecentImports } from '../components/recent-imports.tsx';
import { StatCard, StatCardSkeleton } from '../components/stat-card.tsx';

const PaymentsChart = lazy(() =>
  import('../components/payments-chart.tsx').then((module) => ({ default: module.PaymentsChart })),
);

export function OperatorOverviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { organization } = useStaffOrganization();
  const overview = useOverview(organization?.organizationId ?? '');
  useDocumentTitle(`${t('operatorConsole.overview.title')} — ${t('operatorConsole.title')}`);

  return (
    <>
      <ConsolePageTitle>{t('operatorConsole.overview.title')}</ConsolePageTitle>
      <AccountSearchForm
        onSearch={(query) =>
          void navigate(
            query ? `${OPERATOR_ACCOUNTS_PATH}?q=${encodeURIComponent(query)}` : OPERATOR_ACCOUNTS_PATH,
          )
        }
      />
      {overview.isError ? (
        <ErrorState
          error={overview.error}
          onRetry={() => void overview.refetch()}
          retrying={overview.isFetching}
        />
      ) : overview.data ? (
        <Overview overview={overview.data} />
      ) : (
        <OverviewSkeleton />
      )}
    </>
  );
}

function percent(share: number, locale: string): string {
  const value = Math.round(share * 1000) / 10;
  return locale.startsWith('ru') ? `${formatDecimal(String(value))}\u00a0%` : `${value}%`;
}

function Overview({ overview }: { overview: OperatorOverview }) {
  const { t, i18n } = useTranslation();
  const chartTitleId = useId();
  const { accounts, readings, paymentsToday, tickets } = overview;
  const hasPayments = overview.paymentsByDay.some((day) => day.count > 0);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard
          testId="stat-accounts"
          label={t('operatorConsole.overview.accounts')}
          value={formatDecimal(String(accounts.total))}
          hint={t('operatorConsole.overview.accountsHint')}
        />
        <StatCard
          testId="stat-registered"
          label={t('operatorConsole.overview.registered')}
          value={percent(accounts.registeredShare, i18n.language)}
          hint={t('operatorConsole.overview.registeredHint', {
            registered: formatDecimal(String(accounts.registered)),
            total: formatDecimal(String(accounts.total)),
          })}
        />
        <StatCard
          testId="stat-readings"
          label={t('operatorConsole.overview.readings', {
            period: formatMonthYear(readings.period, i18n.language),
          })}
          value={formatDecimal(String(readings.metersRead))}
          hint={t('operatorConsole.overview.readingsHint', {
            total: formatDecimal(String(readings.metersActive)),
          })}
          footer={
            <Badge variant="light" color={readings.windowOpen ? 'green' : 'gray'} w="fit-content" tt="none">
              {readings.windowOpen
                ? t('operatorConsole.overview.windowOpen')
                : t('operatorConsole.overview.windowClosed')}
            </Badge>
          }
        />
        <StatCard
          testId="stat-payments-today"
          label={t('operatorConsole.overview.paymentsToday')}
          value={formatMoney(paymentsToday.amount)}
          hint={t('operatorConsole.overview.paymentsTodayHint', { count: paymentsToday.count })}
        />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card padding="lg" component="section" aria-labelledby={chartTitleId} h="100%">
            <Stack gap="sm">
              <Stack gap={2}>
                <Title order={2} fz={{ base: 18, sm: 20 }} id={chartTitleId}>
                  {t('operatorConsole.overview.chartTitle')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('operatorConsole.overview.chartDescription')}
                </Text>
              </Stack>
              {hasPayments ? (
                <Suspense fallback={<Skeleton h={220} aria-hidden />}>
                  <PaymentsChart days={overview.paymentsByDay} />
                </Suspense>
              ) : (
                <EmptyState
                  title={t('operatorConsole.overview.chartEmpty')}
                  icon={<WalletIcon size={26} />}
                />
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <StatCard
            testId="stat-tickets"
            label={t('operatorConsole.overview.tickets')}
            value={tickets.available ? String(tickets.open) : '—'}
            hint={tickets.available ? undefined : t('operatorConsole.overview.ticketsUnavailable')}
          />
        </Grid.Col>
      </Grid>
      <RecentImports imports={overview.recentImports} />
    </Stack>
  );
}

function OverviewSkeleton() {
  return (
    <Stack gap="lg" aria-busy="true">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCardSkeleton />
        <StatCardSkeleton />
        <StatCardSkeleton />
        <StatCardSkeleton />
      </SimpleGrid>
      <Skeleton h={280} />
    </Stack>
  );
}
