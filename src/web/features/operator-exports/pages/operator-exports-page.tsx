// /operator/exports (a section of the operator console) — files for the organization's other systems: the month's card payments for
// the billing system, the registered subscribers for reconciliation with ГИС ЖКХ (no e-mails, every
// download recorded), and the reading batches. One choice of month and encoding serves them all.
import {
  Alert,
  Anchor,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportEncoding } from '../../../../shared/api/exports.ts';
import { addMonths, periodOf } from '../../../../shared/period.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { DownloadIcon, InfoIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime, formatMonthYear } from '../../../lib/format.ts';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';
import {
  paymentsFileUrl,
  readingExportFileUrl,
  subscribersFileUrl,
  useCreateReadingExport,
  useReadingExports,
} from '../api/exports.ts';

/** The current month and the 23 before it, newest first. */
function recentPeriods(): string[] {
  const current = periodOf(new Date());
  return Array.from({ length: 24 }, (_, index) => addMonths(current, -index));
}

export function OperatorExportsPage() {
  const { t, i18n } = useTranslation();
  const { organization, organizationQuery } = useStaffOrganization();
  const periods = recentPeriods();
  // The month that just ended is the one usually sent to billing.
  const [period, setPeriod] = useState(periods[1]!);
  const [encoding, setEncoding] = useState<ExportEncoding>('utf-8');
  useDocumentTitle(`${t('operatorExports.title')} — ${t('operatorConsole.title')}`);

  // The console's frame tells people who are not staff where they are.
  if (!organization) return null;
  // The organization chosen in the console (the API insists on it only for staff of several).
  const scope = organizationQuery.organizationId;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('operatorExports.title')}
        </Title>
        <Text c="dimmed">{t('operatorExports.intro')}</Text>
      </Stack>

      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('operatorExports.period')}
          data={periods.map((value) => ({
            value,
            label: formatMonthYear(value, i18n.language, { capitalize: true }),
          }))}
          value={period}
          onChange={(value) => value && setPeriod(value)}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
          data-testid="export-period"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="export-encoding-label">
            {t('operatorExports.encoding')}
          </Text>
          <SegmentedControl
            aria-labelledby="export-encoding-label"
            value={encoding}
            onChange={(value) => setEncoding(value as ExportEncoding)}
            data={[
              { value: 'utf-8', label: t('operatorExports.encodings.utf8') },
              { value: 'windows-1251', label: t('operatorExports.encodings.windows1251') },
            ]}
          />
        </Stack>
      </Group>

      <SectionCard
        title={t('operatorExports.payments.title')}
        description={t('operatorExports.payments.description')}
        testId="export-payments"
      >
        <Group gap="sm" wrap="wrap">
          <Button
            component="a"
            href={paymentsFileUrl({ organizationId: scope, period, encoding, format: 'csv' })}
            download
            leftSection={<DownloadIcon size={18} />}
          >
            {t('operatorExports.payments.downloadCsv', {
              period: formatMonthYear(period, i18n.language),
            })}
          </Button>
          <Button
            component="a"
            variant="default"
            href={paymentsFileUrl({ organizationId: scope, period, encoding, format: 'json' })}
            download
          >
            {t('operatorExports.payments.downloadJson')}
          </Button>
        </Group>
      </SectionCard>

      <SectionCard
        title={t('operatorExports.subscribers.title')}
        description={t('operatorExports.subscribers.description')}
        testId="export-subscribers"
      >
        <Alert variant="light" color="blue" icon={<InfoIcon />}>
          {t('operatorExports.subscribers.personalData')}
        </Alert>
        <Group>
          <Button
            component="a"
            href={subscribersFileUrl({ organizationId: scope, encoding })}
            download
            leftSection={<DownloadIcon size={18} />}
          >
            {t('operatorExports.subscribers.download')}
          </Button>
        </Group>
      </SectionCard>

      <ReadingExports organizationId={scope} period={period} encoding={encoding} />
    </Stack>
  );
}

function ReadingExports({
  organizationId,
  period,
  encoding,
}: {
  organizationId: string | undefined;
  period: string;
  encoding: ExportEncoding;
}) {
  const { t, i18n } = useTranslation();
  const exports = useReadingExports(organizationId);
  const create = useCreateReadingExport(organizationId);

  return (
    <SectionCard
      title={t('operatorExports.readings.title')}
      description={t('operatorExports.readings.description')}
      testId="export-readings"
    >
      <Group>
        <Button
          variant="default"
          h="auto"
          py={8}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
          loading={create.isPending}
          onClick={() => create.mutate(period)}
          data-testid="create-reading-export"
        >
          {t('operatorExports.readings.create', { period: formatMonthYear(period, i18n.language) })}
        </Button>
      </Group>
      {create.data && (
        <Text size="sm" role="status">
          {t('operatorExports.readings.created', { count: create.data.readingCount })}
        </Text>
      )}
      {create.error && <ErrorState error={create.error} />}
      {exports.isError ? (
        <ErrorState
          error={exports.error}
          onRetry={() => void exports.refetch()}
          retrying={exports.isFetching}
        />
      ) : exports.data && exports.data.exports.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('operatorExports.readings.empty')}
        </Text>
      ) : exports.data ? (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('operatorExports.readings.period')}</Table.Th>
                <Table.Th>{t('operatorExports.readings.count')}</Table.Th>
                <Table.Th>{t('operatorExports.readings.createdAt')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('operatorExports.readings.file')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exports.data.exports.map((batch) => (
                <Table.Tr key={batch.id}>
                  <Table.Td>{formatMonthYear(batch.period, i18n.language, { capitalize: true })}</Table.Td>
                  <Table.Td>{batch.readingCount}</Table.Td>
                  <Table.Td>{formatDateTime(batch.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Anchor href={readingExportFileUrl(batch.id, { organizationId, encoding })} download>
                      {t('operatorExports.readings.download')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
    </SectionCard>
  );
}
