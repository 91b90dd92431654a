// Bars of consumption per month for 24 months, each beside the same month a year earlier. Loaded
// lazily (recharts is the heaviest part of the app). A hidden table carries the same numbers for
// screen readers.
import { BarChart } from '@mantine/charts';
import { ColorSwatch, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryResponse } from '../../../../shared/api/readings.ts';
import { formatMonthShort, formatMonthYear } from '../../../lib/format.ts';
import { formatQuantity } from '../lib/reading-text.ts';

const series = [
  { name: 'consumption', labelKey: 'readings.historyPage.seriesConsumption', color: 'indigo.6' },
  { name: 'yearEarlier', labelKey: 'readings.historyPage.seriesYearEarlier', color: 'gray.4' },
] as const;

interface ConsumptionChartProps {
  chart: HistoryResponse['chart'];
  unit: string;
}

export function ConsumptionChart({ chart, unit }: ConsumptionChartProps) {
  const { t, i18n } = useTranslation();
  // Numbers only for drawing; every figure a person reads comes from the exact decimal strings.
  const data = chart.map((month) => ({
    month: `${formatMonthShort(month.period, i18n.language)}${month.estimated ? '*' : ''}`,
    consumption: month.consumption === null ? null : Number(month.consumption),
    yearEarlier: month.yearEarlier === null ? null : Number(month.yearEarlier),
  }));
  const anyEstimated = chart.some((month) => month.estimated);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });
  const compact = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });
  const labelled = series.map((item) => ({ name: item.name, color: item.color, label: t(item.labelKey) }));

  return (
    <>
      <BarChart
        h={240}
        data={data}
        dataKey="month"
        series={labelled}
        valueFormatter={(value) => `${number.format(value)}\u00a0${unit}`}
        // The unit is in the card's description; bare numbers keep the axis narrow.
        yAxisProps={{ tickFormatter: (value: number) => compact.format(value), width: 56 }}
        xAxisProps={{ interval: 'preserveStartEnd', tickMargin: 8 }}
        gridAxis="x"
        tickLine="none"
        barChartProps={{ barGap: 1, barCategoryGap: '15%' }}
        // The numbers reach screen readers through the table below; a focusable svg would not.
        accessibilityLayer={false}
        aria-hidden
      />
      <Group
        component="ul"
        gap="md"
        mt="md"
        mb={0}
        p={0}
        style={{ listStyle: 'none', rowGap: 4 }}
        aria-hidden
      >
        {labelled.map((item) => (
          <Group component="li" key={item.name} gap={6} wrap="nowrap">
            <ColorSwatch
              color={`var(--mantine-color-${item.color.replace('.', '-')})`}
              size={10}
              withShadow={false}
            />
            <Text size="xs" c="dimmed">
              {item.label}
            </Text>
          </Group>
        ))}
        {anyEstimated && (
          <Text component="li" size="xs" c="dimmed">
            {t('readings.historyPage.estimatedLegend')}
          </Text>
        )}
      </Group>
      <VisuallyHidden>
        <Table data-testid="consumption-table">
          <Table.Caption>{t('readings.historyPage.chartTableCaption', { unit })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('readings.historyPage.period')}</Table.Th>
              <Table.Th>{t('readings.historyPage.seriesConsumption')}</Table.Th>
              <Table.Th>{t('readings.historyPage.seriesYearEarlier')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {chart.map((month) => (
              <Table.Tr key={month.period} data-period={month.period}>
                <Table.Th scope="row">
                  {formatMonthYear(month.period, i18n.language, { capitalize: true })}
                </Table.Th>
                <Table.Td>
                  {month.consumption === null
                    ? t('readings.historyPage.noData')
                    : formatQuantity(month.consumption, unit)}
                  {month.estimated && ` (${t('readings.historyPage.estimatedMark')})`}
                </Table.Td>
                <Table.Td>
                  {month.yearEarlier === null
                    ? t('readings.historyPage.noData')
                    : formatQuantity(month.yearEarlier, unit)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
