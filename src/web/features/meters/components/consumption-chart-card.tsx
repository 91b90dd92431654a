// The card around the consumption chart: title, the lazily loaded chart, or a note without data.
import { Card, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryResponse } from '../../../../shared/api/readings.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { GaugeIcon } from '../../../components/icons.tsx';

const ConsumptionChart = lazy(() =>
  import('./consumption-chart.tsx').then((module) => ({ default: module.ConsumptionChart })),
);

export function ConsumptionChartCard({ chart, unit }: { chart: HistoryResponse['chart']; unit: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const hasData = chart.some((month) => month.consumption !== null || month.yearEarlier !== null);

  return (
    <Card component="section" aria-labelledby={titleId} data-testid="consumption-chart">
      <Stack gap={2} mb="md">
        <Title order={2} size="h4" id={titleId}>
          {t('readings.historyPage.chartTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('readings.historyPage.chartDescription', { unit })}
        </Text>
      </Stack>
      {hasData ? (
        <Suspense fallback={<Skeleton h={240} aria-hidden />}>
          <ConsumptionChart chart={chart} unit={unit} />
        </Suspense>
      ) : (
        <EmptyState title={t('readings.historyPage.chartEmpty')} icon={<GaugeIcon size={26} />} />
      )}
    </Card>
  );
}
