// Meter readings as submissions (issue 4, ADR 0008): one submission per meter and period carries a
// value per register; the latest accepted one counts and earlier ones stay in the history as
// 'replaced'. Organizations get the reading settings, users can switch reminders off, exports are
// batches, and submit_reading saves a reading in one round trip.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Serializes a meter's submissions with a transaction-scoped advisory lock keyed by the meter (a
// row lock would write WAL each time; a hash collision only makes two meters wait for each other).
// Each statement of a volatile PL/pgSQL function sees what committed before it, so after the lock
// wait it sees the previous submitter's row. Under the lock: a repeated Idempotency-Key gets the
// stored answer; a period whose reading is billed or exported is final ('locked'); the time is
// taken (so the one that counts is also the latest by time); the accepted one is replaced; the new
// one is inserted, with its answer only when a key was sent.
const submitReadingFunction = `
    create function submit_reading(
      p_id uuid, p_meter uuid, p_period date, p_source text, p_user uuid, p_key text,
      p_fingerprint text, p_response jsonb, p_warnings text[], p_registers smallint[], p_values numeric[]
    ) returns table (outcome text, response jsonb, fingerprint text)
    language plpgsql volatile as $$
    declare
      v_replaced boolean;
      v_submitted_at timestamptz;
    begin
      perform pg_advisory_xact_lock(hashtextextended(p_meter::text, 0));
      if p_key is not null then
        return query select 'replay'::text, s.response, s.request_fingerprint from reading_submissions s
          where s.meter_id = p_meter and s.idempotency_key = p_key;
        if found then
          return;
        end if;
      end if;
      if exists (select 1 from reading_submissions where meter_id = p_meter and period = p_period
          and (status = 'included' or (status = 'accepted' and export_id is not null))) then
        return query select 'locked'::text, null::jsonb, null::text;
        return;
      end if;
      v_submitted_at := clock_timestamp();
      update reading_submissions set status = 'replaced'
        where meter_id = p_meter and period = p_period and status = 'accepted';
      v_replaced := found;
      p_response := jsonb_set(jsonb_set(p_response, '{submission,submittedAt}',
          to_jsonb(to_char(v_submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
        '{replacedEarlier}', to_jsonb(v_replaced));
      insert into reading_submissions (id, meter_id, period, source, submitted_by, idempotency_key,
          request_fingerprint, response, confirmed_warnings, submitted_at)
        values (p_id, p_meter, p_period, p_source, p_user, p_key,
          case when p_key is not null then p_fingerprint end, case when p_key is not null then p_response end,
          p_warnings, v_submitted_at);
      insert into readings (submission_id, register, value)
        select p_id, u.register, u.value from unnest(p_registers, p_values) as u (register, value);
      return query select 'saved'::text, p_response, p_fingerprint;
    end
    $$`;

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
      check ((status = 'included') = (included_in is not null))
    );
    create unique index reading_submissions_idempotency_idx on reading_submissions (meter_id, idempotency_key)
      where idempotency_key is not null;
    -- At most one submission counts per meter and period.
    create unique index reading_submissions_current_idx on reading_submissions (meter_id, period)
      where status in ('accepted', 'included');
    create index reading_submissions_meter_idx on reading_submissions (meter_id, period desc, submitted_at desc);
    -- Export downloads page through a batch by submission id.
    create index reading_submissions_export_idx on reading_submissions (export_id, id) where export_id is not null;

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
      drop column id,
      drop column meter_id,
      drop column period,
      drop column source,
      drop column status,
      drop column submitted_at,
      add primary key (submission_id, register);
  `,
  );
  await sql.raw(submitReadingFunction).execute(db);
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
    drop function submit_reading;
    alter table readings drop constraint readings_pkey, drop column submission_id,
      add column id bigint generated always as identity primary key;
    create index readings_meter_period_idx on readings (meter_id, register, period);
    drop table reading_submissions, reading_exports;
    alter table users drop column reading_reminders, drop column verification_reminders;
    alter table organizations drop column reading_outside_window, drop column reading_anomaly_factor,
      drop column reading_refuse_below_previous;
  `,
  );
}
