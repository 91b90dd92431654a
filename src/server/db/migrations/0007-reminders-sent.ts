// Which reminder each user already got, so that scans may run often and on several processes
// and still send each reminder once.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table reminders_sent (
      user_id uuid not null references users (id),
      kind text not null check (kind in ('reading_window', 'verification')),
      key text not null check (length(key) between 1 and 200),
      sent_at timestamptz not null default now(),
      primary key (user_id, kind, key)
    )
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop table reminders_sent');
}
