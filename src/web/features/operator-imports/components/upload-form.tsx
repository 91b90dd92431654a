// Choosing what to import and the file: the kind (with its columns), a file picked or dropped, and
// the upload. The answer (a new batch, or the earlier batch of the same bytes) goes to the page.
import { Anchor, Box, Button, Code, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportBatch, supportedImportKinds } from '../../../../shared/api/imports.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { FileTextIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDecimal } from '../../../lib/format.ts';
import { useUploadImport } from '../api/imports.ts';
import { IMPORT_FILE_ACCEPT, importColumns, type SupportedImportKind } from '../lib/import-kinds.ts';
import classes from './upload-form.module.css';

/** The API's own description of the import endpoints links to the full format description. */
const API_DOCS_PATH = '/api/docs';

function fileSize(bytes: number, locale: string): string {
  const unit = locale.startsWith('en') ? { kb: 'KB', mb: 'MB' } : { kb: 'КБ', mb: 'МБ' };
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}\u00a0${unit.kb}`;
  const megabytes = (Math.round((bytes / 1024 / 1024) * 10) / 10).toFixed(1);
  return `${locale.startsWith('en') ? megabytes : formatDecimal(megabytes)}\u00a0${unit.mb}`;
}

interface UploadFormProps {
  organizationId: string;
  onUploaded: (answer: { import: ImportBatch; duplicate: boolean }) => void;
}

export function UploadForm({ organizationId, onUploaded }: UploadFormProps) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<SupportedImportKind>('statements');
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();
  const upload = useUploadImport(organizationId);
  const columns = importColumns[kind];

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setFileMissing(false);
    upload.reset();
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileMissing(true);
      input.current?.focus();
      return;
    }
    upload.mutate(
      { kind, file },
      {
        onSuccess: (answer) => {
          setFile(null);
          if (input.current) input.current.value = '';
          onUploaded(answer);
        },
      },
    );
  };

  return (
    <SectionCard
      title={t('operatorImports.upload.title')}
      description={t('operatorImports.upload.description')}
      testId="import-upload"
      id="import-upload"
    >
      <Box component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group
            value={kind}
            onChange={(value) => setKind(value as SupportedImportKind)}
            label={t('operatorImports.upload.kindLabel')}
            name="import-kind"
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
              {supportedImportKinds.map((value) => (
                <Radio.Card key={value} value={value} p="sm" radius="md" data-testid={`import-kind-${value}`}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <Stack gap={2} miw={0}>
                      <Text fw={600}>{t(`operatorImports.kinds.${value}.name`)}</Text>
                      <Text size="sm" c="dimmed">
                        {t(`operatorImports.kinds.${value}.description`)}
                      </Text>
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>

          <Stack gap={6} data-testid="import-columns">
            <ColumnList
              label={t('operatorImports.upload.requiredColumns')}
              columns={columns.required}
              strong
            />
            <ColumnList label={t('operatorImports.upload.optionalColumns')} columns={columns.optional} />
            <Text size="sm" c="dimmed">
              {t('operatorImports.upload.formatNote')}{' '}
              <Anchor href={API_DOCS_PATH} target="_blank" rel="noreferrer">
                {t('operatorImports.upload.formatLink')}
              </Anchor>
            </Text>
          </Stack>

          <Stack gap={4}>
            <Box
              component="label"
              className={classes.dropzone}
              data-dragging={dragging || undefined}
              data-chosen={file ? true : undefined}
              data-invalid={fileMissing || undefined}
              onDragOver={(event: DragEvent) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={drop}
            >
              <input
                ref={input}
                type="file"
                name="file"
                accept={IMPORT_FILE_ACCEPT}
                className={classes.input}
                aria-describedby={fileMissing ? `${hintId} ${errorId}` : hintId}
                aria-invalid={fileMissing || undefined}
                data-testid="import-file"
                onChange={(event) => choose(event.currentTarget.files?.[0] ?? null)}
              />
              <FileTextIcon size={28} aria-hidden />
              <Text fw={600} data-testid="import-file-name">
                {file ? file.name : t('operatorImports.upload.chooseFile')}
              </Text>
              <Text size="sm" c="dimmed" id={hintId}>
                {file
                  ? t('operatorImports.upload.fileChosen', { size: fileSize(file.size, i18n.language) })
                  : t('operatorImports.upload.fileHint')}
              </Text>
            </Box>
            {fileMissing && (
              <Text size="sm" c="red.8" id={errorId}>
                {t('operatorImports.upload.fileRequired')}
              </Text>
            )}
          </Stack>

          {upload.isError && <ErrorState error={upload.error} title={t('operatorImports.upload.failed')} />}

          <Group>
            <Button type="submit" loading={upload.isPending} w={{ base: '100%', xs: 'auto' }}>
              {t('operatorImports.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </Box>
    </SectionCard>
  );
}

function ColumnList({
  label,
  columns,
  strong = false,
}: {
  label: string;
  columns: string[];
  strong?: boolean;
}) {
  return (
    <Group gap={6} wrap="wrap" align="baseline">
      <Text size="sm" fw={strong ? 600 : undefined} c={strong ? undefined : 'dimmed'}>
        {label}
      </Text>
      {columns.map((column) => (
        <Code key={column} fz="sm">
          {column}
        </Code>
      ))}
    </Group>
  );
}
