// One meter: what it is, its last reading (and whose it was), its verification, and the form for
// this period's reading — or why a reading cannot be submitted now.
import { Alert, Anchor, Badge, Card, Divider, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import type { Meter, ReadingWindow } from '../../../../shared/api/readings.ts';
import { formatDate } from '../../../../shared/period.ts';
import {
  AlertIcon,
  CheckMarkIcon,
  ChevronRightIcon,
  GaugeIcon,
  InfoIcon,
} from '../../../components/icons.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';
import { formatMonthYear } from '../../../lib/format.ts';
import {
  formatQuantity,
  formatSubmissionValues,
  resourceColor,
  statusText,
  zoneName,
} from '../lib/reading-text.ts';
import { meterHistoryPath } from '../paths.ts';
import { ReadingForm } from './reading-form.tsx';

interface MeterCardProps {
  account: AccountListItem;
  meter: Meter;
  readingWindow: ReadingWindow;
}

export function MeterCard({ account, meter, readingWindow }: MeterCardProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const historyHref = useAccountHref(meterHistoryPath(meter.id));
  const resource = t(`meters.${meter.resource}`);
  const month = (period: string) => formatMonthYear(period, i18n.language);

  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      padding="lg"
      style={{ overflowWrap: 'anywhere' }}
      data-testid="meter-card"
      data-resource={meter.resource}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon color={resourceColor[meter.resource]} variant="light" size={40} radius="xl" aria-hidden>
            <GaugeIcon size={22} />
          </ThemeIcon>
          <Stack gap={4} miw={0}>
            <Title order={2} fz={{ base: 18, sm: 20 }} id={titleId}>
              {resource}
            </Title>
            <Text size="sm" c="dimmed" className="tabular">
              {t('readings.serial', { serial: meter.serialNumber })}
              {meter.verification === 'ok' && meter.verifiedUntil && (
                <> · {t('readings.verifiedUntil', { date: formatDate(meter.verifiedUntil) })}</>
              )}
            </Text>
            {meter.current && (
              <Badge
                color="green"
                variant="light"
                tt="none"
                radius="sm"
                leftSection={<CheckMarkIcon size={12} />}
                style={{ alignSelf: 'flex-start' }}
                data-testid="submitted-badge"
              >
                {t('readings.submittedBadge', { month: month(meter.current.period) })}
              </Badge>
            )}
          </Stack>
        </Group>

        <LastReading meter={meter} />
        <Verification meter={meter} />

        {meter.verification !== 'expired' && (
          <>
            <Divider />
            <FormOrReason account={account} meter={meter} readingWindow={readingWindow} />
          </>
        )}

        <Anchor
          component={Link}
          to={historyHref}
          size="sm"
          fw={500}
          aria-label={t('readings.historyFor', { meter: resource })}
          style={{ alignSelf: 'flex-start' }}
        >
          <Group gap={4} wrap="nowrap" component="span">
            {t('readings.history')}
            <ChevronRightIcon size={16} />
          </Group>
        </Anchor>
      </Stack>
    </Card>
  );
}

function LastReading({ meter }: { meter: Meter }) {
  const { t, i18n } = useTranslation();
  const last = meter.last;
  if (!last) {
    return (
      <Text size="sm" c="dimmed">
        {t('readings.noLast')}
      </Text>
    );
  }
  const estimated = last.source === 'estimated';
  const forMonth = t('readings.forMonth', { month: formatMonthYear(last.period, i18n.language) });
  return (
    <Stack gap={4} data-testid="last-reading">
      <Text size="sm" c="dimmed">
        {t('readings.lastTitle')}
      </Text>
      {last.values.length === 1 ? (
        <Group gap="xs" align="baseline" wrap="wrap">
          <Text fw={700} fz={22} className="tabular" data-testid="last-reading-value">
            {formatSubmissionValues(t, meter, last.values)}
          </Text>
          <Text size="sm">{forMonth}</Text>
        </Group>
      ) : (
        <>
          {/* One value per zone, each under its name: "День 32 340 кВт·ч" on one line wraps badly. */}
          <Group gap="lg" align="flex-start" data-testid="last-reading-value">
            {last.values.map((entry) => (
              <Stack gap={0} key={entry.register}>
                <Text size="xs" c="dimmed">
                  {zoneName(t, meter, entry.register)}
                </Text>
                <Text fw={700} fz={20} className="tabular">
                  {formatQuantity(entry.value, meter.unit)}
                </Text>
              </Stack>
            ))}
          </Group>
          <Text size="sm">{forMonth}</Text>
        </>
      )}
      <Group gap={6} wrap="wrap">
        <Badge variant="dot" color={estimated ? 'orange' : 'gray'} tt="none" radius="sm">
          {t(`readings.source.${last.source}`)}
        </Badge>
        <Badge variant="light" color={last.status === 'included' ? 'green' : 'teal'} tt="none" radius="sm">
          {statusText(t, last, i18n.language)}
        </Badge>
      </Group>
      {estimated && (
        <Text size="sm" c="orange.9">
          {t('readings.estimatedNote')}
        </Text>
      )}
    </Stack>
  );
}

function Verification({ meter }: { meter: Meter }) {
  const { t } = useTranslation();
  const date = meter.verifiedUntil ? formatDate(meter.verifiedUntil) : null;
  if (meter.verification === 'soon') {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<AlertIcon />}
        title={t('readings.verificationSoonTitle', { date })}
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
        data-testid="verification-soon"
      >
        {t('readings.verificationSoon')}
      </Alert>
    );
  }
  if (meter.verification === 'expired') {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<AlertIcon />}
        title={
          date
            ? t('readings.verificationExpiredTitle', { date })
            : t('readings.verificationExpiredTitleNoDate')
        }
        data-testid="verification-expired"
      >
        {t('readings.verificationExpired')}
      </Alert>
    );
  }
  return null;
}

/** The form, unless something rules a reading out; the card then says why (an expired
 * verification is explained above it and leaves no form at all). */
function FormOrReason({ account, meter, readingWindow }: MeterCardProps) {
  const { t } = useTranslation();
  let reason: string | null = null;
  if (meter.status !== 'active') reason = t(`readings.notActive.${meter.status}`);
  else if (account.role === 'viewer') reason = t('readings.viewer');
  else if (!readingWindow.open && readingWindow.outsideWindow === 'refuse')
    reason = t('readings.refused', {
      date: readingWindow.opensOn ? formatDate(readingWindow.opensOn) : '—',
    });
  if (reason) {
    return (
      <Group gap="xs" wrap="nowrap" align="flex-start" c="dimmed">
        <InfoIcon size={18} />
        <Text size="sm">{reason}</Text>
      </Group>
    );
  }
  return <ReadingForm accountId={account.id} meter={meter} readingWindow={readingWindow} />;
}
