// Meter readings as submissions (issue 4): one submission per meter and period carries a value per
// register; the latest accepted one counts and earlier ones stay in the history as 'replaced'.
// Organizations get the reading settings, users can switch reminders off, exports are batches.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table organizations
      add column reading_outside_window text not null default 'next_period'
        check (reading_outside_window in ('next_period', 'refuse')),
      add column reading_anomaly_factor numeric(4, 1) not null default 3
        check (reading_anomaly_factor between 1.5 and 100),
      add column reading_refuse_below_previous boolean not null default true;

    alter table users
      add column reading_reminders boolean not null default true,
      add column verification_reminders boolean not null default true;

    create table reading_exports (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      period date not null check (extract(day from period) = 1),
      created_by uuid not null references users (id),
      reading_count integer not null check (reading_count >= 0),
      created_at timestamptz not null default now()
    );
    create index reading_exports_organization_idx on reading_exports (organization_id, created_at desc);

    create table reading_submissions (
      id uuid primary key default gen_random_uuid(),
      meter_id uuid not null references meters (id),
      period date not null check (extract(day from period) = 1),
      source text not null check (source in ('subscriber', 'operator', 'import', 'estimated')),
      status text not null default 'accepted'
        check (status in ('accepted', 'replaced', 'included', 'rejected')),
      submitted_by uuid references users (id),
      idempotency_key text check (length(idempotency_key) between 1 and 200),
      request_fingerprint text,
      response jsonb,
      confirmed_warnings text[] not null default '{}',
      rejection_reason text check (length(rejection_reason) between 1 and 500),
      included_in date check (extract(day from included_in) = 1),
      export_id uuid references reading_exports (id),
      submitted_at timestamptz not null default now(),
      check ((status = 'rejected') = (rejection_reason is not null)),
      check ((status = 'included') = (included_in is not null)),
      unique (meter_id, idempotency_key)
    );
    -- At most one submission counts per meter and period.
    create unique index reading_submissions_current_idx on reading_submissions (meter_id, period)
      where status in ('accepted', 'included');
    create index reading_submissions_meter_idx on reading_submissions (meter_id, period desc, submitted_at desc);
    create index reading_submissions_export_idx on reading_submissions (export_id) where export_id is not null;

    -- The readings so far become one submission per meter, period and moment; the latest of a
    -- period counts, earlier ones are kept as replaced.
    insert into reading_submissions (meter_id, period, source, status, rejection_reason, submitted_at)
      select meter_id, period, min(source),
        case when bool_or(status = 'rejected') then 'rejected' else 'replaced' end,
        case when bool_or(status = 'rejected') then 'rejected before submissions were recorded' end,
        submitted_at
      from readings group by meter_id, period, submitted_at;
    update reading_submissions set status = 'accepted' where id in (
      select distinct on (meter_id, period) id from reading_submissions where status = 'replaced'
      order by meter_id, period, submitted_at desc
    );

    alter table readings add column submission_id uuid references reading_submissions (id);
    update readings r set submission_id = s.id from reading_submissions s
      where s.meter_id = r.meter_id and s.period = r.period and s.submitted_at = r.submitted_at;
    delete from readings where submission_id is null;
    alter table readings
      alter column submission_id set not null,
      drop column meter_id,
      drop column period,
      drop column source,
      drop column status,
      drop column submitted_at,
      add constraint readings_submission_register_key unique (submission_id, register);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table readings
      add column meter_id uuid references meters (id),
      add column period date,
      add column source text,
      add column status text not null default 'accepted',
      add column submitted_at timestamptz;
    update readings r set meter_id = s.meter_id, period = s.period, source = s.source,
        status = case when s.status = 'rejected' then 'rejected' else 'accepted' end, submitted_at = s.submitted_at
      from reading_submissions s where s.id = r.submission_id;
    alter table readings drop column submission_id;
    create index readings_meter_period_idx on readings (meter_id, register, period);
    drop table reading_submissions, reading_exports;
    alter table users drop column reading_reminders, drop column verification_reminders;
    alter table organizations drop column reading_outside_window, drop column reading_anomaly_factor,
      drop column reading_refuse_below_previous;
  `,
  );
}
