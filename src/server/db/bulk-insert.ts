// Fast bulk loading for seeds and imports: one INSERT … SELECT FROM unnest($1::type[], …) per chunk,
// so a chunk costs one parameter per column whatever its row count (works on PostgreSQL and PGlite).
import { type Kysely, sql } from 'kysely';

export interface BulkColumn<Row> {
  name: string;
  /** PostgreSQL element type of the parameter array, e.g. 'uuid', 'bigint', 'text'. */
  type: string;
  /** Expression applied to the unnested value, e.g. `{}::text[]` literals: 'value::text[]'. */
  cast?: string;
  value: (row: Row) => unknown;
}

export async function bulkInsert<Row>(
  db: Kysely<unknown>,
  table: string,
  columns: BulkColumn<Row>[],
  rows: readonly Row[],
  chunkSize = 5000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const arrays = columns.map((column) => sql`${chunk.map(column.value)}::${sql.raw(column.type)}[]`);
    const names = columns.map((column) => sql.id(column.name));
    const selected = columns.map((column, index) =>
      column.cast ? sql.raw(column.cast.replace('value', `c${index}`)) : sql.raw(`c${index}`),
    );
    const aliases = columns.map((_, index) => sql.raw(`c${index}`));
    await sql`insert into ${sql.table(table)} (${sql.join(names)})
      select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as t(${sql.join(aliases)})`.execute(db);
  }
}
