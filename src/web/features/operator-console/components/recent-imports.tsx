// The latest import batches: what was loaded, when, how many rows, and how it ended.
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportBatch } from '../../../../shared/api/operator-console.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { DownloadIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { OPERATOR_IMPORTS_PATH } from '../../../lib/paths.ts';

const statusColor: Record<string, string> = {
  queued: 'gray',
  checking: 'blue',
  applying: 'blue',
  applied: 'green',
  rejected: 'orange',
  failed: 'red',
};

export function RecentImports({ imports }: { imports: readonly ImportBatch[] }) {
  const { t, i18n } = useTranslation();
  return (
    <SectionCard
      title={t('operatorConsole.overview.importsTitle')}
      testId="recent-imports"
      aside={
        <Anchor component={Link} to={OPERATOR_IMPORTS_PATH} size="sm">
          {t('operatorConsole.overview.importsAll')}
        </Anchor>
      }
    >
      {imports.length === 0 ? (
        <EmptyState
          title={t('operatorConsole.overview.importsEmpty')}
          description={t('operatorConsole.overview.importsEmptyDescription')}
          icon={<DownloadIcon size={26} />}
        />
      ) : (
        <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
          {imports.map((batch, index) => (
            <Group
              component="li"
              key={batch.id}
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py="sm"
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              <Stack gap={2} miw={0}>
                <Text fw={600}>
                  {t(`operatorConsole.overview.importKinds.${batch.kind}`, { defaultValue: batch.kind })}
                </Text>
                <Text size="sm" c="dimmed" truncate>
                  {formatDateTime(batch.createdAt, i18n.language)}
                  {batch.fileName ? ` · ${batch.fileName}` : ''}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                <Badge variant="light" color={statusColor[batch.status] ?? 'gray'}>
                  {t(`operatorConsole.overview.importStatus.${batch.status}`, { defaultValue: batch.status })}
                </Badge>
                <Text size="xs" c="dimmed" className="tabular">
                  {t('operatorConsole.overview.importRows', { count: batch.rowsRead })}
                  {batch.errorCount > 0
                    ? ` · ${t('operatorConsole.overview.importErrors', { count: batch.errorCount })}`
                    : ''}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
