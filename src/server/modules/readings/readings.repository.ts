// SQL for meter readings. Submitting is the month-end hot path: one prepared read gathers
// everything the rules need (who may act, the organization's settings, the meter, its recent
// readings, the tariffs), and one short transaction writes, serialized per meter by a row lock.
import { type Kysely, sql } from 'kysely';
import type { MeterResource, ReadingSource, SubmissionStatus } from '../../../shared/api/readings.ts';
import type { Period } from '../../../shared/period.ts';
import { type PreparedRunner, prepared } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

export interface StoredSubmission {
  id: string;
  period: Period;
  source: ReadingSource;
  status: SubmissionStatus;
  submittedAt: string;
  includedIn: Period | null;
  rejectionReason: string | null;
  values: { register: number; value: string }[];
  /** In an export batch (set by the submit context only). */
  exported?: boolean;
}

export interface MeterRow {
  id: string;
  accountId: string;
  resource: MeterResource;
  serialNumber: string;
  registers: number;
  registerNames: string[] | null;
  digits: number;
  decimals: number;
  installedAt: string | null;
  verifiedUntil: string | null;
  status: 'active' | 'replaced' | 'broken';
}

export interface OrganizationReadingSettings {
  organizationId: string;
  timezone: string;
  windowStartDay: number;
  windowEndDay: number;
  outsideWindow: 'next_period' | 'refuse';
  anomalyFactor: string;
  refuseBelowPrevious: boolean;
}

export interface TariffRow {
  code: string;
  unit: string;
  validFrom: string;
  price: string;
}

export interface SubmitContext {
  memberRole: 'owner' | 'member' | 'viewer' | null;
  isStaff: boolean;
  settings: OrganizationReadingSettings;
  meter: MeterRow;
  /** The stored answer to an earlier request with the same Idempotency-Key. */
  replay: { response: unknown; fingerprint: string | null } | null;
  /** The latest submissions that count (accepted or included), newest period first. */
  recent: CountedSubmission[];
  tariffs: TariffRow[];
}

export type CountedSubmission = Pick<
  StoredSubmission,
  'period' | 'source' | 'status' | 'values' | 'exported'
>;

/** What the rules need of a submission that counted (the month-end hot path: no more). */
const countedJson = `json_build_object(
  'period', to_char(s.period, 'YYYY-MM'), 'source', s.source, 'status', s.status,
  'exported', s.export_id is not null,
  'values', (select json_agg(json_build_object('register', r.register, 'value', trim_scale(r.value)::text)
      order by r.register) from readings r where r.submission_id = s.id))`;

const settingsJson = `json_build_object('organizationId', o.id, 'timezone', o.timezone,
  'windowStartDay', o.reading_window_start, 'windowEndDay', o.reading_window_end,
  'outsideWindow', o.reading_outside_window, 'anomalyFactor', trim_scale(o.reading_anomaly_factor)::text,
  'refuseBelowPrevious', o.reading_refuse_below_previous)`;

const meterJson = `json_build_object('id', m.id, 'accountId', m.account_id, 'resource', m.resource,
  'serialNumber', m.serial_number, 'registers', m.registers, 'registerNames', m.register_names,
  'digits', m.digits, 'decimals', m.decimals, 'installedAt', m.installed_at,
  'verifiedUntil', m.verified_until, 'status', m.status)`;

/** Tariffs of the services a meter of this resource feeds (cold_water, electricity_day, …). */
const tariffsJson = `(select coalesce(json_agg(json_build_object('code', sv.code, 'unit', sv.unit,
    'validFrom', t.valid_from, 'price', trim_scale(t.price)::text) order by t.valid_from desc), '[]'::json)
  from services sv join tariffs t on t.service_id = sv.id
  where sv.organization_id = o.id and sv.kind = 'metered'
    and (sv.code = m.resource or sv.code like m.resource || '\\_%')
    and t.valid_from <= (date_trunc('month', now() at time zone o.timezone) + interval '1 month')::date)`;

type ContextRow = {
  member_role: SubmitContext['memberRole'];
  is_staff: boolean;
  settings: OrganizationReadingSettings;
  meter: MeterRow;
  replay_response: unknown;
  replay_fingerprint: string | null;
  has_replay: boolean;
  recent: CountedSubmission[] | null;
  tariffs: TariffRow[];
};

const submitContextStatement = prepared<
  [userId: string, accountId: string, meterId: string, idempotencyKey: string | null],
  ContextRow
>(
  'readings_submit_context',
  `
    select
      (select am.role from account_members am where am.account_id = a.id and am.user_id = $1::uuid) as member_role,
      exists (select 1 from staff st where st.organization_id = a.organization_id and st.user_id = $1::uuid)
        as is_staff,
      ${settingsJson} as settings,
      ${meterJson} as meter,
      idem.response as replay_response, idem.request_fingerprint as replay_fingerprint,
      idem.id is not null as has_replay,
      (select json_agg(${countedJson} order by s.period desc)
        from (select s.id, s.period, s.source, s.status, s.export_id from reading_submissions s
          where s.meter_id = m.id and s.status in ('accepted', 'included')
          order by s.period desc limit 8) s) as recent,
      ${tariffsJson} as tariffs
    from meters m
    join accounts a on a.id = m.account_id
    join organizations o on o.id = a.organization_id
    left join reading_submissions idem on idem.meter_id = m.id and idem.idempotency_key = $4::text
    where m.id = $3::uuid and a.id = $2::uuid
  `,
);

export async function loadSubmitContext(
  runner: PreparedRunner,
  userId: string,
  accountId: string,
  meterId: string,
  idempotencyKey: string | null,
): Promise<SubmitContext | null> {
  const [row] = await runner.runPrepared(submitContextStatement, [
    userId,
    accountId,
    meterId,
    idempotencyKey,
  ]);
  if (!row) return null;
  return {
    memberRole: row.member_role,
    isStaff: row.is_staff,
    settings: row.settings,
    meter: row.meter,
    replay: row.has_replay ? { response: row.replay_response, fingerprint: row.replay_fingerprint } : null,
    recent: row.recent ?? [],
    tariffs: row.tariffs,
  };
}

export interface NewSubmission {
  id: string;
  meterId: string;
  period: Period;
  source: ReadingSource;
  submittedBy: string;
  idempotencyKey: string | null;
  fingerprint: string;
  confirmedWarnings: string[];
  values: { register: number; value: string }[];
  /** Builds the stored answer once the outcome (replaced an earlier one or not) is known. */
  response: (outcome: { replacedEarlier: boolean; submittedAt: string }) => unknown;
}

export type SaveOutcome =
  | { kind: 'saved'; response: unknown }
  | { kind: 'locked' }
  | { kind: 'replay'; response: unknown; fingerprint: string | null };

type SaveRow = { outcome: 'saved' | 'replay' | 'locked'; response: unknown; fingerprint: string | null };

const submitReadingStatement = prepared<
  [
    id: string,
    meterId: string,
    period: string,
    source: string,
    userId: string,
    key: string | null,
    fingerprint: string,
    response: string,
    warnings: string[],
    registers: number[],
    values: string[],
  ],
  SaveRow
>(
  'readings_submit',
  `select outcome, response, fingerprint from submit_reading($1::uuid, $2::uuid, $3::date, $4::text,
    $5::uuid, $6::text, $7::text, $8::jsonb, $9::text[], $10::smallint[], $11::numeric[])`,
);

/**
 * Writes a submission in one round trip (the SQL function of migration 0006): a lock per meter
 * serializes its submissions, so exactly one per period counts (the latest), a repeated
 * Idempotency-Key finds the first one's answer, and a billed or exported period stays as it is.
 * The function sets the stored answer's `submittedAt` and `replacedEarlier`.
 */
export async function saveSubmission(
  runner: PreparedRunner,
  submission: NewSubmission,
): Promise<SaveOutcome> {
  const response = submission.response({ replacedEarlier: false, submittedAt: new Date().toISOString() });
  const [row] = await runner.runPrepared(submitReadingStatement, [
    submission.id,
    submission.meterId,
    `${submission.period}-01`,
    submission.source,
    submission.submittedBy,
    submission.idempotencyKey,
    submission.fingerprint,
    JSON.stringify(response),
    submission.confirmedWarnings,
    submission.values.map((entry) => entry.register),
    submission.values.map((entry) => entry.value),
  ]);
  if (!row) throw new Error('submit_reading returned nothing');
  if (row.outcome === 'locked') return { kind: 'locked' };
  return row.outcome === 'replay'
    ? { kind: 'replay', response: row.response, fingerprint: row.fingerprint }
    : { kind: 'saved', response: row.response };
}

/** The values of submission `s`, one per register in order (for a select list). */
export const submissionValues = sql<{ register: number; value: string }[]>`(select coalesce(json_agg(
  json_build_object('register', r.register, 'value', trim_scale(r.value)::text) order by r.register), '[]'::json)
  from readings r where r.submission_id = s.id)`;

/** A submission `s` as the API shows it (for a select list; `submittedAt` is a Date). */
export const submissionColumns = [
  's.id',
  sql<string>`to_char(s.period, 'YYYY-MM')`.as('period'),
  's.source',
  's.status',
  's.submitted_at as submittedAt',
  sql<string | null>`to_char(s.included_in, 'YYYY-MM')`.as('includedIn'),
  's.rejection_reason as rejectionReason',
  submissionValues.as('values'),
] as const;

/** The columns of an organization's reading settings (for a select from `organizations`). */
export const readingSettingsColumns = [
  'id as organizationId',
  'timezone',
  'reading_window_start as windowStartDay',
  'reading_window_end as windowEndDay',
  'reading_outside_window as outsideWindow',
  sql<string>`trim_scale(reading_anomaly_factor)::text`.as('anomalyFactor'),
  'reading_refuse_below_previous as refuseBelowPrevious',
] as const;

export async function listMetersOfAccount(db: Kysely<DB>, accountId: string): Promise<MeterRow[]> {
  const rows = await db
    .selectFrom('meters')
    .select([
      'id',
      'account_id as accountId',
      'resource',
      'serial_number as serialNumber',
      'registers',
      'register_names as registerNames',
      'digits',
      'decimals',
      'installed_at as installedAt',
      'verified_until as verifiedUntil',
      'status',
    ])
    .where('account_id', '=', accountId)
    .orderBy(sql`array_position(array['cold_water','hot_water','electricity','heating','gas'], resource)`)
    .orderBy('serial_number')
    .execute();
  return rows;
}

export async function readOrganizationSettings(
  db: Kysely<DB>,
  organizationId: string,
): Promise<OrganizationReadingSettings> {
  return db
    .selectFrom('organizations')
    .select(readingSettingsColumns)
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
}

/** Submissions of some meters, newest period and moment first; `since` limits by period. */
export async function listSubmissions(
  db: Kysely<DB>,
  meterIds: string[],
  options: { since?: Period; countingOnly?: boolean } = {},
): Promise<(StoredSubmission & { meterId: string })[]> {
  if (meterIds.length === 0) return [];
  let query = db
    .selectFrom('reading_submissions as s')
    .select([...submissionColumns, 's.meter_id as meterId'])
    .where('s.meter_id', 'in', meterIds)
    .orderBy('s.period', 'desc')
    .orderBy('s.submitted_at', 'desc');
  if (options.since) query = query.where('s.period', '>=', `${options.since}-01`);
  if (options.countingOnly) query = query.where('s.status', 'in', ['accepted', 'included']);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, submittedAt: new Date(row.submittedAt).toISOString() }));
}
