// How a finished batch ended, in words: what applying did, or why nothing was applied (the bad
// rows and the full report to download), or that it broke off on the server.
import { Alert, Box, Button, Code, Group, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDetails } from '../../../../shared/api/imports.ts';
import { formatPeriod } from '../../../../shared/period.ts';
import { AlertIcon, CheckIcon, DownloadIcon, XCircleIcon } from '../../../components/icons.tsx';
import { importReportUrl } from '../api/imports.ts';
import { type ImportResult, readImportResult } from '../lib/import-result.ts';

interface ImportOutcomeProps {
  batch: ImportDetails;
  organizationId: string;
  language: 'ru' | 'en';
}

export function ImportOutcome({ batch, organizationId, language }: ImportOutcomeProps) {
  const { t } = useTranslation();
  if (batch.status === 'applied') {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<CheckIcon />}
        title={t('operatorImports.applied.title')}
        data-testid="import-applied"
      >
        <ResultInWords result={readImportResult(batch.kind, batch.result)} rowsApplied={batch.rowsApplied} />
      </Alert>
    );
  }
  if (batch.status === 'failed') {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<XCircleIcon />}
        title={t('operatorImports.failed.title')}
        role="alert"
        data-testid="import-failed"
      >
        {t('operatorImports.failed.description')}
      </Alert>
    );
  }
  if (batch.status !== 'rejected') return null;

  const hidden = batch.errorCount - batch.issues.length;
  return (
    <Stack gap="md" data-testid="import-rejected">
      <Alert color="orange" variant="light" icon={<AlertIcon />} title={t('operatorImports.rejected.title')}>
        <Stack gap={4}>
          <Text size="sm" fw={600} data-testid="import-error-count">
            {t('operatorImports.rejected.errorCount', { count: batch.errorCount })}
          </Text>
          <Text size="sm">{t('operatorImports.rejected.whatNext')}</Text>
        </Stack>
      </Alert>
      <IssueCards batch={batch} />
      <Box visibleFrom="sm">
        <Table striped verticalSpacing="xs" captionSide="top" data-testid="import-issues">
          <Table.Caption ta="start">{t('operatorImports.rejected.tableCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                {t('operatorImports.rejected.row')}
              </Table.Th>
              <Table.Th scope="col">{t('operatorImports.rejected.column')}</Table.Th>
              <Table.Th scope="col">{t('operatorImports.rejected.value')}</Table.Th>
              <Table.Th scope="col">{t('operatorImports.rejected.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batch.issues.map((issue) => (
              <Table.Tr key={issueKey(issue)} data-row={issue.row}>
                <Table.Td className="tabular">
                  {issue.row === 0 ? t('operatorImports.rejected.wholeFile') : issue.row}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {issue.column || '—'}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {issue.value || '—'}
                </Table.Td>
                <Table.Td>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      {hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t('operatorImports.rejected.moreInReport', {
            shown: batch.issues.length,
            total: batch.errorCount,
          })}
        </Text>
      )}
      <div>
        <Button
          component="a"
          href={importReportUrl(organizationId, batch.id, language)}
          download
          variant="default"
          leftSection={<DownloadIcon size={18} />}
          data-testid="import-report"
        >
          {t('operatorImports.rejected.download')}
        </Button>
      </div>
    </Stack>
  );
}

type Issue = ImportDetails['issues'][number];

function issueKey(issue: Issue): string {
  return `${issue.row}-${issue.column}-${issue.code}-${issue.value}`;
}

/** On a phone the bad rows are a list of small cards; a four-column table would not fit. */
function IssueCards({ batch }: { batch: ImportDetails }) {
  const { t } = useTranslation();
  return (
    <Stack hiddenFrom="sm" gap="xs" data-testid="import-issue-cards">
      <Text size="sm" c="dimmed">
        {t('operatorImports.rejected.tableCaption')}
      </Text>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {batch.issues.map((issue) => (
          <Box
            component="li"
            key={issueKey(issue)}
            p="sm"
            style={{
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-md)',
            }}
          >
            <Group gap="xs" wrap="wrap" align="baseline">
              <Text fw={600} size="sm" className="tabular">
                {issue.row === 0
                  ? t('operatorImports.rejected.wholeFile')
                  : t('operatorImports.rejected.rowNumber', { row: issue.row })}
              </Text>
              {issue.column && <Code>{issue.column}</Code>}
              {issue.value && (
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {issue.value}
                </Text>
              )}
            </Group>
            <Text size="sm" mt={4}>
              {issue.message}
            </Text>
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}

function ResultInWords({ result, rowsApplied }: { result: ImportResult; rowsApplied: number }) {
  const { t } = useTranslation();
  switch (result.shape) {
    case 'period':
      return (
        <Text size="sm" data-testid="import-result">
          {t('operatorImports.applied.period', {
            period: formatPeriod(result.period),
            replaced: t('operatorImports.applied.replaced', { count: result.replaced }),
            inserted: t('operatorImports.applied.inserted', { count: result.inserted }),
          })}
        </Text>
      );
    case 'accounts':
      return (
        <Text size="sm" data-testid="import-result">
          {t('operatorImports.applied.accounts', {
            created: t('operatorImports.applied.accountsCreated', { count: result.created }),
            updated: t('operatorImports.applied.accountsUpdated', { count: result.updated }),
          })}
        </Text>
      );
    case 'services':
      return (
        <Text size="sm" data-testid="import-result">
          {t('operatorImports.applied.services', result)}
        </Text>
      );
    case 'payments':
      return (
        <Stack gap={4} data-testid="import-result">
          <Text size="sm">
            {t('operatorImports.applied.payments', {
              added: t('operatorImports.applied.paymentsAdded', { count: result.added }),
              already: result.alreadyImported,
            })}
            {result.matchedCard > 0 &&
              ` ${t('operatorImports.applied.paymentsMatched', { count: result.matchedCard })}`}
          </Text>
          {result.flagged.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('operatorImports.applied.flaggedTitle', { count: result.flagged.length })}
              </Text>
              <List size="sm" spacing={2}>
                {result.flagged.map((flag) => (
                  <List.Item key={`${flag.row}-${flag.reason}`}>
                    {t('operatorImports.applied.flaggedRow', {
                      row: flag.row,
                      reason: t(
                        flag.reason === 'probable_duplicate'
                          ? 'operatorImports.applied.flagDuplicate'
                          : 'operatorImports.applied.flagCard',
                      ),
                    })}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      );
    case 'unknown':
      return (
        <Text size="sm" data-testid="import-result">
          {t('operatorImports.applied.rows', { count: rowsApplied })}
        </Text>
      );
  }
}
