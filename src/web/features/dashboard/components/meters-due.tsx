// Meters that are waiting for this month's reading, how long the window stays open (or when it
// opens), and the way to the meters page.
import { Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SummaryResponse } from '../../../../shared/api/accounts.ts';
import type { ReadingWindow } from '../../../../shared/api/readings.ts';
import { formatDate } from '../../../../shared/period.ts';
import { GaugeIcon } from '../../../components/icons.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';
import { formatMonthYear } from '../../../lib/format.ts';
import { METERS_PATH } from '../../../lib/paths.ts';

interface MetersDueProps {
  meters: SummaryResponse['metersDue'];
  /** Undefined until the meters have loaded (or when they could not): the reminder does without it. */
  readingWindow: ReadingWindow | undefined;
}

export function MetersDue({ meters, readingWindow }: MetersDueProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const metersHref = useAccountHref(METERS_PATH);
  if (meters.length === 0) return null;
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      bg="yellow.0"
      style={{ borderColor: 'var(--mantine-color-yellow-3)' }}
      data-testid="meters-due"
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon color="yellow" variant="light" size={40} radius="xl" aria-hidden>
          <GaugeIcon size={22} />
        </ThemeIcon>
        <Stack gap={6} miw={0}>
          <Title order={2} size="h5" id={titleId}>
            {t('dashboard.metersTitle')}
          </Title>
          {readingWindow && <WindowLine readingWindow={readingWindow} />}
          <Text size="sm">{t('dashboard.metersDescription')}</Text>
          <List size="sm" spacing={2}>
            {meters.map((meter) => (
              <List.Item key={meter.meterId}>
                {t(`meters.${meter.resource}`, { defaultValue: meter.resource })}{' '}
                <Text span c="dimmed" size="sm" className="tabular">
                  {t('dashboard.meterSerial', { serial: meter.serialNumber })}
                </Text>
              </List.Item>
            ))}
          </List>
          <Group mt={4}>
            <Button component={Link} to={metersHref} color="dark" size="sm">
              {t('dashboard.metersLink')}
            </Button>
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}

function WindowLine({ readingWindow }: { readingWindow: ReadingWindow }) {
  const { t, i18n } = useTranslation();
  if (readingWindow.open) {
    return (
      <Text fw={600} className="tabular" data-testid="meters-deadline">
        {t('dashboard.metersDeadline', {
          date: formatDate(readingWindow.closesOn),
          count: readingWindow.daysLeft ?? 0,
        })}
      </Text>
    );
  }
  const date = readingWindow.opensOn ? formatDate(readingWindow.opensOn) : '—';
  return (
    <div data-testid="meters-deadline">
      <Text fw={600} className="tabular">
        {t('dashboard.metersOpens', { date })}
      </Text>
      {readingWindow.outsideWindow === 'next_period' && (
        <Text size="sm">
          {t('dashboard.metersOpensNextPeriod', {
            month: formatMonthYear(readingWindow.period, i18n.language),
          })}
        </Text>
      )}
    </div>
  );
}
