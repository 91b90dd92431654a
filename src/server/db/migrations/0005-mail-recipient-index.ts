// Counting recent mail per recipient (the throttle on mail anybody can trigger) needs this index.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    'create index mail_messages_recipient_idx on mail_messages (recipient, created_at)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop index mail_messages_recipient_idx');
}
