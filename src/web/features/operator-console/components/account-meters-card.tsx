// The account's meters: resource, serial number, the last reading that counts, verification, and
// whether a reading for the window's period is still awaited.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Meter, MetersResponse } from '../../../../shared/api/readings.ts';
import { formatDate } from '../../../../shared/period.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { GaugeIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDecimal, formatLocalDate } from '../../../lib/format.ts';

function MeterStatus({ meter }: { meter: Meter }) {
  const { t } = useTranslation();
  if (meter.status !== 'active')
    return (
      <Badge color="gray" variant="light" tt="none" style={{ flexShrink: 0 }}>
        {t('operatorConsole.account.notActive')}
      </Badge>
    );
  if (meter.verification === 'expired')
    return (
      <Badge color="red" variant="light" tt="none" style={{ flexShrink: 0 }}>
        {t('operatorConsole.account.verificationExpired')}
      </Badge>
    );
  return meter.needsReading ? (
    <Badge color="yellow" variant="light" tt="none" style={{ flexShrink: 0 }}>
      {t('operatorConsole.account.needsReading')}
    </Badge>
  ) : (
    <Badge color="green" variant="light" tt="none" style={{ flexShrink: 0 }}>
      {t('operatorConsole.account.readingReceived')}
    </Badge>
  );
}

export function AccountMetersCard({ meters }: { meters: MetersResponse }) {
  const { t, i18n } = useTranslation();
  return (
    <SectionCard title={t('operatorConsole.account.metersTitle')} testId="account-meters">
      {meters.meters.length === 0 ? (
        <EmptyState title={t('operatorConsole.account.metersEmpty')} icon={<GaugeIcon size={26} />} />
      ) : (
        <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
          {meters.meters.map((meter, index) => (
            <Group
              component="li"
              key={meter.id}
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              gap="sm"
              py="sm"
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              <Stack gap={2} miw={0}>
                <Text fw={600}>{t(`meters.${meter.resource}`)}</Text>
                <Text size="sm" c="dimmed">
                  {t('operatorConsole.account.serial', { serial: meter.serialNumber })}
                  {meter.verifiedUntil && meter.verification !== 'expired'
                    ? ` · ${t('operatorConsole.account.verifiedUntil', { date: formatDate(meter.verifiedUntil) })}`
                    : ''}
                </Text>
                <Text size="sm">
                  {meter.last
                    ? `${t('operatorConsole.account.lastReading')}: ${meter.last.values
                        .map((value) => formatDecimal(value.value))
                        .join(
                          ' / ',
                        )} ${meter.unit} · ${formatLocalDate(meter.last.submittedAt, i18n.language)}`
                    : t('operatorConsole.account.noReading')}
                </Text>
              </Stack>
              <MeterStatus meter={meter} />
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
