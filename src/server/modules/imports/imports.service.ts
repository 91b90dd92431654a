// Imports as batches (issue 7): a file is stored and queued; a job reads it row by row, checks
// every row and stages the checked ones; if any row is wrong nothing is applied and the batch keeps
// a report of every bad row; otherwise all rows are applied in one transaction (one at a time per
// organization). The same bytes again are the same batch: a second upload changes nothing.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { ImportBatch, ImportDetails, ImportKind } from '../../../shared/api/imports.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { importBatchJob } from '../../jobs/import-batch.job.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { type ChunkSource, detectFormat, ImportFileError, openImportFile } from './import-file.ts';
import type { ImportKindDefinition } from './import-kind.ts';
import { issueMessage } from './import-messages.ts';
import { mapColumns, printable, type RowIssue, RowReader } from './import-row.ts';
import {
  type BatchRow,
  findBatch,
  findBatchByContent,
  insertBatch,
  listBatches,
  updateBatch,
} from './imports.repository.ts';
import { accountsKind } from './kinds/accounts.kind.ts';
import { chargesKind } from './kinds/charges.kind.ts';
import { paymentsKind } from './kinds/payments.kind.ts';
import { servicesKind } from './kinds/services.kind.ts';
import { statementsKind } from './kinds/statements.kind.ts';

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own row and context types
const kinds: Partial<Record<ImportKind, ImportKindDefinition<any, any>>> = {
  accounts: accountsKind,
  services: servicesKind,
  charges: chargesKind,
  statements: statementsKind,
  payments: paymentsKind,
};

/** Bad rows kept with the batch (the count is always exact); enough for any report a person reads. */
const MAX_STORED_ISSUES = 10_000;
/** Bytes of an upload per stored chunk. */
const CHUNK_BYTES = 1024 * 1024;
/** Checked rows written to staging at once. */
const STAGE_CHUNK = 2_000;
/** How long checking runs before it lets other work in, and how often it writes its progress. */
const SLICE_MS = 5;
const PROGRESS_EVERY_MS = 500;

export interface ImportActor {
  organizationId: string;
  userId: string | null;
  apiKeyId: string | null;
  ip: string;
}

export async function createImport(
  deps: { db: Kysely<DB>; queue: JobQueue },
  actor: ImportActor,
  kind: ImportKind,
  file: { content: Buffer; contentHash: string; fileName: string | null; contentType: string | undefined },
): Promise<{ batch: ImportBatch; duplicate: boolean }> {
  if (!kinds[kind])
    throw new AppError('VALIDATION_FAILED', `Imports of ${kind} are not available yet.`, {
      fields: ['kind'],
    });
  if (file.content.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The file is empty.', { fields: ['body'] });
  const { contentHash } = file;
  const earlier = await findBatchByContent(deps.db, actor.organizationId, kind, contentHash);
  if (earlier) return { batch: toBatch(earlier), duplicate: true };
  const format = detectFormat(file.content, file.contentType?.includes('json') ? 'json' : null);
  const encoding = format === 'csv' ? await detectEncoding(file.content) : format === 'json' ? 'utf-8' : null;
  const created = await deps.db.transaction().execute(async (trx) => {
    const batch = await insertBatch(trx, {
      organization_id: actor.organizationId,
      kind,
      format,
      file_name: file.fileName,
      content_hash: contentHash,
      encoding,
      chunk_count: Math.ceil(file.content.length / CHUNK_BYTES),
      byte_size: file.content.length,
      created_by: actor.userId,
      api_key_id: actor.apiKeyId,
    });
    if (!batch) return null;
    // A chunk per statement: the process stays responsive while a large file is written.
    for (let seq = 0; seq * CHUNK_BYTES < file.content.length; seq++)
      await trx
        .insertInto('import_file_chunks')
        .values({
          import_id: batch.id,
          seq,
          content: file.content.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES),
        })
        .execute();
    await deps.queue.send(importBatchJob, { importId: batch.id }, trx);
    await recordAuditEvent(trx, {
      action: 'import.created',
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      targetType: 'import_batch',
      targetId: batch.id,
      ip: actor.ip,
      details: { kind, bytes: file.content.length, apiKeyId: actor.apiKeyId },
    });
    return batch;
  });
  if (created) return { batch: toBatch(created), duplicate: false };
  // Another upload of the same bytes won the race: that one is the batch.
  const winner = await findBatchByContent(deps.db, actor.organizationId, kind, contentHash);
  if (!winner) throw new Error('An import with this content vanished');
  return { batch: toBatch(winner), duplicate: true };
}

export async function readImport(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  locale: 'ru' | 'en',
  issueLimit = 100,
): Promise<ImportDetails> {
  const row = await findBatch(db, organizationId, importId);
  if (!row) throw errors.notFound('import');
  const issues = (row.errors as RowIssue[]).slice(0, issueLimit);
  return { ...toBatch(row), issues: issues.map((issue) => withMessage(issue, locale)) };
}

export async function listImports(
  db: Kysely<DB>,
  organizationId: string,
  limit: number,
): Promise<ImportBatch[]> {
  return (await listBatches(db, organizationId, limit)).map(toBatch);
}

/** The report of bad rows as CSV (UTF-8 with BOM, `;`), as Excel opens it. */
export async function importReportCsv(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  locale: 'ru' | 'en',
): Promise<{ fileName: string; content: string }> {
  const row = await findBatch(db, organizationId, importId);
  if (!row) throw errors.notFound('import');
  const header =
    locale === 'ru'
      ? ['Строка', 'Колонка', 'Значение', 'Причина', 'Код']
      : ['Row', 'Column', 'Value', 'Reason', 'Code'];
  const quote = (value: string | number) => {
    const text = String(value);
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header.join(';')];
  for (const issue of row.errors as RowIssue[])
    lines.push(
      [issue.row, issue.column, issue.value, issueMessage(issue.code, issue.params, locale), issue.code]
        .map(quote)
        .join(';'),
    );
  if (row.error_count > (row.errors as RowIssue[]).length)
    lines.push(
      locale === 'ru'
        ? `;;;Показаны первые ${MAX_STORED_ISSUES} из ${row.error_count} ошибок;`
        : `;;;The first ${MAX_STORED_ISSUES} of ${row.error_count} errors;`,
    );
  return {
    fileName: `import-${row.kind}-${row.id.slice(0, 8)}-report.csv`,
    content: `\uFEFF${lines.join('\r\n')}\r\n`,
  };
}

function withMessage(issue: RowIssue, locale: 'ru' | 'en') {
  return { ...issue, message: issueMessage(issue.code, issue.params, locale) };
}

function toBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    organizationId: row.organization_id,
    kind: row.kind,
    format: row.format,
    fileName: row.file_name,
    byteSize: row.byte_size,
    status: row.status,
    rowsRead: row.rows_read,
    rowsChecked: row.rows_checked,
    rowsApplied: row.rows_applied,
    errorCount: row.error_count,
    result: row.result as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

export interface RunImportOptions {
  /**
   * Whether progress may be written beside the applying transaction (a second connection). Not on
   * PGlite: it has one connection, and a write outside the transaction would wait for it.
   */
  progressBesideTransaction: boolean;
}

/** The job: check the batch's file and apply it, or reject it with its report. Safe to run again. */
export async function runImport(db: Kysely<DB>, importId: string, options: RunImportOptions): Promise<void> {
  const batch = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!batch || batch.status === 'applied' || batch.status === 'rejected' || batch.status === 'failed')
    return;
  const definition = kinds[batch.kind];
  if (!definition) return fail(db, importId, 'This kind of import is not available.');
  // A run that stopped midway (a restart) starts over: staging rows of this batch are dropped.
  await clearStaging(db, importId, definition);
  await updateBatch(db, importId, {
    status: 'checking',
    started_at: new Date(),
    rows_read: 0,
    rows_checked: 0,
    rows_applied: 0,
    error_count: 0,
  });
  try {
    const source: ChunkSource = {
      count: batch.chunk_count,
      read: async (seq) => {
        const chunk = await db
          .selectFrom('import_file_chunks')
          .select('content')
          .where('import_id', '=', importId)
          .where('seq', '=', seq)
          .executeTakeFirst();
        if (!chunk) throw new Error(`Chunk ${seq} of import ${importId} is missing`);
        return Buffer.from(chunk.content);
      },
    };
    if (definition.direct && options.progressBesideTransaction)
      return await checkAndApplyDirectly(db, batch, definition, source);
    const checkStarted = performance.now();
    const checked = await checkRows(db, batch, definition, source);
    const checkSeconds = Math.round(performance.now() - checkStarted) / 1000;
    if (checked.issueCount > 0) {
      await clearStaging(db, importId, definition);
      await dropFile(db, importId);
      await updateBatch(db, importId, {
        status: 'rejected',
        rows_read: checked.rowsRead,
        rows_checked: checked.rowsRead,
        error_count: checked.issueCount,
        errors: JSON.stringify(checked.issues),
        finished_at: new Date(),
      });
      return;
    }
    await updateBatch(db, importId, {
      status: 'applying',
      rows_read: checked.rowsRead,
      rows_checked: checked.rowsRead,
    });
    const applyStarted = performance.now();
    await db.transaction().execute(async (trx) => {
      // One import applies at a time per organization; subscribers' reads never wait on it.
      await sql`select pg_advisory_xact_lock(hashtext(${`import:${batch.organization_id}`}))`.execute(trx);
      const outcome = await definition.apply(
        trx,
        checked.context,
        { id: importId, organizationId: batch.organization_id, rowCount: checked.rowsRead },
        checked.rows,
        async (applied) => {
          if (options.progressBesideTransaction) await updateBatch(db, importId, { rows_applied: applied });
        },
      );
      await trx.deleteFrom('import_file_chunks').where('import_id', '=', importId).execute();
      await updateBatch(trx, importId, {
        status: 'applied',
        rows_applied: outcome.applied,
        result: JSON.stringify({
          ...outcome.result,
          seconds: { check: checkSeconds, apply: Math.round(performance.now() - applyStarted) / 1000 },
        }),
        finished_at: new Date(),
      });
    });
  } catch (error) {
    if (error instanceof ImportFileError) {
      await updateBatch(db, importId, {
        status: 'rejected',
        error_count: 1,
        errors: JSON.stringify([
          {
            row: 0,
            column: '',
            value: '',
            code: error.reason === 'empty' ? 'empty_file' : 'file_unreadable',
          },
        ]),
        finished_at: new Date(),
      });
      return;
    }
    await clearStaging(db, importId, definition);
    await fail(db, importId, error instanceof Error ? error.message : String(error));
    console.error(`import ${importId} failed:`, error);
  }
}

interface Checked {
  rowsRead: number;
  issueCount: number;
  issues: RowIssue[];
  rows: unknown[];
  context: unknown;
  /** Rows inserted and rows of the period removed, when applied directly. */
  applied?: number;
  replaced?: number;
}

async function checkRows(
  db: Kysely<DB>,
  batch: {
    id: string;
    organization_id: string;
    format: 'csv' | 'xlsx' | 'json';
    encoding: 'utf-8' | 'windows-1251' | null;
  },
  // biome-ignore lint/suspicious/noExplicitAny: the kind's own row and context
  definition: ImportKindDefinition<any, any>,
  source: ChunkSource,
  /** Insert checked rows straight into the kind's table in this transaction (PostgreSQL). */
  direct?: { trx: Kysely<DB>; onApplied(rows: number): Promise<void> },
): Promise<Checked> {
  const file = await openImportFile(source, batch.format, batch.encoding);
  const issues: RowIssue[] = [];
  let issueCount = 0;
  const record = (found: RowIssue[]) => {
    issueCount += found.length;
    for (const issue of found) if (issues.length < MAX_STORED_ISSUES) issues.push(issue);
  };
  const { map, missing, unknown } = mapColumns(file.columns, definition.columns);
  const headerRow = file.format === 'json' ? 0 : 1;
  record([
    ...missing.map((column) => ({ row: headerRow, column, value: '', code: 'missing_column' as const })),
    ...unknown.map((column) => ({
      row: headerRow,
      column: printable(column),
      value: printable(column),
      code: 'unknown_column' as const,
    })),
  ]);
  if (missing.length > 0) return { rowsRead: 0, issueCount, issues, rows: [], context: null };

  const context = await definition.load(db, batch.organization_id);
  const moneyUnit = file.format === 'json' ? 'kopecks' : 'rubles';
  const rows: unknown[] = [];
  let staged: unknown[] = [];
  let rowsRead = 0;
  let sliceStarted = performance.now();
  let progressWritten = performance.now();
  // Writing runs beside the checking: one chunk is written while the next is read and checked.
  let writing: Promise<void> = Promise.resolve();
  let applied = 0;
  let replaced: number | null = null;
  const write = async (chunk: unknown[]) => {
    if (direct && definition.direct) {
      replaced ??= await definition.direct.clearPeriod(direct.trx, batch.organization_id, context);
      await bulkInsert(
        direct.trx as Kysely<unknown>,
        definition.direct.table,
        definition.direct.columns,
        chunk,
      );
      applied += chunk.length;
      await direct.onApplied(applied);
    } else if (definition.staging) {
      await bulkInsert(
        db as Kysely<unknown>,
        definition.staging.table,
        [{ name: 'import_id', type: 'uuid', value: () => batch.id }, ...definition.staging.columns],
        chunk,
      );
    }
  };
  const flush = async () => {
    await writing;
    if (staged.length === 0) return;
    const chunk = staged;
    staged = [];
    writing = write(chunk);
    // Handled when awaited; keeps an early failure from being an unhandled rejection meanwhile.
    writing.catch(() => {});
  };
  for await (const fileRow of file.rows) {
    rowsRead++;
    const reader = new RowReader(fileRow, map, moneyUnit);
    if ('#row' in fileRow.cells) reader.issue('', 'not_an_object', undefined, String(fileRow.cells['#row']));
    else {
      const row = definition.check(reader, context);
      if (row !== undefined && reader.ok) {
        if (issueCount > 0) {
          // A bad row was seen: nothing will be applied, so checked rows need not be kept.
        } else if (definition.staging) staged.push(row);
        else rows.push(row);
      }
    }
    if (!reader.ok) record(reader.issues);
    if (staged.length >= STAGE_CHUNK) await flush();
    // Checking is CPU work in the web process: give requests a turn every few milliseconds, so a
    // month-end file never holds a subscriber's page for longer than that.
    if (performance.now() - sliceStarted > SLICE_MS) {
      if (performance.now() - progressWritten > PROGRESS_EVERY_MS) {
        await updateBatch(db, batch.id, {
          rows_read: rowsRead,
          rows_checked: rowsRead,
          error_count: issueCount,
        });
        progressWritten = performance.now();
      }
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }
  if (issueCount === 0) await flush();
  await writing;
  if (direct) return { rowsRead, issueCount, issues, rows, context, applied, replaced: replaced ?? 0 };
  if (rowsRead === 0) record([{ row: 0, column: '', value: '', code: 'empty_file' as const }]);
  if (definition.finish) record(definition.finish(context));
  return { rowsRead, issueCount, issues, rows, context };
}

async function clearStaging(
  db: Kysely<DB>,
  importId: string,
  // biome-ignore lint/suspicious/noExplicitAny: any kind
  definition: ImportKindDefinition<any, any> | undefined,
): Promise<void> {
  if (definition?.staging)
    await sql`delete from ${sql.table(definition.staging.table)} where import_id = ${importId}`.execute(db);
}

class RejectedBatch extends Error {
  constructor(readonly checked: Checked) {
    super('rows were wrong: rolled back');
  }
}

/**
 * PostgreSQL, period kinds: one transaction checks and applies together — the old period is removed
 * and checked rows are inserted while the rest of the file is still being read, so the database's
 * writing overlaps the process's checking. A wrong row rolls all of it back. Readers keep seeing
 * the old period until the commit (MVCC), and other imports of the organization wait their turn.
 */
async function checkAndApplyDirectly(
  db: Kysely<DB>,
  batch: BatchRow,
  // biome-ignore lint/suspicious/noExplicitAny: the kind's own row and context
  definition: ImportKindDefinition<any, any>,
  source: ChunkSource,
): Promise<void> {
  const started = performance.now();
  try {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`import:${batch.organization_id}`}))`.execute(trx);
      const checked = await checkRows(db, batch, definition, source, {
        trx,
        onApplied: (rows) => updateBatch(db, batch.id, { rows_applied: rows }),
      });
      if (checked.issueCount > 0) throw new RejectedBatch(checked);
      await updateBatch(db, batch.id, {
        status: 'applying',
        rows_read: checked.rowsRead,
        rows_checked: checked.rowsRead,
      });
      await trx.deleteFrom('import_file_chunks').where('import_id', '=', batch.id).execute();
      const period = (checked.context as { period: string }).period;
      await updateBatch(trx, batch.id, {
        status: 'applied',
        rows_read: checked.rowsRead,
        rows_checked: checked.rowsRead,
        rows_applied: checked.applied ?? 0,
        result: JSON.stringify({
          period,
          replaced: checked.replaced ?? 0,
          inserted: checked.applied ?? 0,
          seconds: { checkAndApply: Math.round(performance.now() - started) / 1000 },
        }),
        finished_at: new Date(),
      });
    });
  } catch (error) {
    if (!(error instanceof RejectedBatch)) throw error;
    await dropFile(db, batch.id);
    await updateBatch(db, batch.id, {
      status: 'rejected',
      rows_read: error.checked.rowsRead,
      rows_checked: error.checked.rowsRead,
      rows_applied: 0,
      error_count: error.checked.issueCount,
      errors: JSON.stringify(error.checked.issues),
      finished_at: new Date(),
    });
  }
}

/** A finished batch keeps its hash, result and report, not the file (a month of charges is 70 MB). */
async function dropFile(db: Kysely<DB>, importId: string): Promise<void> {
  await db.deleteFrom('import_file_chunks').where('import_id', '=', importId).execute();
}

async function fail(db: Kysely<DB>, importId: string, reason: string): Promise<void> {
  await dropFile(db, importId);
  await updateBatch(db, importId, {
    status: 'failed',
    result: JSON.stringify({ failure: reason.slice(0, 500) }),
    finished_at: new Date(),
  });
}

/**
 * UTF-8 when every byte sequence is valid UTF-8, else Windows-1251 (Excel's "CSV"). Checked a
 * chunk at a time with a turn for other requests in between.
 */
async function detectEncoding(content: Buffer): Promise<'utf-8' | 'windows-1251'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
      decoder.decode(content.subarray(offset, offset + CHUNK_BYTES), { stream: true });
      if (offset > 0) await yieldToEventLoop();
    }
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}
