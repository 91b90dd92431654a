// How readings read in the interface: register names, values with units, statuses and sources.
import type { TFunction } from 'i18next';
import type { Meter, ReadingErrorCode, Submission } from '../../../../shared/api/readings.ts';
import { formatDecimal, formatMonthYear } from '../../../lib/format.ts';

/** `1 018 м³` — exact, from the decimal string. */
export function formatQuantity(value: string, unit: string): string {
  return `${formatDecimal(value)}\u00a0${unit}`;
}

/** The zone of a register (День, Ночь…), a number when the meter has several unnamed ones, null for one. */
export function zoneName(t: TFunction, meter: Pick<Meter, 'registers'>, register: number): string | null {
  const found = meter.registers.find((entry) => entry.register === register);
  if (found?.name) return t(`readings.registers.${found.name}`);
  return meter.registers.length > 1 ? t('readings.registerNumbered', { number: register }) : null;
}

/** The label of a register's input: "Показание, м³" or "День, кВт·ч". */
export function inputLabel(t: TFunction, meter: Pick<Meter, 'registers' | 'unit'>, register: number): string {
  const zone = zoneName(t, meter, register);
  return zone
    ? t('readings.zoneLabel', { zone, unit: meter.unit })
    : t('readings.valueLabel', { unit: meter.unit });
}

/** The values of a submission on one line: "1 018 м³" or "День 32 340, Ночь 1 738 кВт·ч". */
export function formatSubmissionValues(
  t: TFunction,
  meter: Pick<Meter, 'registers' | 'unit'>,
  values: readonly { register: number; value: string }[],
): string {
  if (values.length === 1 && values[0]) return formatQuantity(values[0].value, meter.unit);
  const parts = values.map((entry) => {
    const zone = zoneName(t, meter, entry.register);
    return `${zone ?? ''}\u00a0${formatDecimal(entry.value)}`.trim();
  });
  return `${parts.join(', ')}\u00a0${meter.unit}`;
}

/** The consumption per register in the same shape as the values; null when any register has none. */
export function formatSubmissionConsumption(
  t: TFunction,
  meter: Pick<Meter, 'registers' | 'unit'>,
  submission: Submission,
): string | null {
  const values: { register: number; value: string }[] = [];
  for (const entry of submission.values) {
    if (entry.consumption === null) return null;
    values.push({ register: entry.register, value: entry.consumption });
  }
  return values.length > 0 ? formatSubmissionValues(t, meter, values) : null;
}

/** "учтено в начислениях за октябрь 2026", "принято", "отклонено: …". */
export function statusText(t: TFunction, submission: Submission, locale: string): string {
  switch (submission.status) {
    case 'included':
      return submission.includedIn
        ? t('readings.status.included', { month: formatMonthYear(submission.includedIn, locale) })
        : t('readings.status.accepted');
    case 'rejected':
      return submission.rejectionReason
        ? t('readings.status.rejectedWithReason', { reason: submission.rejectionReason })
        : t('readings.status.rejected');
    default:
      return t(`readings.status.${submission.status}`);
  }
}

/** Text colours, dark enough for small text on white. */
export const statusColor: Record<Submission['status'], string> = {
  accepted: 'teal.8',
  included: 'green.8',
  replaced: 'gray.7',
  rejected: 'red.8',
};

export const resourceColor: Record<Meter['resource'], string> = {
  cold_water: 'blue',
  hot_water: 'red',
  electricity: 'yellow',
  heating: 'orange',
  gas: 'grape',
};

/**
 * The value a new reading is compared with: the last one that counts, unless that is this period's
 * own reading, which a new one replaces (then only the preview knows the earlier one).
 */
export function baselineValue(meter: Pick<Meter, 'last' | 'current'>, register: number): string | null {
  if (!meter.last || meter.last.id === meter.current?.id) return null;
  return meter.last.values.find((entry) => entry.register === register)?.value ?? null;
}

/** The message for a rule that refuses a value, shown at the register's input. */
export function fieldErrorText(
  t: TFunction,
  code: ReadingErrorCode,
  meter: Pick<Meter, 'digits' | 'decimals' | 'last' | 'current'>,
  register: number | undefined,
): string {
  if (code === 'READING_FORMAT_INVALID') {
    return meter.decimals > 0
      ? t('readings.formatDecimal', { count: meter.digits, decimals: meter.decimals })
      : t('readings.formatInteger', { count: meter.digits });
  }
  const previous = register === undefined ? null : baselineValue(meter, register);
  if (code === 'READING_BELOW_PREVIOUS' && previous) {
    return t('readings.belowPrevious', { previous: formatDecimal(previous) });
  }
  return t(`errors.${code}`);
}
