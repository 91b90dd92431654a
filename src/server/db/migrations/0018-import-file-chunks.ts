// An uploaded import file is kept in 1 MiB chunks of its own table instead of one bytea value: a
// 70 MB month of charges is written and read back a chunk at a time (never one 140 MB hex string
// blocking the process), uncompressed (storage external: pglz on 70 MB took seconds), and the
// batch remembers the text encoding detected at upload.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table import_file_chunks (
      import_id uuid not null references import_batches (id) on delete cascade,
      seq integer not null check (seq >= 0),
      content bytea not null,
      primary key (import_id, seq)
    );
    alter table import_file_chunks alter column content set storage external;
    alter table import_batches add column encoding text check (encoding in ('utf-8', 'windows-1251'));
    alter table import_batches add column chunk_count integer not null default 0 check (chunk_count >= 0);
    alter table import_batches drop column file_id;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table import_batches add column file_id uuid references stored_files (id);
    alter table import_batches drop column chunk_count, drop column encoding;
    drop table import_file_chunks;
  `,
  );
}
