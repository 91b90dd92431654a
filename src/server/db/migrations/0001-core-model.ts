// The core model of DESIGN.md: organizations and their housing stock, accounts and the people who
// see them, sessions, services and tariffs, charges and statements, payments, meters and readings.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('housing', 'isp')),
      name text not null check (length(name) between 1 and 300),
      short_name text not null check (length(short_name) between 1 and 160),
      inn text not null check (inn ~ '^([0-9]{10}|[0-9]{12})$'),
      kpp text check (kpp ~ '^[0-9]{9}$'),
      bank_name text not null check (length(bank_name) between 1 and 45),
      bic text not null check (bic ~ '^[0-9]{9}$'),
      settlement_account text not null check (settlement_account ~ '^[0-9]{20}$'),
      correspondent_account text not null check (correspondent_account ~ '^[0-9]{20}$'),
      address text,
      phone text,
      email text,
      city text,
      timezone text not null default 'Europe/Moscow',
      reading_window_start smallint not null default 15 check (reading_window_start between 1 and 31),
      reading_window_end smallint not null default 25 check (reading_window_end between 1 and 31),
      payment_due_day smallint not null default 10 check (payment_due_day between 1 and 28),
      registration_mode text not null default 'both' check (registration_mode in ('self', 'invite', 'both')),
      proof_type text not null default 'last_payment'
        check (proof_type in ('last_payment', 'last_receipt_total')),
      created_at timestamptz not null default now(),
      check (reading_window_start <= reading_window_end)
    );

    create table buildings (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      address text not null check (length(address) between 1 and 500),
      created_at timestamptz not null default now()
    );
    create index buildings_organization_id_idx on buildings (organization_id);

    create table premises (
      id uuid primary key default gen_random_uuid(),
      building_id uuid not null references buildings (id),
      number text not null check (length(number) between 1 and 20),
      area numeric(8, 2) check (area > 0),
      residents smallint not null default 0 check (residents between 0 and 100),
      unique (building_id, number)
    );

    create table accounts (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      number text not null check (length(number) between 1 and 30),
      premises_id uuid references premises (id),
      holder_name text,
      els text check (length(els) = 10),
      izhku text check (length(izhku) = 13),
      status text not null default 'active' check (status in ('active', 'closed')),
      opened_at date,
      created_at timestamptz not null default now(),
      unique (organization_id, number)
    );
    create index accounts_premises_id_idx on accounts (premises_id);

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (length(email) between 3 and 254),
      email_normalized text not null unique check (email_normalized = lower(email_normalized)),
      password_hash text,
      name text,
      locale text not null default 'ru' check (locale in ('ru', 'en')),
      email_verified_at timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table account_members (
      account_id uuid not null references accounts (id),
      user_id uuid not null references users (id),
      role text not null check (role in ('owner', 'member', 'viewer')),
      created_at timestamptz not null default now(),
      primary key (account_id, user_id)
    );
    create index account_members_user_id_idx on account_members (user_id);

    create table staff (
      user_id uuid not null references users (id),
      organization_id uuid not null references organizations (id),
      role text not null check (role in ('operator', 'admin')),
      created_at timestamptz not null default now(),
      primary key (user_id, organization_id)
    );
    create index staff_organization_id_idx on staff (organization_id);

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      csrf_token text not null,
      user_id uuid not null references users (id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text,
      check (expires_at > created_at)
    );
    create index sessions_user_id_idx on sessions (user_id);

    create table auth_failures (
      id bigint generated always as identity primary key,
      email_normalized text not null,
      ip text not null,
      created_at timestamptz not null default now()
    );
    create index auth_failures_email_idx on auth_failures (email_normalized, created_at);
    create index auth_failures_ip_idx on auth_failures (ip, created_at);

    create table services (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      name text not null check (length(name) between 1 and 200),
      unit text not null check (length(unit) between 1 and 20),
      okei text check (okei ~ '^[0-9]{3}$'),
      kind text not null check (kind in ('metered', 'area', 'per_person', 'fixed')),
      sort_order smallint not null default 0,
      unique (organization_id, code)
    );

    create table tariffs (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id),
      valid_from date not null check (extract(day from valid_from) = 1),
      price numeric(16, 6) not null check (price >= 0),
      unique (service_id, valid_from)
    );

    create table charges (
      id bigint generated always as identity primary key,
      account_id uuid not null references accounts (id),
      period date not null check (extract(day from period) = 1),
      service_id uuid not null references services (id),
      volume numeric(14, 4) check (volume >= 0),
      tariff numeric(16, 6) not null check (tariff >= 0),
      amount bigint not null,
      recalculation bigint not null default 0,
      benefit bigint not null default 0 check (benefit >= 0),
      total bigint not null,
      check (total = amount + recalculation - benefit),
      unique (account_id, period, service_id)
    );
    create index charges_service_id_idx on charges (service_id);

    create table statements (
      account_id uuid not null references accounts (id),
      period date not null check (extract(day from period) = 1),
      opening bigint not null,
      charged bigint not null,
      recalculation bigint not null default 0,
      benefit bigint not null default 0 check (benefit >= 0),
      penalties bigint not null default 0 check (penalties >= 0),
      paid bigint not null default 0 check (paid >= 0),
      closing bigint not null,
      due_date date not null check (due_date > period),
      created_at timestamptz not null default now(),
      primary key (account_id, period),
      check (closing = opening + charged + recalculation - benefit + penalties - paid)
    );

    create table payments (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts (id),
      amount bigint not null check (amount > 0),
      source text not null check (source in ('card', 'bank', 'cash_office', 'gis_zhkh')),
      status text not null check (status in ('pending', 'credited', 'failed', 'refunded')),
      gateway text,
      gateway_payment_id text,
      external_id text,
      idempotency_key text,
      paid_at timestamptz not null,
      credited_at timestamptz,
      created_at timestamptz not null default now(),
      check ((status = 'credited') = (credited_at is not null) or status = 'refunded'),
      unique (gateway, gateway_payment_id),
      unique (account_id, idempotency_key)
    );
    create index payments_account_paid_at_idx on payments (account_id, paid_at desc);

    create table meters (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts (id),
      resource text not null check (resource in ('cold_water', 'hot_water', 'electricity', 'heating', 'gas')),
      serial_number text not null check (length(serial_number) between 1 and 40),
      registers smallint not null default 1 check (registers between 1 and 3),
      register_names text[],
      digits smallint not null check (digits between 3 and 9),
      decimals smallint not null default 0 check (decimals between 0 and 4),
      installed_at date,
      verified_until date,
      status text not null default 'active' check (status in ('active', 'replaced', 'broken')),
      unique (account_id, resource, serial_number),
      check (register_names is null or cardinality(register_names) = registers)
    );

    create table readings (
      id bigint generated always as identity primary key,
      meter_id uuid not null references meters (id),
      register smallint not null default 1 check (register between 1 and 3),
      period date not null check (extract(day from period) = 1),
      value numeric(14, 4) not null check (value >= 0),
      source text not null check (source in ('subscriber', 'operator', 'import', 'estimated')),
      status text not null default 'accepted' check (status in ('accepted', 'estimated', 'rejected')),
      submitted_at timestamptz not null default now()
    );
    create index readings_meter_period_idx on readings (meter_id, register, period);

    create table audit_events (
      id bigint generated always as identity primary key,
      organization_id uuid references organizations (id),
      actor_user_id uuid references users (id),
      action text not null,
      target_type text,
      target_id text,
      ip text,
      details jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create index audit_events_organization_id_idx on audit_events (organization_id, created_at);
    create index audit_events_actor_user_id_idx on audit_events (actor_user_id, created_at);

    create table instance_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    drop table instance_settings, audit_events, readings, meters, payments, statements, charges, tariffs, services,
      auth_failures, sessions, staff, account_members, users, accounts, premises, buildings, organizations;
  `,
  );
}
