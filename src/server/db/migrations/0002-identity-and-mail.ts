// Identity: single-use tokens (e-mail confirmation, password reset, later invitations), consents to
// the personal data policy (152-ФЗ), registration proof failures for limits; and the mail outbox.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table tokens (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('registration', 'password_reset', 'invitation', 'email_change')),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      user_id uuid references users (id),
      payload jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      check (expires_at > created_at)
    );
    create index tokens_user_id_idx on tokens (user_id);

    create table consents (
      id bigint generated always as identity primary key,
      user_id uuid not null references users (id),
      document text not null check (document in ('personal_data_policy')),
      version text not null,
      accepted_at timestamptz not null default now(),
      ip text,
      unique (user_id, document, version)
    );

    create table registration_failures (
      id bigint generated always as identity primary key,
      organization_id uuid not null references organizations (id),
      account_number text not null,
      ip text not null,
      created_at timestamptz not null default now()
    );
    create index registration_failures_account_idx on registration_failures (organization_id, account_number, created_at);
    create index registration_failures_ip_idx on registration_failures (ip, created_at);

    create table mail_messages (
      id uuid primary key default gen_random_uuid(),
      recipient text not null check (length(recipient) between 3 and 254),
      template text not null,
      locale text not null check (locale in ('ru', 'en')),
      subject text not null,
      text_body text not null,
      html_body text not null,
      status text not null default 'queued' check (status in ('queued', 'sent')),
      transport text check (transport in ('smtp', 'mailbox')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      check ((status = 'sent') = (sent_at is not null))
    );
    create index mail_messages_created_at_idx on mail_messages (created_at);

    alter table users add column phone text check (phone ~ '^\\+?[0-9]{10,15}$');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users drop column phone;
    drop table mail_messages, registration_failures, consents, tokens;
  `,
  );
}
