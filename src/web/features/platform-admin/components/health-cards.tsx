// The instance's health and its job queue, refreshed every 10 s: the database (answering, how
// fast), migrations, uptime and memory; each queue's waiting, running, done and failed jobs of the
// last 24 h, and the latest failures with their error.
import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useInstanceHealth } from '../api/platform-admin.ts';

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function uptimeParts(seconds: number) {
  return {
    days: Math.floor(seconds / 86_400),
    hours: Math.floor((seconds % 86_400) / 3_600),
    minutes: Math.floor((seconds % 3_600) / 60),
  };
}

export function HealthCards() {
  const { t, i18n } = useTranslation();
  const health = useInstanceHealth();

  if (health.isError)
    return (
      <ErrorState error={health.error} onRetry={() => void health.refetch()} retrying={health.isFetching} />
    );
  if (!health.data)
    return (
      <Text size="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    );
  const data = health.data;
  const facts = [
    {
      label: t('platformAdmin.health.database'),
      value: (
        <Group gap={6}>
          <Badge color={data.database.ok ? 'green' : 'red'} variant="light">
            {data.database.ok ? t('platformAdmin.health.ok') : t('platformAdmin.health.down')}
          </Badge>
          <Text size="sm">
            {data.database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} ·{' '}
            {t('platformAdmin.health.latency', { ms: data.database.latencyMs.toFixed(1) })}
          </Text>
        </Group>
      ),
    },
    {
      label: t('platformAdmin.health.migrations'),
      value: `${data.migrations.latest ?? '—'} (${data.migrations.applied})`,
    },
    {
      label: t('platformAdmin.health.uptime'),
      value: t('platformAdmin.health.uptimeValue', uptimeParts(data.uptimeSeconds)),
    },
    {
      label: t('platformAdmin.health.memory'),
      value: t('platformAdmin.health.memoryValue', {
        rss: megabytes(data.memory.rssBytes),
        heap: megabytes(data.memory.heapUsedBytes),
      }),
    },
    {
      label: t('platformAdmin.health.worker'),
      value: data.worker ? t('platformAdmin.health.workerOn') : t('platformAdmin.health.workerOff'),
    },
  ];

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <SectionCard
        title={t('platformAdmin.health.title')}
        description={t('platformAdmin.health.checkedAt', {
          time: formatDateTime(data.checkedAt, i18n.language),
        })}
        testId="admin-health"
      >
        <Stack component="dl" gap={8} m={0}>
          {facts.map((fact) => (
            <div key={fact.label}>
              <Text component="dt" size="xs" c="dimmed">
                {fact.label}
              </Text>
              <Text component="dd" m={0} size="sm" fw={500}>
                {fact.value}
              </Text>
            </div>
          ))}
        </Stack>
      </SectionCard>
      <SectionCard
        title={t('platformAdmin.queue.title')}
        description={t('platformAdmin.queue.description')}
        testId="admin-queue"
      >
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4} fz="sm" style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('platformAdmin.queue.name')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.queue.queued')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.queue.active')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.queue.completed')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.queue.failed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.queues.map((queue) => (
                <Table.Tr key={queue.name}>
                  <Table.Td ff="monospace">{queue.name}</Table.Td>
                  <Table.Td ta="right">{queue.queued}</Table.Td>
                  <Table.Td ta="right">{queue.active}</Table.Td>
                  <Table.Td ta="right">{queue.completedLastDay}</Table.Td>
                  <Table.Td
                    ta="right"
                    c={queue.failedLastDay > 0 ? 'red' : undefined}
                    fw={queue.failedLastDay ? 700 : undefined}
                  >
                    {queue.failedLastDay}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data.failedJobs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('platformAdmin.queue.noFailures')}
          </Text>
        ) : (
          <Stack gap={6} data-testid="admin-failed-jobs">
            <Text size="sm" fw={600}>
              {t('platformAdmin.queue.failures')}
            </Text>
            {data.failedJobs.map((job) => (
              <Text key={job.id} size="xs" style={{ overflowWrap: 'anywhere' }}>
                <Text span ff="monospace" size="xs">
                  {job.name}
                </Text>{' '}
                · {formatDateTime(job.failedAt, i18n.language)} ·{' '}
                {t('platformAdmin.queue.retries', { count: job.retries })}
                {job.error ? ` · ${job.error}` : ''}
              </Text>
            ))}
          </Stack>
        )}
      </SectionCard>
    </SimpleGrid>
  );
}
