// A period's reading that is billed (included) or exported for billing is final: submit_reading
// answers 'locked' instead of replacing it, so a batch downloads the same every time and billing
// never gets two readings of one meter and period. (Before, a billed period's new reading broke the
// one-counting-reading index: a 500.)
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

const submitFunction = (locking: boolean) => `
    create or replace function submit_reading(
      p_id uuid, p_meter uuid, p_period date, p_source text, p_user uuid, p_key text,
      p_fingerprint text, p_response jsonb, p_warnings text[], p_submitted_at timestamptz,
      p_registers smallint[], p_values numeric[]
    ) returns table (outcome text, response jsonb, fingerprint text)
    language plpgsql volatile as $$
    declare
      v_replaced boolean;
    begin
      perform 1 from meters where id = p_meter for update;
      if p_key is not null then
        return query select 'replay'::text, s.response, s.request_fingerprint from reading_submissions s
          where s.meter_id = p_meter and s.idempotency_key = p_key;
        if found then
          return;
        end if;
      end if;
      ${
        locking
          ? `if exists (select 1 from reading_submissions where meter_id = p_meter and period = p_period
          and (status = 'included' or (status = 'accepted' and export_id is not null))) then
        return query select 'locked'::text, null::jsonb, null::text;
        return;
      end if;`
          : ''
      }
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(submitFunction(false)).execute(db);
}
