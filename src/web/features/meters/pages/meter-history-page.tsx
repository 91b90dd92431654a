// /meters/:meterId — one meter's readings: consumption by month beside the year before, and every
// submission with its source and status.
import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';
import { METERS_PATH } from '../../../lib/paths.ts';
import { useReadingHistory } from '../api/get-reading-history.ts';
import { ConsumptionChartCard } from '../components/consumption-chart-card.tsx';
import { HistoryTable } from '../components/history-table.tsx';

export function MeterHistoryPage() {
  const { t } = useTranslation();
  const { meterId = '' } = useParams();
  return (
    <AccountPage title={t('readings.historyPage.title')}>
      {(account) => <MeterHistory account={account} meterId={meterId} />}
    </AccountPage>
  );
}

function MeterHistory({ account, meterId }: { account: AccountListItem; meterId: string }) {
  const { t } = useTranslation();
  const history = useReadingHistory(account.id, meterId);
  const metersHref = useAccountHref(METERS_PATH);

  const back = (
    <Anchor component={Link} to={metersHref} size="sm" fw={500} style={{ alignSelf: 'flex-start' }}>
      ← {t('readings.historyPage.back')}
    </Anchor>
  );

  if (history.isError) {
    return (
      <Stack gap="md">
        {back}
        <ErrorState
          error={history.error}
          onRetry={() => void history.refetch()}
          retrying={history.isFetching}
        />
      </Stack>
    );
  }
  if (!history.data) {
    return (
      <Stack gap="lg" aria-hidden>
        {back}
        <Skeleton h={24} w={260} />
        <Card>
          <Skeleton h={280} />
        </Card>
        <Card>
          <Stack gap="sm">
            {[0, 1, 2, 3, 4].map((row) => (
              <Skeleton key={row} h={20} />
            ))}
          </Stack>
        </Card>
      </Stack>
    );
  }

  const { meter, submissions, chart } = history.data;
  return (
    <Stack gap="lg">
      {back}
      <Group gap="xs" align="baseline" wrap="wrap">
        <Title order={2} fz={{ base: 20, sm: 22 }}>
          {t(`meters.${meter.resource}`)}
        </Title>
        <Text c="dimmed" className="tabular">
          {t('readings.serial', { serial: meter.serialNumber })}
        </Text>
      </Group>
      <ConsumptionChartCard chart={chart} unit={meter.unit} />
      <HistoryTable meter={meter} submissions={submissions} />
    </Stack>
  );
}
