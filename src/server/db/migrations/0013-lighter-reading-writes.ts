// Two writes fewer per reading on the month-end hot path (npm run bench -- readings):
// - submit_reading serializes a meter's submissions with a transaction-scoped advisory lock keyed
//   by the meter instead of a row lock, which wrote a WAL record and dirtied the meter's page each
//   time (a hash collision only makes two meters wait for each other);
// - readings are keyed by (submission, register): the surrogate id and its index are gone.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { runStatements } from '../run-statements.ts';

const submitFunction = (advisory: boolean) => `
    create or replace function submit_reading(
      p_id uuid, p_meter uuid, p_period date, p_source text, p_user uuid, p_key text,
      p_fingerprint text, p_response jsonb, p_warnings text[], p_submitted_at timestamptz,
      p_registers smallint[], p_values numeric[]
    ) returns table (outcome text, response jsonb, fingerprint text)
    language plpgsql volatile as $$
    declare
      v_replaced boolean;
    begin
      ${
        advisory
          ? 'perform pg_advisory_xact_lock(hashtextextended(p_meter::text, 0));'
          : 'perform 1 from meters where id = p_meter for update;'
      }
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
      p_submitted_at := clock_timestamp();
      p_response := jsonb_set(p_response, '{submission,submittedAt}',
        to_jsonb(to_char(p_submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
      update reading_submissions set status = 'replaced'
        where meter_id = p_meter and period = p_period and status = 'accepted';
      v_replaced := found;
      p_response := jsonb_set(p_response, '{replacedEarlier}', to_jsonb(v_replaced));
      insert into reading_submissions (id, meter_id, period, source, submitted_by, idempotency_key,
          request_fingerprint, response, confirmed_warnings, submitted_at)
        values (p_id, p_meter, p_period, p_source, p_user, p_key,
          case when p_key is not null then p_fingerprint end, case when p_key is not null then p_response end,
          p_warnings, p_submitted_at);
      insert into readings (submission_id, register, value)
        select p_id, u.register, u.value from unnest(p_registers, p_values) as u (register, value);
      return query select 'saved'::text, p_response, p_fingerprint;
    end
    $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(submitFunction(true)).execute(db);
  await runStatements(
    db,
    `
    alter table readings drop column id;
    alter table readings drop constraint readings_submission_register_key,
      add primary key (submission_id, register)
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table readings drop constraint readings_pkey,
      add constraint readings_submission_register_key unique (submission_id, register);
    alter table readings add column id bigint generated always as identity primary key
  `,
  );
  await sql.raw(submitFunction(false)).execute(db);
}
