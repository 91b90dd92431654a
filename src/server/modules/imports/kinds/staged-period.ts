// Swapping a checked period in: the period's old rows go and the staged rows come in, inside the
// batch's transaction. Readers keep seeing the old period until the commit (MVCC: a plain SELECT
// never waits on these row locks), then the new one at once.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ApplyOutcome, ApplyProgress } from '../import-kind.ts';

/** Rows copied per statement: big enough to be quick, small enough to report progress. */
const CHUNK_ROWS = 100_000;

export async function replaceStagedPeriod(
  trx: Kysely<DB>,
  batch: { id: string; organizationId: string },
  progress: ApplyProgress,
  steps: {
    table: 'charges' | 'statements';
    period: string;
    /** Staged rows with from <= row_number < to. */
    insert(from: number, to: number): RawBuilder<unknown>;
    staging: 'import_staging_charges' | 'import_staging_statements';
  },
): Promise<ApplyOutcome> {
  const replaced = await deletePeriod(trx, steps.table, batch.organizationId, steps.period);
  const bounds = await trx
    .selectFrom(steps.staging)
    .select((eb) => [eb.fn.min('row_number').as('first'), eb.fn.max('row_number').as('last')])
    .where('import_id', '=', batch.id)
    .executeTakeFirstOrThrow();
  let applied = 0;
  if (bounds.first !== null && bounds.last !== null) {
    // Row numbers are file lines, so a chunk of line numbers holds at most CHUNK_ROWS rows.
    for (let from = Number(bounds.first); from <= Number(bounds.last); from += CHUNK_ROWS) {
      const inserted = await steps.insert(from, from + CHUNK_ROWS).execute(trx);
      applied += Number(inserted.numAffectedRows ?? 0);
      await progress(applied);
    }
  }
  await sql`delete from ${sql.table(steps.staging)} where import_id = ${batch.id}`.execute(trx);
  return {
    applied,
    result: { period: steps.period, replaced, inserted: applied },
  };
}

/**
 * Removes the organization's rows of a month from charges or statements; how many. The accounts
 * are an array the index is probed with, a plan that stays quick whatever the table's statistics
 * say (a join planned on stale statistics, right after a large import, took minutes).
 */
export async function deletePeriod(
  trx: Kysely<DB>,
  table: 'charges' | 'statements',
  organizationId: string,
  period: string,
): Promise<number> {
  const deleted = await sql`delete from ${sql.table(table)}
    where period = ${`${period}-01`}::date
      and account_id = any(array(select id from accounts where organization_id = ${organizationId}))`.execute(
    trx,
  );
  return Number(deleted.numAffectedRows ?? 0);
}
