// / — the account at a glance: what to pay, how it was calculated, the year by service, payments.
import { useTranslation } from 'react-i18next';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { useChargeHistory } from '../api/get-charge-history.ts';
import { useMeters } from '../api/get-meters.ts';
import { useRecentPayments } from '../api/get-recent-payments.ts';
import { useSummary } from '../api/get-summary.ts';
import { BalanceCard, BalanceCardSkeleton } from '../components/balance-card.tsx';
import { ChargesChartCard } from '../components/charges-chart-card.tsx';
import { CurrentCharges } from '../components/current-charges.tsx';
import { MetersDue } from '../components/meters-due.tsx';
import { RecentPayments } from '../components/recent-payments.tsx';
import classes from './dashboard-page.module.css';

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <AccountPage title={t('dashboard.title')}>{(account) => <Dashboard account={account} />}</AccountPage>
  );
}

function Dashboard({ account }: { account: AccountListItem }) {
  const summary = useSummary(account.id);
  const currentPeriod = summary.data?.currentPeriod ?? null;
  const history = useChargeHistory(account.id, currentPeriod);
  const payments = useRecentPayments(account.id);
  const meters = useMeters(account.id);

  if (summary.isError) {
    return (
      <ErrorState
        error={summary.error}
        onRetry={() => void summary.refetch()}
        retrying={summary.isFetching}
      />
    );
  }

  const noStatementYet = summary.isSuccess && currentPeriod === null;
  const current = history.data?.periods.find((period) => period.period === currentPeriod) ?? null;
  const historyError = history.isError ? history.error : null;

  const hasMeters = (summary.data?.metersDue.length ?? 0) > 0;
  return (
    <div className={hasMeters ? classes.grid : `${classes.grid} ${classes.withoutMeters}`}>
      <div className={classes.balance}>
        {summary.data ? <BalanceCard summary={summary.data} /> : <BalanceCardSkeleton />}
      </div>
      {summary.data && hasMeters && (
        <div className={classes.meters}>
          <MetersDue meters={summary.data.metersDue} readingWindow={meters.data?.window} />
        </div>
      )}
      <div className={classes.charges}>
        <CurrentCharges
          period={history.data || noStatementYet ? current : undefined}
          error={historyError}
          onRetry={() => void history.refetch()}
          retrying={history.isFetching}
        />
      </div>
      <div className={classes.chart}>
        <ChargesChartCard
          charges={history.data}
          empty={noStatementYet}
          error={historyError}
          onRetry={() => void history.refetch()}
          retrying={history.isFetching}
        />
      </div>
      <div className={classes.payments}>
        <RecentPayments
          payments={payments.data}
          error={payments.isError ? payments.error : null}
          onRetry={() => void payments.refetch()}
          retrying={payments.isFetching}
        />
      </div>
    </div>
  );
}
