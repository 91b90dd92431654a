// Every submission of a meter, newest first: a table from the small-tablet width up, a list on
// phones. Replaced, rejected and estimated readings are marked as such.
import { Box, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meter, Submission } from '../../../../shared/api/readings.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { HistoryIcon } from '../../../components/icons.tsx';
import { formatLocalDate, formatMonthYear } from '../../../lib/format.ts';
import {
  formatSubmissionConsumption,
  formatSubmissionValues,
  statusColor,
  statusText,
} from '../lib/reading-text.ts';

interface HistoryTableProps {
  meter: Meter;
  submissions: readonly Submission[];
}

export function HistoryTable({ meter, submissions }: HistoryTableProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.language;
  const rows = submissions.map((submission) => ({
    submission,
    period: formatMonthYear(submission.period, locale, { capitalize: true }),
    value: formatSubmissionValues(t, meter, submission.values),
    consumption: formatSubmissionConsumption(t, meter, submission) ?? '—',
    source: t(`readings.source.${submission.source}`),
    status: statusText(t, submission, locale),
    date: formatLocalDate(submission.submittedAt, locale),
    // A value that no longer counts is struck through, so the one that counts stands out.
    struck: submission.status === 'replaced' || submission.status === 'rejected',
  }));

  return (
    <Card component="section" aria-labelledby={titleId} padding="lg" data-testid="readings-history">
      <Stack gap={2} mb="md">
        <Title order={2} size="h4" id={titleId}>
          {t('readings.historyPage.tableTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('readings.historyPage.tableDescription')}
        </Text>
      </Stack>
      {rows.length === 0 ? (
        <EmptyState title={t('readings.historyPage.emptyTitle')} icon={<HistoryIcon size={26} />} />
      ) : (
        <>
          <Box visibleFrom="sm">
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" striped="even" fz="sm" aria-labelledby={titleId}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('readings.historyPage.period')}</Table.Th>
                    <Table.Th ta="right">{t('readings.historyPage.value')}</Table.Th>
                    <Table.Th ta="right">{t('readings.historyPage.consumption')}</Table.Th>
                    <Table.Th>{t('readings.historyPage.source')}</Table.Th>
                    <Table.Th>{t('readings.historyPage.status')}</Table.Th>
                    <Table.Th>{t('readings.historyPage.submittedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.submission.id} data-status={row.submission.status}>
                      <Table.Th scope="row" fw={500}>
                        {row.period}
                      </Table.Th>
                      <Table.Td ta="right" className="tabular" td={row.struck ? 'line-through' : undefined}>
                        {row.value}
                      </Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {row.consumption}
                      </Table.Td>
                      <Table.Td c={row.submission.source === 'estimated' ? 'orange.9' : undefined}>
                        {row.source}
                      </Table.Td>
                      <Table.Td c={statusColor[row.submission.status]} fw={500}>
                        {row.status}
                      </Table.Td>
                      <Table.Td className="tabular">{row.date}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Box>

          <Stack
            hiddenFrom="sm"
            gap={0}
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-labelledby={titleId}
          >
            {rows.map((row, index) => (
              <Box
                component="li"
                key={row.submission.id}
                py="sm"
                style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
                data-status={row.submission.status}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <Text fw={600} size="sm">
                    {row.period}
                  </Text>
                  <Text
                    fw={600}
                    size="sm"
                    className="tabular"
                    ta="right"
                    td={row.struck ? 'line-through' : undefined}
                  >
                    {row.value}
                  </Text>
                </Group>
                <Text size="sm" c={statusColor[row.submission.status]} fw={500}>
                  {row.status}
                </Text>
                <Text size="xs" c="dimmed" className="tabular">
                  {t('readings.historyPage.consumption')}: {row.consumption}
                </Text>
                <Text size="xs" c={row.submission.source === 'estimated' ? 'orange.9' : 'dimmed'}>
                  {row.source} · {row.date}
                </Text>
              </Box>
            ))}
          </Stack>
        </>
      )}
    </Card>
  );
}
