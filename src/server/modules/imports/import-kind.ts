// What a kind of import (accounts, charges, …) tells the batch runner: its columns, the lookups its
// checks need, how one row is checked, and how checked rows are applied inside the batch's single
// transaction. Large period kinds stage their checked rows first and swap the period in at the end.
import type { Kysely } from 'kysely';
import type { BulkColumn } from '../../db/bulk-insert.ts';
import type { DB, ImportKind } from '../../db/schema.ts';
import type { ColumnSpec, RowIssue, RowReader } from './import-row.ts';

export type ApplyProgress = (rowsApplied: number) => Promise<void>;

export interface ApplyOutcome {
  applied: number;
  /** What applying did, for the operator: counts, the period replaced, flagged rows. */
  result: Record<string, unknown>;
}

export interface ImportKindDefinition<Row, Context> {
  kind: ImportKind;
  columns: ColumnSpec[];
  /** Lookups for the checks, loaded once per batch (account numbers → ids, service codes → ids). */
  load(db: Kysely<DB>, organizationId: string): Promise<Context>;
  /** Reads one row; any problem is recorded on the reader. Context may keep state across rows. */
  check(reader: RowReader, context: Context): Row | undefined;
  /** Problems only visible once every row is read (none so far). */
  finish?(context: Context): RowIssue[];
  /** Checked rows go to this staging table while checking (period kinds), not to memory. */
  staging?: { table: 'import_staging_charges' | 'import_staging_statements'; columns: BulkColumn<Row>[] };
  /**
   * On PostgreSQL, period kinds skip staging: the batch's transaction removes the period and inserts
   * the checked rows while the file is still being read (the database writes while the process
   * checks), and commits only if no row was wrong.
   */
  direct?: {
    table: 'charges' | 'statements';
    columns: BulkColumn<Row>[];
    /** Removes the organization's rows of the period the context has settled on; how many. */
    clearPeriod(trx: Kysely<DB>, organizationId: string, context: Context): Promise<number>;
  };
  /** Applies the rows inside the batch's transaction; `rows` is empty for staged kinds. */
  apply(
    trx: Kysely<DB>,
    context: Context,
    batch: { id: string; organizationId: string; rowCount: number },
    rows: Row[],
    progress: ApplyProgress,
  ): Promise<ApplyOutcome>;
}

/** Account number → id for the organization: one query, kept for the batch. */
export async function loadAccountIds(db: Kysely<DB>, organizationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'number'])
    .where('organization_id', '=', organizationId)
    .execute();
  return new Map(rows.map((row) => [row.number, row.id]));
}

export async function loadServiceIds(db: Kysely<DB>, organizationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('services')
    .select(['id', 'code'])
    .where('organization_id', '=', organizationId)
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** The account a row names, or an `unknown_account` issue. */
export function accountOf(reader: RowReader, accounts: Map<string, string>): string | undefined {
  const number = reader.text('account', { required: true, max: 30 });
  if (!number) return undefined;
  return accounts.get(number) ?? reader.issue('account', 'unknown_account');
}

/** A period kind's rows must all be of one period: the first row's. */
export function samePeriod(reader: RowReader, state: { period: string | null }): string | undefined {
  const period = reader.period('period');
  if (!period) return undefined;
  state.period ??= period;
  return period === state.period ? period : reader.issue('period', 'period_mixed', { period: state.period });
}

export const ACCOUNT_COLUMN: ColumnSpec = {
  name: 'account',
  aliases: ['лицевой_счет', 'лс', 'л/с', 'номер_лс', 'account_number'],
  required: true,
};
export const PERIOD_COLUMN: ColumnSpec = { name: 'period', aliases: ['период', 'месяц'], required: true };
