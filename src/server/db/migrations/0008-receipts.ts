// Receipts (ЕПД): stored files (the PDF of each receipt version; mail attachments point at them),
// the receipt versions of an (account, period), the e-mail receipt option and its deliveries.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users add column receipt_emails boolean not null default false;

    create table stored_files (
      id uuid primary key default gen_random_uuid(),
      content_type text not null check (length(content_type) between 1 and 100),
      byte_size integer not null check (byte_size >= 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null,
      created_at timestamptz not null default now(),
      check (octet_length(content) = byte_size)
    );

    create table receipt_documents (
      account_id uuid not null references accounts (id),
      period date not null check (extract(day from period) = 1),
      version integer not null check (version >= 1),
      data_version text not null check (data_version ~ '^[0-9a-f]{16,64}$'),
      file_id uuid not null references stored_files (id),
      created_at timestamptz not null default now(),
      primary key (account_id, period, version)
    );

    create table mail_attachments (
      message_id uuid not null references mail_messages (id),
      position smallint not null check (position between 0 and 9),
      file_name text not null check (length(file_name) between 1 and 200),
      file_id uuid not null references stored_files (id),
      primary key (message_id, position)
    );
    create index mail_attachments_file_idx on mail_attachments (file_id);

    create table receipt_deliveries (
      account_id uuid not null,
      period date not null,
      version integer not null,
      user_id uuid not null references users (id),
      message_id uuid not null references mail_messages (id),
      created_at timestamptz not null default now(),
      primary key (account_id, period, version, user_id),
      foreign key (account_id, period, version) references receipt_documents (account_id, period, version)
    );
    create index receipt_deliveries_user_idx on receipt_deliveries (user_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    drop table receipt_deliveries, mail_attachments, receipt_documents, stored_files;
    alter table users drop column receipt_emails;
  `,
  );
}
