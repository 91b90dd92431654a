// Staff routes need a session that passed the second factor, not only a user who has one; and a
// TOTP code is accepted once (the last accepted time step is remembered).
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table sessions add column second_factor_at timestamptz;
    alter table users add column totp_last_step bigint;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users drop column totp_last_step;
    alter table sessions drop column second_factor_at;
  `,
  );
}
