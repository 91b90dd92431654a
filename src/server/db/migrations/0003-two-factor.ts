// Two-factor authentication (TOTP, RFC 6238): the user's secret, when it was turned on, and
// single-use recovery codes stored hashed.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users add column totp_secret text check (totp_secret ~ '^[A-Z2-7]{16,64}$');
    alter table users add column totp_enabled_at timestamptz;
    alter table users add constraint users_totp_enabled_needs_secret
      check (totp_enabled_at is null or totp_secret is not null);

    create table recovery_codes (
      id bigint generated always as identity primary key,
      user_id uuid not null references users (id),
      code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
      used_at timestamptz,
      created_at timestamptz not null default now(),
      unique (user_id, code_hash)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    drop table recovery_codes;
    alter table users drop constraint users_totp_enabled_needs_secret;
    alter table users drop column totp_enabled_at;
    alter table users drop column totp_secret;
  `,
  );
}
