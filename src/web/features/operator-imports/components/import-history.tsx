// The organization's recent batches, newest first: kind, file, when, status and rows; each opens
// its details on this page (?import=<id>), which is also a link to send a colleague.
import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportStatus } from '../../../../shared/api/imports.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { HistoryIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { OPERATOR_IMPORTS_PATH } from '../../../lib/paths.ts';
import { useImports } from '../api/imports.ts';

export const IMPORT_PARAM = 'import';

const statusColor: Record<ImportStatus, string> = {
  queued: 'gray',
  checking: 'blue',
  applying: 'blue',
  applied: 'teal',
  rejected: 'orange',
  failed: 'red',
};

export function importDetailsHref(importId: string): string {
  return `${OPERATOR_IMPORTS_PATH}?${IMPORT_PARAM}=${encodeURIComponent(importId)}`;
}

export function ImportHistory({ organizationId, openId }: { organizationId: string; openId: string | null }) {
  const { t, i18n } = useTranslation();
  const imports = useImports(organizationId);

  let content: ReactNode;
  if (imports.isError) {
    content = (
      <ErrorState
        error={imports.error}
        onRetry={() => void imports.refetch()}
        retrying={imports.isFetching}
      />
    );
  } else if (!imports.data) {
    content = (
      <Stack gap="sm">
        <Skeleton h={44} />
        <Skeleton h={44} />
      </Stack>
    );
  } else if (imports.data.imports.length === 0) {
    content = (
      <EmptyState
        title={t('operatorImports.history.empty')}
        description={t('operatorImports.history.emptyDescription')}
        icon={<HistoryIcon size={26} />}
      />
    );
  } else {
    content = (
      <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
        {imports.data.imports.map((batch, index) => {
          const kindName = t(`operatorImports.kinds.${batch.kind}.name`);
          const open = batch.id === openId;
          return (
            <Group
              component="li"
              key={batch.id}
              justify="space-between"
              wrap="nowrap"
              align="flex-start"
              gap="sm"
              py="sm"
              data-testid="import-history-item"
              data-status={batch.status}
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              <Stack gap={2} miw={0}>
                <Anchor
                  component={Link}
                  to={importDetailsHref(batch.id)}
                  fw={600}
                  aria-current={open ? 'true' : undefined}
                  aria-label={t('operatorImports.history.open', {
                    kind: kindName,
                    date: formatDateTime(batch.createdAt, i18n.language),
                  })}
                >
                  {kindName}
                </Anchor>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {formatDateTime(batch.createdAt, i18n.language)}
                  {batch.fileName ? ` · ${batch.fileName}` : ''}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                <Badge variant="light" color={statusColor[batch.status]}>
                  {t(`operatorImports.status.${batch.status}`)}
                </Badge>
                <Text size="xs" c="dimmed" className="tabular">
                  {t('operatorImports.history.rows', { count: batch.rowsRead })}
                  {batch.errorCount > 0
                    ? ` · ${t('operatorImports.history.errors', { count: batch.errorCount })}`
                    : ''}
                </Text>
              </Stack>
            </Group>
          );
        })}
      </Stack>
    );
  }

  return (
    <SectionCard title={t('operatorImports.history.title')} id="import-history" testId="import-history">
      {content}
    </SectionCard>
  );
}
