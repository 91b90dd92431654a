// Entering a reading: one input per register, the live preview (cost, consumption, warnings and
// errors) under it, the confirmation the warnings need, and the outcome of the submission.
import { Alert, Button, Checkbox, Group, Loader, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Meter,
  PreviewResponse,
  ReadingWarning,
  ReadingWindow,
  SubmitReadingResponse,
} from '../../../../shared/api/readings.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { AlertIcon, CheckIcon } from '../../../components/icons.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/error-message.ts';
import { formatDecimal, formatMonthYear } from '../../../lib/format.ts';
import { newIdempotencyKey } from '../../../lib/idempotency-key.ts';
import { type RegisterValue, useReadingPreview } from '../api/preview-reading.ts';
import { refusalsOf, useSubmitReading, warningsToConfirm } from '../api/submit-reading.ts';
import {
  baselineValue,
  fieldErrorText,
  formatQuantity,
  formatSubmissionValues,
  inputLabel,
  zoneName,
} from '../lib/reading-text.ts';

interface ReadingFormProps {
  accountId: string;
  meter: Meter;
  readingWindow: ReadingWindow;
}

type Values = Record<number, string>;

/** What the subscriber typed, as the API takes it: spaces between digit groups dropped. */
function toRequest(meter: Meter, values: Values): RegisterValue[] | null {
  const request = meter.registers.map((entry) => ({
    register: entry.register,
    value: (values[entry.register] ?? '').replace(/[\s\u00a0]/g, ''),
  }));
  return request.every((entry) => entry.value !== '') ? request : null;
}

export function ReadingForm({ accountId, meter, readingWindow }: ReadingFormProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Values>({});
  const [confirmed, setConfirmed] = useState(false);
  const [showRequired, setShowRequired] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const [saved, setSaved] = useState<SubmitReadingResponse | null>(null);
  // One key per attempt at the same values, made at the first try: a retry after a lost answer and
  // the second try with `confirm` reuse it; changed values start a new attempt.
  const idempotencyKey = useRef<string | null>(null);
  const submit = useSubmitReading(accountId, meter.id);

  const request = toRequest(meter, values);
  const { preview, pending } = useReadingPreview(accountId, meter.id, request);
  const toConfirm = uniqueWarnings([...(preview?.warnings ?? []), ...warningsToConfirm(submit.error)]);
  const refusals = submit.error ? refusalsOf(submit.error) : (preview?.errors ?? []);

  function change(register: number, value: string) {
    setValues((current) => ({ ...current, [register]: value }));
    setConfirmed(false);
    setConfirmMissing(false);
    setSaved(null);
    submit.reset();
    idempotencyKey.current = null;
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!request) {
      setShowRequired(true);
      return;
    }
    if (toConfirm.length > 0 && !confirmed) {
      setConfirmMissing(true);
      return;
    }
    idempotencyKey.current ??= newIdempotencyKey();
    submit.mutate(
      { values: request, confirm: confirmed, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (response) => {
          setSaved(response);
          setValues({});
          setConfirmed(false);
          setShowRequired(false);
          idempotencyKey.current = null;
        },
        // Warnings the preview had not shown yet (it was still on its way): ask for the tick.
        onError: (error) => setConfirmMissing(warningsToConfirm(error).length > 0),
      },
    );
  }

  function fieldError(register: number): string | undefined {
    if (showRequired && !(values[register] ?? '').trim()) return t('readings.required');
    const refusal = refusals.find((entry) => entry.register === register);
    return refusal ? fieldErrorText(t, refusal.code, meter, register) : undefined;
  }

  function description(register: number): string | undefined {
    const calculated = preview?.registers.find((entry) => entry.register === register);
    const previous = calculated?.previous ?? baselineValue(meter, register);
    if (!previous) return undefined;
    const consumption = calculated?.consumption;
    return consumption && !refusals.some((entry) => entry.register === register)
      ? t('readings.previousWithConsumption', {
          value: formatDecimal(previous),
          consumption: formatQuantity(consumption, meter.unit),
        })
      : t('readings.previous', { value: formatDecimal(previous) });
  }

  // Refusals without a register (verification, window, registers) and anything else that went wrong.
  const formRefusal = refusals.find((entry) => entry.register === undefined);
  let formError: string | null = null;
  if (formRefusal) formError = t(`errors.${formRefusal.code}`);
  else if (submit.error && refusals.length === 0 && toConfirm.length === 0) {
    formError =
      isApiError(submit.error) && submit.error.code === 'FORBIDDEN_ROLE'
        ? t('readings.forbiddenRole')
        : describeError(t, submit.error).message;
  }
  const month = (period: string) => formatMonthYear(period, i18n.language);
  const current = meter.current;

  return (
    <Stack gap="md">
      {saved && <SavedNotice meter={meter} saved={saved} />}
      <form onSubmit={handleSubmit} noValidate aria-label={t('readings.formTitle')}>
        <Stack gap="sm">
          {current && (
            <Text size="sm" c="dimmed">
              {t(readingWindow.open ? 'readings.currentOpen' : 'readings.currentClosed', {
                month: month(current.period),
                value: formatSubmissionValues(t, meter, current.values),
              })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, xs: meter.registers.length > 1 ? 2 : 1 }} spacing="sm" maw={480}>
            {meter.registers.map((entry) => (
              <TextInput
                key={entry.register}
                label={inputLabel(t, meter, entry.register)}
                description={description(entry.register)}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                name={`register-${entry.register}`}
                inputMode="decimal"
                maxLength={20}
                autoComplete="off"
                spellCheck={false}
                size="md"
                required
                value={values[entry.register] ?? ''}
                onChange={(event) => change(entry.register, event.currentTarget.value)}
                error={fieldError(entry.register)}
                classNames={{ input: 'tabular' }}
              />
            ))}
          </SimpleGrid>

          <PreviewLine
            meter={meter}
            preview={refusals.length === 0 ? preview : undefined}
            pending={pending}
          />

          {toConfirm.length > 0 && (
            <Alert
              color="yellow"
              variant="light"
              icon={<AlertIcon />}
              title={t('readings.warningTitle')}
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
              data-testid="reading-warnings"
            >
              <Stack gap="sm">
                {toConfirm.map((warning) => {
                  const text = t(`readings.warnings.${warning.code}`);
                  const zone = zoneName(t, meter, warning.register);
                  return (
                    <Text size="sm" key={`${warning.code}-${warning.register}`}>
                      {zone ? t('readings.warningForZone', { zone, text }) : text}
                    </Text>
                  );
                })}
                <Checkbox
                  label={t('readings.confirm')}
                  checked={confirmed}
                  onChange={(event) => {
                    setConfirmed(event.currentTarget.checked);
                    setConfirmMissing(false);
                  }}
                  error={confirmMissing ? t('readings.confirmRequired') : undefined}
                  required
                />
              </Stack>
            </Alert>
          )}

          {formError && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {formError}
            </Alert>
          )}

          <Group>
            <Button type="submit" size="md" loading={submit.isPending}>
              {t('readings.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** "≈ 449,47 ₽ за 7 м³" for the values in the form; announced politely as it changes. */
function PreviewLine({
  meter,
  preview,
  pending,
}: {
  meter: Meter;
  preview: PreviewResponse | undefined;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation();
  let body = null;
  if (pending) {
    body = (
      <Group gap={6} c="dimmed">
        <Loader size={14} color="gray" />
        <Text size="sm">{t('readings.preview.checking')}</Text>
      </Group>
    );
  } else if (preview) {
    const consumption = preview.consumption && formatQuantity(preview.consumption, preview.unit);
    body = (
      <Stack gap={2}>
        {consumption && preview.estimatedCharge !== null && (
          <>
            <Text fw={600} size="lg" className="tabular" data-testid="reading-preview-charge">
              {t('readings.preview.charge', { money: formatMoney(preview.estimatedCharge), consumption })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('readings.preview.chargeHint')}
            </Text>
          </>
        )}
        {consumption && preview.estimatedCharge === null && (
          <Text fw={600} className="tabular">
            {t('readings.preview.consumptionOnly', { consumption })}
          </Text>
        )}
        {!consumption && !meter.last && (
          <Text size="sm" c="dimmed">
            {t('readings.preview.first')}
          </Text>
        )}
        {!preview.inWindow && (
          <Text size="sm">
            {t('readings.preview.nextPeriod', { month: formatMonthYear(preview.period, i18n.language) })}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <div aria-live="polite" data-testid="reading-preview" style={{ minHeight: 28 }}>
      {body}
    </div>
  );
}

function SavedNotice({ meter, saved }: { meter: Meter; saved: SubmitReadingResponse }) {
  const { t, i18n } = useTranslation();
  const month = formatMonthYear(saved.period, i18n.language);
  return (
    <Alert
      color="green"
      variant="light"
      icon={<CheckIcon />}
      title={t('readings.success.title', { month })}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      role="status"
      data-testid="reading-saved"
    >
      <Stack gap={4}>
        <Text size="sm" className="tabular">
          {t('readings.success.value', { value: formatSubmissionValues(t, meter, saved.submission.values) })}
        </Text>
        {saved.consumption !== null && (
          <Text size="sm" className="tabular">
            {t('readings.success.consumption', {
              consumption: formatQuantity(saved.consumption, saved.unit),
            })}
          </Text>
        )}
        {saved.estimatedCharge !== null && (
          <Text size="sm" className="tabular">
            {t('readings.success.charge', { money: formatMoney(saved.estimatedCharge) })}
          </Text>
        )}
        {!saved.inWindow && <Text size="sm">{t('readings.success.nextPeriod', { month })}</Text>}
        {saved.replacedEarlier && <Text size="sm">{t('readings.success.replaced')}</Text>}
      </Stack>
    </Alert>
  );
}

function uniqueWarnings(warnings: ReadingWarning[]): ReadingWarning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.code}-${warning.register}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
