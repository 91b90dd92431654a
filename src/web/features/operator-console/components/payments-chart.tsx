// Bars of what was credited per day over the last 14 days. Loaded lazily (recharts is heavy).
// A hidden table carries the same numbers for screen readers.
import { BarChart } from '@mantine/charts';
import { Table, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OperatorOverview } from '../../../../shared/api/operator-console.ts';
import { formatMoney } from '../../../../shared/money.ts';

/** `2026-11-25` → `25.11`. */
function dayLabel(isoDate: string): string {
  return `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}`;
}

export function PaymentsChart({ days }: { days: OperatorOverview['paymentsByDay'] }) {
  const { t } = useTranslation();
  const data = days.map((day) => ({ day: dayLabel(day.date), rubles: day.amount / 100 }));
  return (
    <>
      <BarChart
        h={220}
        data={data}
        dataKey="day"
        series={[{ name: 'rubles', label: t('operatorConsole.overview.chartSeries'), color: 'indigo.6' }]}
        valueFormatter={(value) => formatMoney(Math.round(value * 100))}
        withYAxis={false}
        gridAxis="none"
        tickLine="none"
        barProps={{ radius: 3 }}
        xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 8 }}
        aria-hidden
      />
      <VisuallyHidden>
        <Table>
          <caption>{t('operatorConsole.overview.chartTableCaption')}</caption>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{dayLabel(day.date)}</th>
                <td>{formatMoney(day.amount)}</td>
                <td>
                  {t('operatorConsole.overview.chartCount')}: {day.count}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
