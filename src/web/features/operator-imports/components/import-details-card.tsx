// One batch opened on the page (just uploaded, or chosen from the list): what and when, a note
// when the same file had been loaded before, the progress bar while it runs, and how it ended.
import { Alert, Card, CloseButton, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { InfoIcon } from '../../../components/icons.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useImport } from '../api/imports.ts';
import { ImportOutcome } from './import-outcome.tsx';
import { ImportProgressBar } from './import-progress-bar.tsx';

interface ImportDetailsCardProps {
  organizationId: string;
  importId: string;
  /** The upload answered with this earlier batch: the same bytes were imported before. */
  duplicate: boolean;
  /** Moves the focus here (after an upload), so keyboard and screen reader users follow along. */
  focusOnOpen: boolean;
  onClose: () => void;
}

export function ImportDetailsCard({
  organizationId,
  importId,
  duplicate,
  focusOnOpen,
  onClose,
}: ImportDetailsCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const details = useImport(organizationId, importId, language);
  const container = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!focusOnOpen) return;
    const heading = container.current?.querySelector<HTMLElement>('h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    container.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [focusOnOpen]);

  const batch = details.data;
  const title = batch
    ? t('operatorImports.details.title', { kind: t(`operatorImports.kinds.${batch.kind}.name`) })
    : t('operatorImports.details.loading');

  const subtitle = batch
    ? [batch.fileName, formatDateTime(batch.createdAt, i18n.language)].filter(Boolean).join(' · ')
    : null;

  // Its own card rather than SectionCard: the close button stays on the title's line on a phone.
  return (
    <Card
      ref={container}
      component="section"
      aria-labelledby="import-details-title"
      padding="lg"
      data-testid="import-details"
      style={{ overflowWrap: 'anywhere', scrollMarginTop: 80 }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={4} miw={0}>
            <Title order={2} fz={{ base: 18, sm: 20 }} id="import-details-title">
              {title}
            </Title>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
          <CloseButton onClick={onClose} aria-label={t('operatorImports.details.close')} />
        </Group>
        {duplicate && batch && (
          <Alert color="blue" variant="light" icon={<InfoIcon />} data-testid="import-duplicate">
            {t('operatorImports.details.duplicate', { date: formatDateTime(batch.createdAt, i18n.language) })}
          </Alert>
        )}
        {details.isError ? (
          <ErrorState
            error={details.error}
            onRetry={() => void details.refetch()}
            retrying={details.isFetching}
          />
        ) : batch ? (
          <Stack gap="md">
            <ImportProgressBar batch={batch} />
            <ImportOutcome batch={batch} organizationId={organizationId} language={language} />
          </Stack>
        ) : (
          <Stack gap="xs">
            <Skeleton h={20} w="60%" />
            <Skeleton h={16} radius="xl" />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
