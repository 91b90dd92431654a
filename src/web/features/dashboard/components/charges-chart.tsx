// Stacked bars: what each service cost per month over the last year. Loaded lazily (recharts is
// the heaviest part of the app). A hidden table carries the same numbers for screen readers.
import { BarChart } from '@mantine/charts';
import { ColorSwatch, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChargesResponse } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { listPeriods } from '../../../../shared/period.ts';
import { formatMonthShort, formatMonthYear } from '../../../lib/format.ts';

const seriesColors = [
  'indigo.6',
  'teal.6',
  'orange.5',
  'cyan.6',
  'grape.5',
  'yellow.6',
  'red.5',
  'lime.7',
  'blue.4',
  'pink.5',
  'violet.4',
  'gray.5',
];

interface ChargesChartProps {
  charges: ChargesResponse;
}

export function ChargesChart({ charges }: ChargesChartProps) {
  const { t, i18n } = useTranslation();
  // Keys are generated: recharts reads dots in a dataKey as a path, and service names may have them.
  const services = new Map<string, { key: string; label: string }>();
  for (const period of [...charges.periods].reverse()) {
    for (const line of period.lines) {
      if (!services.has(line.serviceCode)) {
        services.set(line.serviceCode, { key: `s${services.size}`, label: line.serviceName });
      }
    }
  }
  const byPeriod = new Map(charges.periods.map((period) => [period.period, period]));
  const months = listPeriods(charges.from, charges.to);
  const data = months.map((month) => {
    const row: Record<string, string | number> = { month: formatMonthShort(month, i18n.language) };
    for (const line of byPeriod.get(month)?.lines ?? []) {
      const service = services.get(line.serviceCode);
      if (service) row[service.key] = ((row[service.key] as number | undefined) ?? 0) + line.total / 100;
    }
    return row;
  });
  const series = [...services.values()].map((service, index) => ({
    name: service.key,
    label: service.label,
    color: seriesColors[index % seriesColors.length] ?? 'gray.5',
  }));
  const compact = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });

  return (
    <>
      <BarChart
        h={240}
        data={data}
        dataKey="month"
        type="stacked"
        series={series}
        valueFormatter={(rubles) => formatMoney(Math.round(rubles * 100))}
        yAxisProps={{ tickFormatter: (rubles: number) => compact.format(rubles), width: 56 }}
        xAxisProps={{ interval: 'preserveStartEnd', tickMargin: 8 }}
        gridAxis="x"
        tickLine="none"
        maxBarWidth={36}
        // Above the legend below it, so the hover tooltip is not crossed by the swatches.
        style={{ position: 'relative', zIndex: 1 }}
        // The numbers reach screen readers through the table below; a focusable svg would not.
        accessibilityLayer={false}
        aria-hidden
      />
      {/* Our own legend: recharts' legend takes its height from the plot and squeezes the bars on phones. */}
      <Group
        component="ul"
        gap="xs"
        mt="md"
        mb={0}
        p={0}
        style={{ listStyle: 'none', rowGap: 4 }}
        aria-hidden
      >
        {series.map((item) => (
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
      </Group>
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t('dashboard.chartTableCaption')}</Table.Caption>
          <Table.Tbody>
            {months.map((month) => (
              <Table.Tr key={month}>
                <Table.Th scope="row">{formatMonthYear(month, i18n.language, { capitalize: true })}</Table.Th>
                <Table.Td>{formatMoney(byPeriod.get(month)?.total ?? 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
