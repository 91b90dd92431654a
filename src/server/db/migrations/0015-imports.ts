// Imports from the organization's billing system (issue 7): organization API keys (stored hashed,
// scoped, revocable), one batch per uploaded file with its progress and its report, and staging
// tables the large period imports are checked into before the period is swapped in at the end.
// Payments the billing reports carry its own id: one id per channel is one payment of the account.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      name text not null check (length(name) between 1 and 100),
      prefix text not null check (prefix ~ '^abk_[A-Za-z0-9_-]{4,12}$'),
      key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
      scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['imports', 'exports']::text[]),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_keys_organization_id_idx on api_keys (organization_id);

    create table import_batches (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      kind text not null check (kind in ('accounts', 'services', 'charges', 'statements', 'payments', 'readings')),
      format text not null check (format in ('csv', 'xlsx', 'json')),
      file_name text check (length(file_name) <= 255),
      content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
      file_id uuid references stored_files (id),
      byte_size integer not null check (byte_size >= 0),
      status text not null default 'queued'
        check (status in ('queued', 'checking', 'applying', 'applied', 'rejected', 'failed')),
      rows_read integer not null default 0,
      rows_checked integer not null default 0,
      rows_applied integer not null default 0,
      error_count integer not null default 0,
      errors jsonb not null default '[]'::jsonb,
      result jsonb not null default '{}'::jsonb,
      created_by uuid references users (id),
      api_key_id uuid references api_keys (id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      check ((created_by is null) <> (api_key_id is null))
    );
    create index import_batches_organization_idx on import_batches (organization_id, created_at desc);
    -- The same file twice is one batch: a second upload finds the first (unless that one failed).
    create unique index import_batches_content_idx on import_batches (organization_id, kind, content_hash)
      where status <> 'failed';

    create unlogged table import_staging_charges (
      import_id uuid not null,
      row_number integer not null,
      account_id uuid not null,
      period date not null,
      service_id uuid not null,
      volume numeric(14, 4),
      tariff numeric(16, 6) not null,
      amount bigint not null,
      recalculation bigint not null,
      benefit bigint not null,
      total bigint not null
    );
    create index import_staging_charges_import_idx on import_staging_charges (import_id, row_number);

    create unlogged table import_staging_statements (
      import_id uuid not null,
      row_number integer not null,
      account_id uuid not null,
      period date not null,
      opening bigint not null,
      charged bigint not null,
      recalculation bigint not null,
      benefit bigint not null,
      penalties bigint not null,
      paid bigint not null,
      closing bigint not null,
      due_date date not null
    );
    create index import_staging_statements_import_idx on import_staging_statements (import_id, row_number);

    create unique index payments_channel_external_id_idx on payments (account_id, source, external_id)
      where external_id is not null;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    drop index payments_channel_external_id_idx;
    drop table import_staging_statements, import_staging_charges, import_batches, api_keys;
  `,
  );
}
