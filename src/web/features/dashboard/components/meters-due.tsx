// Meters that are waiting for this month's reading.
import { Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryResponse } from '../../../../shared/api/accounts.ts';
import { GaugeIcon } from '../../../components/icons.tsx';

export function MetersDue({ meters }: { meters: SummaryResponse['metersDue'] }) {
  const { t } = useTranslation();
  const titleId = useId();
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
        </Stack>
      </Group>
    </Card>
  );
}
