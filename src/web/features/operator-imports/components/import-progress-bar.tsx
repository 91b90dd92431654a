// The batch's progress: one bar with the stage in words and the three counts (read, checked,
// applied). The stage line is a polite live region, so a screen reader hears when it moves on.
import { Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '../../../../shared/api/imports.ts';
import { formatDecimal } from '../../../lib/format.ts';
import { importProgress } from '../lib/import-progress.ts';

export function ImportProgressBar({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const progress = importProgress(batch);
  const counts = [
    { key: 'rowsRead', value: batch.rowsRead },
    { key: 'rowsChecked', value: batch.rowsChecked },
    { key: 'rowsApplied', value: batch.rowsApplied },
  ] as const;
  return (
    <Stack gap="xs" data-testid="import-progress" data-status={batch.status}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
        <Text fw={600} aria-live="polite" data-testid="import-stage">
          {t(`operatorImports.stage.${batch.status}`)}
        </Text>
        <Text size="sm" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }} aria-hidden>
          {progress.percent}
          {'\u00a0'}%
        </Text>
      </Group>
      <Progress
        value={progress.percent}
        color={progress.color}
        striped={progress.moving}
        animated={progress.moving}
        size="lg"
        radius="xl"
        aria-label={t('operatorImports.progressLabel')}
      />
      <SimpleGrid cols={3} spacing="xs">
        {counts.map((count) => (
          <Stack key={count.key} gap={0} data-testid={`import-${count.key}`}>
            <Text size="xs" c="dimmed">
              {t(`operatorImports.counts.${count.key}`)}
            </Text>
            <Text fw={600} className="tabular">
              {formatDecimal(String(count.value))}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
