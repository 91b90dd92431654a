// /meters — the account's meters: the submission window, and per meter its last reading and the
// form for this period's reading.
import { Card, Divider, Group, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { GaugeIcon } from '../../../components/icons.tsx';
import { useMeters } from '../api/get-meters.ts';
import { MeterCard } from '../components/meter-card.tsx';
import { WindowBanner } from '../components/window-banner.tsx';

export function MetersPage() {
  const { t } = useTranslation();
  return <AccountPage title={t('readings.title')}>{(account) => <Meters account={account} />}</AccountPage>;
}

function Meters({ account }: { account: AccountListItem }) {
  const { t } = useTranslation();
  const meters = useMeters(account.id);

  if (meters.isError) {
    return (
      <ErrorState error={meters.error} onRetry={() => void meters.refetch()} retrying={meters.isFetching} />
    );
  }
  if (!meters.data) return <MetersSkeleton />;

  if (meters.data.meters.length === 0) {
    return (
      <Card maw={880}>
        <EmptyState
          title={t('readings.emptyTitle')}
          description={t('readings.emptyDescription')}
          icon={<GaugeIcon size={28} />}
        />
      </Card>
    );
  }

  return (
    <Stack gap="lg">
      <WindowBanner readingWindow={meters.data.window} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        {meters.data.meters.map((meter) => (
          <MeterCard key={meter.id} account={account} meter={meter} readingWindow={meters.data.window} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function MetersSkeleton() {
  return (
    <Stack gap="lg" aria-hidden>
      <Skeleton h={72} radius="md" />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {[0, 1].map((card) => (
          <Card key={card} padding="lg">
            <Stack gap="md">
              <Group gap="sm">
                <Skeleton h={40} w={40} circle />
                <Stack gap={6}>
                  <Skeleton h={18} w={140} />
                  <Skeleton h={12} w={100} />
                </Stack>
              </Group>
              <Skeleton h={26} w={120} />
              <Divider />
              <Skeleton h={42} maw={480} />
              <Skeleton h={42} w={200} />
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
