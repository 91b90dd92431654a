// Lighter writes on the month-end hot path (measured by `npm run bench -- readings`): a submission
// without an Idempotency-Key stores no answer and no entry in the key's unique index, which now
// covers keyed rows only.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { runStatements } from '../run-statements.ts';

const submitFunction = (storeAlways: boolean) => `
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
      update reading_submissions set status = 'replaced'
        where meter_id = p_meter and period = p_period and status = 'accepted';
      v_replaced := found;
      p_response := jsonb_set(p_response, '{replacedEarlier}', to_jsonb(v_replaced));
      insert into reading_submissions (id, meter_id, period, source, submitted_by, idempotency_key,
          request_fingerprint, response, confirmed_warnings, submitted_at)
        values (p_id, p_meter, p_period, p_source, p_user, p_key,
          ${storeAlways ? 'p_fingerprint, p_response' : 'case when p_key is not null then p_fingerprint end, case when p_key is not null then p_response end'},
          p_warnings, p_submitted_at);
      insert into readings (submission_id, register, value)
        select p_id, u.register, u.value from unnest(p_registers, p_values) as u (register, value);
      return query select 'saved'::text, p_response, p_fingerprint;
    end
    $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table reading_submissions drop constraint reading_submissions_meter_id_idempotency_key_key;
    create unique index reading_submissions_idempotency_idx on reading_submissions (meter_id, idempotency_key)
      where idempotency_key is not null;
    update reading_submissions set response = null, request_fingerprint = null
      where idempotency_key is null and response is not null
  `,
  );
  await sql.raw(submitFunction(false)).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    drop index reading_submissions_idempotency_idx;
    alter table reading_submissions add constraint reading_submissions_meter_id_idempotency_key_key
      unique (meter_id, idempotency_key)
  `,
  );
  await sql.raw(submitFunction(true)).execute(db);
}
