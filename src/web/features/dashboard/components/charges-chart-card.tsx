// The card around the chart: title, loading, empty and error states.
import { Card, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChargesResponse } from '../../../../shared/api/accounts.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { ReceiptIcon } from '../../../components/icons.tsx';

const ChargesChart = lazy(() =>
  import('./charges-chart.tsx').then((module) => ({ default: module.ChargesChart })),
);

interface ChargesChartCardProps {
  charges: ChargesResponse | undefined;
  /** Known to be empty before any request (no statement yet). */
  empty?: boolean;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}

export function ChargesChartCard({
  charges,
  empty = false,
  error,
  onRetry,
  retrying,
}: ChargesChartCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const chartSkeleton = <Skeleton h={280} aria-hidden />;

  let body: ReactNode;
  if (error) body = <ErrorState error={error} onRetry={onRetry} retrying={retrying} />;
  else if (empty || charges?.periods.length === 0)
    body = <EmptyState title={t('charges.emptyTitle')} icon={<ReceiptIcon size={26} />} />;
  else if (!charges) body = chartSkeleton;
  else
    body = (
      <Suspense fallback={chartSkeleton}>
        <ChargesChart charges={charges} />
      </Suspense>
    );

  return (
    <Card component="section" aria-labelledby={titleId} data-testid="charges-chart">
      <Stack gap={2} mb="md">
        <Title order={2} size="h4" id={titleId}>
          {t('dashboard.chartTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dashboard.chartDescription')}
        </Text>
      </Stack>
      {body}
    </Card>
  );
}
