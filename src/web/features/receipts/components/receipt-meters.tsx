// The readings the receipt was calculated from: per device, previous → current for each register;
// a value the organization estimated by the average is marked «расчётное».
import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReceiptMeter } from '../../../../shared/api/receipts.ts';
import { addMonths, formatPeriod, type Period } from '../../../../shared/period.ts';
import { capitalize, formatReading, groupMeters } from '../lib/receipt-text.ts';

const rowBorder = '1px solid var(--mantine-color-gray-2)';

interface ReceiptMetersProps {
  meters: readonly ReceiptMeter[];
  period: Period;
}

export function ReceiptMeters({ meters, period }: ReceiptMetersProps) {
  const { t } = useTranslation();
  const groups = groupMeters(meters);
  const anyEstimated = meters.some((meter) => meter.current?.estimated);
  return (
    <Stack gap={0}>
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {groups.map((group, index) => (
          <Box
            component="li"
            key={group.meterId}
            py="sm"
            style={index > 0 ? { borderTop: rowBorder } : undefined}
          >
            <Group gap="xs" align="baseline" wrap="wrap">
              <Text fw={500} size="sm">
                {t(`meters.${group.resource}`)}
              </Text>
              <Text size="xs" c="dimmed" className="tabular">
                {t('receipts.view.serial', { serial: group.serialNumber })}
              </Text>
            </Group>
            <Stack gap={4} mt={4}>
              {group.registers.map((meter) => (
                <RegisterRow key={meter.register} meter={meter} period={period} />
              ))}
            </Stack>
          </Box>
        ))}
      </Box>
      {anyEstimated && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('receipts.view.estimatedNote')}
        </Text>
      )}
    </Stack>
  );
}

function RegisterRow({ meter, period }: { meter: ReceiptMeter; period: Period }) {
  const { t } = useTranslation();
  // The previous value may be older than last month; then its month is worth saying.
  const previousPeriod =
    meter.previous && meter.previous.period !== addMonths(period, -1) ? meter.previous.period : null;
  const currentPeriod = meter.current && meter.current.period !== period ? meter.current.period : null;
  return (
    <Group justify="space-between" gap="xs" wrap="wrap" data-testid="receipt-meter-row">
      <Text size="sm" c="dimmed">
        {meter.registerName ? capitalize(meter.registerName) : t('receipts.view.reading')}
      </Text>
      <Group gap={6} wrap="wrap" justify="flex-end">
        <Text size="sm" className="tabular">
          <span className="money">{meter.previous ? formatReading(meter.previous.value) : '—'}</span>
          {previousPeriod && (
            <span className="receipt-dim">
              {' '}
              ({t('receipts.view.forPeriod', { period: formatPeriod(previousPeriod) })})
            </span>
          )}
          {' → '}
          <span className="money" style={{ fontWeight: 600 }}>
            {meter.current ? formatReading(meter.current.value) : t('receipts.view.noReading')}
          </span>
          {meter.current && <span className="money">{`\u00a0${meter.unit}`}</span>}
          {currentPeriod && (
            <span className="receipt-dim">
              {' '}
              ({t('receipts.view.forPeriod', { period: formatPeriod(currentPeriod) })})
            </span>
          )}
        </Text>
        {meter.current?.estimated && (
          <Badge size="sm" variant="dot" color="orange" tt="none" radius="sm" data-testid="receipt-estimated">
            {t('receipts.view.estimated')}
          </Badge>
        )}
      </Group>
    </Group>
  );
}
