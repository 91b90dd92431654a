// The submission window as it stands today: open until when (and how many days are left), or when
// it opens and what happens to a reading submitted before that.
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReadingWindow } from '../../../../shared/api/readings.ts';
import { formatDate } from '../../../../shared/period.ts';
import { GaugeIcon, InfoIcon } from '../../../components/icons.tsx';
import { formatMonthYear } from '../../../lib/format.ts';

/** The last days of the window stand out. */
const URGENT_DAYS = 3;

export function WindowBanner({ readingWindow: window }: { readingWindow: ReadingWindow }) {
  const { t, i18n } = useTranslation();
  const month = formatMonthYear(window.period, i18n.language);

  if (window.open) {
    const urgent = window.daysLeft !== null && window.daysLeft <= URGENT_DAYS;
    return (
      <Alert
        color={urgent ? 'yellow' : 'indigo'}
        variant="light"
        icon={<GaugeIcon />}
        title={t('readings.window.open', {
          month,
          date: formatDate(window.closesOn),
          count: window.daysLeft ?? 0,
        })}
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
        data-testid="reading-window"
      >
        <Text size="sm">{t('readings.window.openHint')}</Text>
      </Alert>
    );
  }

  return (
    <Alert
      color="gray"
      variant="light"
      icon={<InfoIcon />}
      title={t('readings.window.closedTitle', { date: window.opensOn ? formatDate(window.opensOn) : '—' })}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="reading-window"
    >
      <Text size="sm">
        {window.outsideWindow === 'next_period'
          ? t('readings.window.closedNextPeriod', { month })
          : t('readings.window.closedRefuse')}
      </Text>
    </Alert>
  );
}
