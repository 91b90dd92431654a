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
    period: string;
    delete(period: string): RawBuilder<unknown>;
    /** Staged rows with from <= row_number < to. */
    insert(from: number, to: number): RawBuilder<unknown>;
    staging: 'import_staging_charges' | 'import_staging_statements';
  },
): Promise<ApplyOutcome> {
  const period = `${steps.period}-01`;
  const deleted = await steps.delete(period).execute(trx);
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
    result: { period: steps.period, replaced: Number(deleted.numAffectedRows ?? 0), inserted: applied },
  };
}
