// The operator's side of readings: the readings of a period with filters, rejecting one with a
// reason, the organization's reading settings, and exports for the billing system — each export a
// batch of the period's accepted, not yet exported readings that can be downloaded again.
import { Readable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type {
  operatorReadingsQuerySchema,
  operatorReadingsResponseSchema,
  ReadingSettingsBody,
  readingExportSchema,
} from '../../../shared/api/readings.ts';
import type { Period } from '../../../shared/period.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { SessionRecord } from '../auth/auth.repository.ts';
import { assertSessionSecondFactor } from '../two-factor/two-factor.service.ts';
import { submissionColumns } from './readings.repository.ts';
import { encodeWindows1251 } from './windows-1251.ts';

export interface StaffScope {
  userId: string;
  organizationId: string;
  role: 'operator' | 'admin';
}

/**
 * The organization a staff member works in: the one they name, or their only one. Staff sessions
 * must have passed the second factor.
 */
export async function requireStaffScope(
  db: Kysely<DB>,
  session: SessionRecord,
  organizationId: string | undefined,
): Promise<StaffScope> {
  let query = db
    .selectFrom('staff')
    .select(['organization_id as organizationId', 'role'])
    .where('user_id', '=', session.userId);
  if (organizationId) query = query.where('organization_id', '=', organizationId);
  const rows = await query.execute();
  if (rows.length === 0) throw new AppError('FORBIDDEN', 'This is for staff of the organization only.');
  if (rows.length > 1)
    throw new AppError(
      'VALIDATION_FAILED',
      'You work for several organizations: name one with organizationId.',
      {
        fields: ['organizationId'],
      },
    );
  assertSessionSecondFactor(session);
  return { userId: session.userId, organizationId: rows[0]!.organizationId, role: rows[0]!.role };
}

type ReadingsQuery = z.infer<typeof operatorReadingsQuerySchema>;
type ReadingsResponse = z.infer<typeof operatorReadingsResponseSchema>;

export async function listPeriodReadings(
  db: Kysely<DB>,
  scope: StaffScope,
  query: ReadingsQuery,
): Promise<ReadingsResponse> {
  let base = db
    .selectFrom('reading_submissions as s')
    .innerJoin('meters as m', 'm.id', 's.meter_id')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .where('a.organization_id', '=', scope.organizationId)
    .where('s.period', '=', `${query.period}-01`);
  if (query.status) base = base.where('s.status', '=', query.status);
  if (query.source) base = base.where('s.source', '=', query.source);
  if (query.exported) base = base.where('s.export_id', query.exported === 'true' ? 'is not' : 'is', null);
  if (query.account) base = base.where('a.number', '=', query.account);
  if (query.resource) base = base.where('m.resource', '=', query.resource);

  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .leftJoin('premises as p', 'p.id', 'a.premises_id')
      .leftJoin('buildings as b', 'b.id', 'p.building_id')
      .select([
        ...submissionColumns,
        's.export_id as exportId',
        'a.id as accountId',
        'a.number as accountNumber',
        sql<string | null>`b.address || coalesce(', кв. ' || p.number, '')`.as('address'),
        'm.id as meterId',
        'm.resource',
        'm.serial_number as serialNumber',
      ])
      .orderBy('a.number')
      .orderBy('m.resource')
      .orderBy('s.submitted_at', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return {
    organizationId: scope.organizationId,
    period: query.period,
    total: Number(total),
    items: rows.map((row) => ({
      ...row,
      submittedAt: new Date(row.submittedAt).toISOString(),
      // The operator's list does not compute consumption; the subscriber's history does.
      values: row.values.map((value) => ({ ...value, consumption: null })),
    })),
  };
}

export async function rejectReading(
  db: Kysely<DB>,
  scope: StaffScope,
  submissionId: string,
  reason: string,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('reading_submissions as s')
      .innerJoin('meters as m', 'm.id', 's.meter_id')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['s.id', 's.status', 's.export_id'])
      .where('s.id', '=', submissionId)
      .where('a.organization_id', '=', scope.organizationId)
      .forUpdate('s')
      .executeTakeFirst();
    if (!row) throw errors.notFound('reading');
    if (row.status !== 'accepted' || row.export_id !== null)
      throw new AppError(
        'READING_LOCKED',
        'Only an accepted reading that is not yet exported or billed can be rejected.',
      );
    await trx
      .updateTable('reading_submissions')
      .set({ status: 'rejected', rejection_reason: reason })
      .where('id', '=', submissionId)
      .execute();
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'reading.rejected',
      targetType: 'reading_submission',
      targetId: submissionId,
      ip,
      details: { reason },
    });
  });
}

// Settings

export async function readReadingSettings(
  db: Kysely<DB>,
  organizationId: string,
): Promise<ReadingSettingsBody> {
  const row = await db
    .selectFrom('organizations')
    .select([
      'reading_window_start',
      'reading_window_end',
      'reading_outside_window',
      'reading_anomaly_factor',
      'reading_refuse_below_previous',
      'timezone',
    ])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return {
    windowStartDay: row.reading_window_start,
    windowEndDay: row.reading_window_end,
    outsideWindow: row.reading_outside_window,
    anomalyFactor: Number(row.reading_anomaly_factor),
    refuseBelowPrevious: row.reading_refuse_below_previous,
    timezone: row.timezone,
  };
}

export async function updateReadingSettings(
  db: Kysely<DB>,
  scope: StaffScope,
  body: ReadingSettingsBody,
  ip: string,
): Promise<ReadingSettingsBody> {
  if (scope.role !== 'admin')
    throw new AppError('FORBIDDEN', "Only the organization's administrators change reading settings.");
  if (body.windowStartDay > body.windowEndDay)
    throw new AppError('VALIDATION_FAILED', 'The window must start on or before the day it ends.', {
      fields: ['windowStartDay', 'windowEndDay'],
    });
  if (!isTimeZone(body.timezone))
    throw new AppError('VALIDATION_FAILED', 'Unknown time zone; use an IANA name such as Europe/Moscow.', {
      fields: ['timezone'],
    });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('organizations')
      .set({
        reading_window_start: body.windowStartDay,
        reading_window_end: body.windowEndDay,
        reading_outside_window: body.outsideWindow,
        reading_anomaly_factor: body.anomalyFactor.toFixed(1),
        reading_refuse_below_previous: body.refuseBelowPrevious,
        timezone: body.timezone,
      })
      .where('id', '=', scope.organizationId)
      .execute();
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'organization.reading_settings_changed',
      targetType: 'organization',
      targetId: scope.organizationId,
      ip,
      details: body,
    });
  });
  return readReadingSettings(db, scope.organizationId);
}

/** Any zone the platform knows, aliases too (UTC, Europe/Kyiv are not in supportedValuesOf). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// Exports

type ReadingExport = z.infer<typeof readingExportSchema>;

export async function createExport(
  db: Kysely<DB>,
  scope: StaffScope,
  period: Period,
  ip: string,
): Promise<ReadingExport> {
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('reading_exports')
      .values({
        organization_id: scope.organizationId,
        period: `${period}-01`,
        created_by: scope.userId,
        reading_count: 0,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    // Taken once: a reading in an export stays in it, and the next export takes only newer ones.
    const marked = await trx
      .updateTable('reading_submissions as s')
      .set({ export_id: created.id })
      .from('meters as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .whereRef('m.id', '=', 's.meter_id')
      .where('a.organization_id', '=', scope.organizationId)
      .where('s.period', '=', `${period}-01`)
      .where('s.status', '=', 'accepted')
      .where('s.export_id', 'is', null)
      .executeTakeFirst();
    const count = Number(marked.numUpdatedRows);
    await trx
      .updateTable('reading_exports')
      .set({ reading_count: count })
      .where('id', '=', created.id)
      .execute();
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'readings.exported',
      targetType: 'reading_export',
      targetId: created.id,
      ip,
      details: { period, count },
    });
    return { id: created.id, period, readingCount: count, createdAt: created.created_at.toISOString() };
  });
}

export async function listExports(db: Kysely<DB>, scope: StaffScope): Promise<ReadingExport[]> {
  const rows = await db
    .selectFrom('reading_exports')
    .select(['id', sql<string>`to_char(period, 'YYYY-MM')`.as('period'), 'reading_count', 'created_at'])
    .where('organization_id', '=', scope.organizationId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    period: row.period,
    readingCount: row.reading_count,
    createdAt: row.created_at.toISOString(),
  }));
}

const CSV_HEADER = [
  'Лицевой счёт',
  'Адрес',
  'Заводской номер',
  'Ресурс',
  'Тариф (зона)',
  'Период',
  'Показание',
  'Источник',
  'Передано',
];

/**
 * A CSV field in SQL: text that a spreadsheet would take for a formula (=, +, -, @ first) gets a
 * leading apostrophe; a field with the separator, a quote or a line break is quoted, quotes doubled.
 */
const csvField = (expression: string) => {
  const text = `(case when ${expression} ~ '^[=+@-]' then '''' || ${expression} else ${expression} end)`;
  return `(case when ${text} ~ '[";\\r\\n]' then '"' || replace(${text}, '"', '""') || '"' else ${text} end)`;
};

/** Each line's fields, as SQL over the page's submission `s`, reading `r`, meter `m`, account `a`. */
const exportFields = {
  accountNumber: 'a.number',
  address: `coalesce(b.address || coalesce(', кв. ' || p.number, ''), '')`,
  serialNumber: 'm.serial_number',
  resource: 'm.resource',
  register: 'r.register',
  registerName: 'm.register_names[r.register]',
  value: 'trim_scale(r.value)::text',
  source: 's.source',
  submittedAt: `to_char(s.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

const csvLine = [
  csvField(exportFields.accountNumber),
  csvField(exportFields.address),
  csvField(exportFields.serialNumber),
  exportFields.resource,
  csvField(`coalesce(${exportFields.registerName}, ${exportFields.register}::text)`),
  `to_char(s.period, 'YYYY-MM')`,
  `replace(${exportFields.value}, '.', ',')`,
  exportFields.source,
  exportFields.submittedAt,
].join(` || ';' || `);

// row_to_json writes compact JSON ({"key":value}), like JSON.stringify.
const jsonLine = `(select row_to_json(line) from (select ${Object.entries({
  ...exportFields,
  // JSON says null where CSV leaves the field empty.
  address: `b.address || coalesce(', кв. ' || p.number, '')`,
})
  .map(([key, expression]) => `${expression} as "${key}"`)
  .join(', ')}) line)::text`;

/**
 * The download of an export, in pages of `pageSize` submissions by id (index on export_id, id).
 * PostgreSQL writes each page as one piece of text, so the server holds one page at a time and
 * allocates next to nothing per reading: memory stays flat whatever the export's size.
 */
export async function openExportDownload(
  db: Kysely<DB>,
  scope: StaffScope,
  exportId: string,
  format: 'csv' | 'json',
  encoding: 'utf-8' | 'windows-1251',
  pageSize = 250,
): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  const batch = await db
    .selectFrom('reading_exports')
    .select(['id', sql<string>`to_char(period, 'YYYY-MM')`.as('period'), 'reading_count', 'created_at'])
    .where('id', '=', exportId)
    .where('organization_id', '=', scope.organizationId)
    .executeTakeFirst();
  if (!batch) throw errors.notFound('export');

  const line = sql.raw(format === 'csv' ? csvLine : jsonLine);
  const separator = format === 'csv' ? '\r\n' : ',';
  async function* pages(): AsyncGenerator<string> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await sql<{ text: string | null; submissions: number; last: string | null }>`
        select string_agg(${line}, ${separator} order by s.id, r.register) as text,
          count(distinct s.id)::int as submissions, max(s.id::text) as last
        from (select * from reading_submissions where export_id = ${exportId} and id > ${after}::uuid
          order by id limit ${pageSize}) s
        join readings r on r.submission_id = s.id
        join meters m on m.id = s.meter_id
        join accounts a on a.id = m.account_id
        left join premises p on p.id = a.premises_id
        left join buildings b on b.id = p.building_id`.execute(db);
      const { text, submissions, last } = page.rows[0]!;
      if (text) yield text;
      if (submissions < pageSize || !last) return;
      after = last;
    }
  }

  const encode = (text: string) =>
    encoding === 'windows-1251' ? encodeWindows1251(text) : Buffer.from(text);
  async function* csv(): AsyncGenerator<Buffer> {
    // Excel and 1С recognise UTF-8 by its byte order mark; Windows-1251 files have none.
    if (encoding === 'utf-8') yield Buffer.from([0xef, 0xbb, 0xbf]);
    yield encode(`${CSV_HEADER.join(';')}\r\n`);
    for await (const text of pages()) yield encode(`${text}\r\n`);
  }
  async function* json(): AsyncGenerator<Buffer> {
    yield encode(
      `{"exportId":${JSON.stringify(batch!.id)},"period":"${batch!.period}","createdAt":"${batch!.created_at.toISOString()}","readings":[`,
    );
    let first = true;
    for await (const text of pages()) {
      yield encode(first ? text : `,${text}`);
      first = false;
    }
    yield encode(']}');
  }
  const charset = encoding === 'windows-1251' ? 'windows-1251' : 'utf-8';
  return {
    stream: Readable.from(format === 'csv' ? csv() : json()),
    contentType: format === 'csv' ? `text/csv; charset=${charset}` : `application/json; charset=${charset}`,
    fileName: `readings-${batch.period}-${batch.id.slice(0, 8)}.${format}`,
  };
}
