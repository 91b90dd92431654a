// SQL of import batches: always within the caller's organization.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, ImportBatchesTable, ImportKind } from '../../db/schema.ts';

export type BatchRow = Selectable<ImportBatchesTable>;

export async function insertBatch(
  db: Kysely<DB>,
  values: Insertable<ImportBatchesTable>,
): Promise<BatchRow | undefined> {
  // The partial unique index (organization, kind, content hash) makes a concurrent twin a no-op.
  return db
    .insertInto('import_batches')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'kind', 'content_hash'])
        .where('status', '<>', 'failed')
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

export function findBatchByContent(
  db: Kysely<DB>,
  organizationId: string,
  kind: ImportKind,
  contentHash: string,
) {
  return db
    .selectFrom('import_batches')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('content_hash', '=', contentHash)
    .where('status', '<>', 'failed')
    .executeTakeFirst();
}

export function findBatch(db: Kysely<DB>, organizationId: string, importId: string) {
  return db
    .selectFrom('import_batches')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', importId)
    .executeTakeFirst();
}

export function listBatches(db: Kysely<DB>, organizationId: string, limit: number) {
  return db
    .selectFrom('import_batches')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function updateBatch(
  db: Kysely<DB>,
  importId: string,
  values: Updateable<ImportBatchesTable>,
): Promise<void> {
  await db.updateTable('import_batches').set(values).where('id', '=', importId).execute();
}
