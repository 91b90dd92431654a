// Meter readings for subscribers (and operators entering one for them): the meters with the
// window, preview and submission with confirmable warnings, and the history with its chart.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  HistoryResponse,
  Meter,
  MetersResponse,
  PreviewResponse,
  ReadingCalculation,
  ReadingSource,
  Submission,
  SubmitReadingRequest,
  SubmitReadingResponse,
} from '../../../shared/api/readings.ts';
import { multiplyToKopecks } from '../../../shared/money.ts';
import { addMonths, listPeriods, monthsBetween, type Period, zonedClock } from '../../../shared/period.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import type { AccountScope } from '../accounts/accounts.repository.ts';
import { requireAccountScope } from '../accounts/accounts.service.ts';
import { householdPolicy, requireRole } from '../household/household.policy.ts';
import {
  checkReading,
  formatScaled,
  METER_UNITS,
  parseReadingValue,
  type ReadingCheck,
  type ReadingSettings,
  readingWindow,
  registerNames,
  type Scaled,
} from './reading-rules.ts';
import {
  type CountedSubmission,
  listMetersOfAccount,
  listSubmissions,
  loadSubmitContext,
  type MeterRow,
  type OrganizationReadingSettings,
  readOrganizationSettings,
  type StoredSubmission,
  type SubmitContext,
  saveSubmission,
  type TariffRow,
} from './readings.repository.ts';

/** Warn this many days before the verification date. */
export const VERIFICATION_WARNING_DAYS = 30;

export function toRuleSettings(settings: OrganizationReadingSettings): ReadingSettings {
  return {
    windowStartDay: settings.windowStartDay,
    windowEndDay: settings.windowEndDay,
    timezone: settings.timezone,
    outsideWindow: settings.outsideWindow,
    anomalyFactor: Number(settings.anomalyFactor),
    refuseBelowPrevious: settings.refuseBelowPrevious,
  };
}

/** The service whose tariff prices a register: cold_water, electricity_day, electricity_night, … */
function serviceCodesFor(meter: MeterRow, register: number): string[] {
  const name = registerNames(meter)[register - 1];
  if (meter.resource === 'electricity')
    return name ? [`electricity_${name}`, 'electricity'] : ['electricity', 'electricity_day'];
  return [meter.resource];
}

function tariffFor(tariffs: TariffRow[], codes: string[], period: Period): TariffRow | null {
  for (const code of codes) {
    const found = tariffs
      .filter((tariff) => tariff.code === code && tariff.validFrom <= `${period}-01`)
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
    if (found) return found;
  }
  return null;
}

function scaledOf(value: string, decimals: number): Scaled {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
}

/** Units used from one value to a later one: through zero when it is a short step past the
 * register's end (a rollover), null when the later value is simply lower (a correction). */
function usedBetween(before: Scaled, after: Scaled, range: Scaled): Scaled | null {
  if (after >= before) return after - before;
  const throughWrap = range - before + after;
  return throughWrap * 10n < range ? throughWrap : null;
}

/** Monthly consumption per register between consecutive periods that both have a reading. */
function recentConsumption(meter: MeterRow, earlier: CountedSubmission[]): Map<number, Scaled[]> {
  const range = 10n ** BigInt(meter.digits + meter.decimals);
  const result = new Map<number, Scaled[]>();
  for (let index = 0; index + 1 < earlier.length && index < 6; index++) {
    const later = earlier[index]!;
    const before = earlier[index + 1]!;
    if (addMonths(before.period, 1) !== later.period) continue;
    for (const entry of later.values) {
      const previous = before.values.find((value) => value.register === entry.register);
      if (!previous) continue;
      const used = usedBetween(
        scaledOf(previous.value, meter.decimals),
        scaledOf(entry.value, meter.decimals),
        range,
      );
      // A confirmed correction downwards is no month's consumption: leave it out of the average.
      if (used !== null) result.set(entry.register, [...(result.get(entry.register) ?? []), used]);
    }
  }
  return result;
}

interface Evaluation {
  check: ReadingCheck;
  calculation: ReadingCalculation;
}

function evaluate(context: SubmitContext, values: SubmitReadingRequest['values'], now: Date): Evaluation {
  const { meter } = context;
  const settings = toRuleSettings(context.settings);
  const { period } = readingWindow(now, settings);
  // The baseline is what counted for an earlier period; a reading of this period is replaced.
  const earlier = context.recent.filter((submission) => submission.period < period);
  const previous = new Map<number, Scaled>(
    (earlier[0]?.values ?? []).map((entry) => [entry.register, scaledOf(entry.value, meter.decimals)]),
  );
  const check = checkReading({
    meter: { ...meter, status: meter.status },
    values,
    previous,
    monthsSincePrevious: earlier[0] ? monthsBetween(earlier[0].period, period) - 1 : undefined,
    previousIsEstimate: earlier[0]?.source === 'estimated',
    recentConsumption: recentConsumption(meter, earlier),
    settings,
    now,
  });
  // Billed or exported for billing: final (the SQL function refuses it too, under the lock).
  const current = context.recent.find((submission) => submission.period === period);
  if (current && (current.status === 'included' || current.exported))
    check.errors.unshift({ code: 'READING_LOCKED' });
  let totalConsumption: Scaled | null = 0n;
  let totalCharge: number | null = 0;
  const registers = check.registers.map((outcome) => {
    const consumption =
      outcome.consumption === null ? null : formatScaled(outcome.consumption, meter.decimals);
    const tariff = tariffFor(context.tariffs, serviceCodesFor(meter, outcome.register), check.period);
    const estimatedCharge =
      consumption === null || tariff === null ? null : multiplyToKopecks(consumption, tariff.price);
    totalConsumption =
      totalConsumption === null || outcome.consumption === null
        ? null
        : totalConsumption + outcome.consumption;
    totalCharge = totalCharge === null || estimatedCharge === null ? null : totalCharge + estimatedCharge;
    const previousValue = previous.get(outcome.register);
    return {
      register: outcome.register,
      value: formatScaled(outcome.value, meter.decimals),
      previous: previousValue === undefined ? null : formatScaled(previousValue, meter.decimals),
      consumption,
      estimatedCharge,
    };
  });
  const complete = registers.length > 0 && check.errors.length === 0;
  return {
    check,
    calculation: {
      period: check.period,
      inWindow: check.inWindow,
      registers,
      previous: (earlier[0]?.values ?? []).map((entry) => ({
        register: entry.register,
        value: formatScaled(scaledOf(entry.value, meter.decimals), meter.decimals),
      })),
      consumption:
        complete && totalConsumption !== null ? formatScaled(totalConsumption, meter.decimals) : null,
      estimatedCharge: complete ? totalCharge : null,
      unit: METER_UNITS[meter.resource],
      warnings: check.warnings,
    },
  };
}

export interface ReadingActor {
  userId: string;
  /** 'subscriber' needs membership with a role that acts; 'operator' needs staff of the organization. */
  as: 'subscriber' | 'operator';
  /** Checked once the caller is known to have access (staff: the session's second factor). */
  afterAccess?: () => void;
}

async function requireContext(
  database: Database,
  actor: ReadingActor,
  accountId: string,
  meterId: string,
  idempotencyKey: string | null,
  forWriting: boolean,
): Promise<SubmitContext> {
  const context = await loadSubmitContext(database, actor.userId, accountId, meterId, idempotencyKey);
  if (actor.as === 'operator') {
    if (!context?.isStaff) throw errors.accountNotFound();
    actor.afterAccess?.();
    return context;
  }
  // Someone else's account, another account's meter and no meter at all look the same.
  if (!context?.memberRole) throw errors.accountNotFound();
  if (forWriting) requireRole(householdPolicy.canActOnAccount(context.memberRole));
  return context;
}

export async function previewReading(
  database: Database,
  actor: ReadingActor,
  accountId: string,
  meterId: string,
  body: SubmitReadingRequest,
  now = new Date(),
): Promise<PreviewResponse> {
  const context = await requireContext(database, actor, accountId, meterId, null, false);
  const { check, calculation } = evaluate(context, body.values, now);
  return { ...calculation, errors: check.errors };
}

function fingerprintOf(body: SubmitReadingRequest, meter: MeterRow): string {
  // The same values however they were typed ("12,50" and "12.5") are the same request.
  const normalized = [...body.values]
    .sort((a, b) => a.register - b.register)
    .map((entry) => {
      const value = parseReadingValue(entry.value, meter);
      return `${entry.register}=${value === null ? entry.value : value.toString()}`;
    })
    .join(';');
  return createHash('sha256').update(normalized).digest('hex');
}

function replayOf(
  replay: { response: unknown; fingerprint: string | null },
  fingerprint: string,
): SubmitReadingResponse {
  if (replay.fingerprint !== fingerprint)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for other values; use a new key for a new reading.',
    );
  return replay.response as SubmitReadingResponse;
}

export async function submitReading(
  database: Database,
  actor: ReadingActor,
  accountId: string,
  meterId: string,
  body: SubmitReadingRequest,
  idempotencyKey: string | null,
  now = new Date(),
): Promise<{ response: SubmitReadingResponse; replayed: boolean }> {
  const context = await requireContext(database, actor, accountId, meterId, idempotencyKey, true);
  const fingerprint = fingerprintOf(body, context.meter);
  if (context.replay) return { response: replayOf(context.replay, fingerprint), replayed: true };

  const { check, calculation } = evaluate(context, body.values, now);
  const [firstError] = check.errors;
  if (firstError)
    throw new AppError(firstError.code, readingErrorMessages[firstError.code], {
      errors: check.errors,
    });
  if (check.warnings.length > 0 && body.confirm !== true)
    throw new AppError(
      'READING_CONFIRMATION_REQUIRED',
      'Check the warnings and send the reading again with "confirm": true.',
      { warnings: check.warnings, preview: { ...calculation, errors: [] } },
    );

  const id = randomUUID();
  const values = calculation.registers.map((entry) => ({ register: entry.register, value: entry.value }));
  const source: ReadingSource = actor.as === 'operator' ? 'operator' : 'subscriber';
  const outcome = await saveSubmission(database, {
    id,
    meterId,
    period: calculation.period,
    source,
    submittedBy: actor.userId,
    idempotencyKey,
    fingerprint,
    confirmedWarnings: check.warnings.map((warning) => warning.code),
    values,
    response: ({ replacedEarlier, submittedAt }): SubmitReadingResponse => ({
      ...calculation,
      replacedEarlier,
      submission: {
        id,
        period: calculation.period,
        source,
        status: 'accepted',
        submittedAt,
        includedIn: null,
        rejectionReason: null,
        values: calculation.registers.map((entry) => ({
          register: entry.register,
          value: entry.value,
          consumption: entry.consumption,
        })),
      },
    }),
  });
  if (outcome.kind === 'locked') throw lockedError();
  if (outcome.kind === 'replay') return { response: replayOf({ ...outcome }, fingerprint), replayed: true };
  return { response: outcome.response as SubmitReadingResponse, replayed: false };
}

function lockedError(): AppError {
  return new AppError(
    'READING_LOCKED',
    "This period's reading is already billed or exported to billing; a correction goes through the organization.",
  );
}

const readingErrorMessages: Record<ReadingCheck['errors'][number]['code'], string> = {
  READING_LOCKED:
    "This period's reading is already billed or exported to billing; a correction goes through the organization.",
  READING_FORMAT_INVALID:
    'The value does not fit the meter: check its whole digits and decimals (e.g. "123" or "123,5").',
  READING_REGISTERS_INVALID: 'Send exactly one value for each register (tariff zone) of the meter.',
  READING_BELOW_PREVIOUS: 'The value is lower than the previous reading; check the digits on the meter.',
  METER_VERIFICATION_EXPIRED:
    "The meter's verification date has passed; readings are refused until it is verified again.",
  METER_NOT_ACTIVE: 'This meter is out of service; readings are not accepted for it.',
  READING_WINDOW_CLOSED: 'Readings are not accepted now; submit them during the next reading window.',
};

// Views

function verificationOf(meter: MeterRow, today: string): Meter['verification'] {
  if (!meter.verifiedUntil) return 'unknown';
  if (meter.verifiedUntil < today) return 'expired';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + VERIFICATION_WARNING_DAYS);
  return meter.verifiedUntil <= soon.toISOString().slice(0, 10) ? 'soon' : 'ok';
}

/** Adds each value's consumption since the submission that counted for an earlier period. */
function withConsumption(
  meter: MeterRow,
  submission: StoredSubmission,
  counting: StoredSubmission[],
): Submission {
  const baseline = counting.find((candidate) => candidate.period < submission.period);
  const range = 10n ** BigInt(meter.digits + meter.decimals);
  return {
    id: submission.id,
    period: submission.period,
    source: submission.source,
    status: submission.status,
    submittedAt: new Date(submission.submittedAt).toISOString(),
    includedIn: submission.includedIn,
    rejectionReason: submission.rejectionReason,
    values: submission.values.map((entry) => {
      const before = baseline?.values.find((value) => value.register === entry.register);
      if (!before) return { ...entry, consumption: null };
      const used = usedBetween(
        scaledOf(before.value, meter.decimals),
        scaledOf(entry.value, meter.decimals),
        range,
      );
      return { ...entry, consumption: used === null ? null : formatScaled(used, meter.decimals) };
    }),
  };
}

function todayIn(timezone: string, now: Date): string {
  return zonedClock(now, timezone).date;
}

function describeMeter(
  meter: MeterRow,
  submissions: StoredSubmission[],
  windowPeriod: Period,
  today: string,
): Meter {
  const counting = submissions.filter((s) => s.status === 'accepted' || s.status === 'included');
  const last = counting[0] ?? null;
  const current = counting.find((s) => s.period === windowPeriod) ?? null;
  const verification = verificationOf(meter, today);
  return {
    id: meter.id,
    resource: meter.resource,
    serialNumber: meter.serialNumber,
    registers: registerNames(meter).map((name, index) => ({
      register: index + 1,
      name: name as Meter['registers'][number]['name'],
    })),
    digits: meter.digits,
    decimals: meter.decimals,
    unit: METER_UNITS[meter.resource],
    installedAt: meter.installedAt,
    verifiedUntil: meter.verifiedUntil,
    verification,
    status: meter.status,
    last: last ? withConsumption(meter, last, counting) : null,
    current: current ? withConsumption(meter, current, counting) : null,
    needsReading: meter.status === 'active' && verification !== 'expired' && current === null,
  };
}

export async function getMeters(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
  now = new Date(),
): Promise<MetersResponse> {
  return getMetersInScope(db, await requireAccountScope(db, userId, accountId), now);
}

/** The meters through a scope already proved (also the operator console's read-only view). */
export async function getMetersInScope(
  db: Kysely<DB>,
  scope: AccountScope,
  now = new Date(),
): Promise<MetersResponse> {
  const { accountId } = scope;
  const settings = await readOrganizationSettings(db, scope.organizationId);
  const window = readingWindow(now, toRuleSettings(settings));
  const meters = await listMetersOfAccount(db, scope.accountId);
  // Fourteen months back: the last reading and what it is measured from, even after a long gap.
  const submissions = await listSubmissions(
    db,
    meters.map((meter) => meter.id),
    { since: addMonths(window.period, -14), countingOnly: true },
  );
  const today = todayIn(settings.timezone, now);
  return {
    accountId,
    window: {
      startDay: settings.windowStartDay,
      endDay: settings.windowEndDay,
      timezone: settings.timezone,
      outsideWindow: settings.outsideWindow,
      ...window,
    },
    meters: meters.map((meter) =>
      describeMeter(
        meter,
        submissions.filter((s) => s.meterId === meter.id),
        window.period,
        today,
      ),
    ),
  };
}

export async function getHistory(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
  meterId: string,
  now = new Date(),
): Promise<HistoryResponse> {
  const scope = await requireAccountScope(db, userId, accountId);
  const meter = (await listMetersOfAccount(db, scope.accountId)).find(
    (candidate) => candidate.id === meterId,
  );
  if (!meter) throw errors.notFound('meter among your accounts');
  const settings = await readOrganizationSettings(db, scope.organizationId);
  const window = readingWindow(now, toRuleSettings(settings));
  const submissions = await listSubmissions(db, [meter.id]);
  const counting = submissions.filter((s) => s.status === 'accepted' || s.status === 'included');
  const entries = submissions.map((submission) => withConsumption(meter, submission, counting));

  const byPeriod = new Map<Period, { consumption: string | null; estimated: boolean }>();
  for (const submission of counting) {
    if (byPeriod.has(submission.period)) continue;
    const described = withConsumption(meter, submission, counting);
    const parts = described.values.map((value) => value.consumption);
    // After months without readings the consumption covers them all: the chart shows its monthly
    // share (rounded down to the register's precision) for the month of the reading.
    const baseline = counting.find((candidate) => candidate.period < submission.period);
    const months = BigInt(baseline ? Math.max(1, monthsBetween(baseline.period, submission.period) - 1) : 1);
    const total = parts.some((part) => part === null)
      ? null
      : formatScaled(
          parts.reduce((sum, part) => sum + scaledOf(part!, meter.decimals), 0n) / months,
          meter.decimals,
        );
    byPeriod.set(submission.period, { consumption: total, estimated: submission.source === 'estimated' });
  }
  const chart = listPeriods(addMonths(window.period, -23), window.period).map((period) => ({
    period,
    consumption: byPeriod.get(period)?.consumption ?? null,
    yearEarlier: byPeriod.get(addMonths(period, -12))?.consumption ?? null,
    estimated: byPeriod.get(period)?.estimated ?? false,
  }));
  return {
    meter: describeMeter(meter, submissions, window.period, todayIn(settings.timezone, now)),
    submissions: entries,
    chart,
  };
}
