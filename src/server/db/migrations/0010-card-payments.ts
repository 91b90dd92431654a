// Card payments (issue 6, ADR 0011): the order at the gateway and its timeline. The money itself
// lands in `payments` (the ledger the balance reads), linked back to its order, once: the ledger's
// unique (gateway, gateway_payment_id) and the unique card_payment_id make a second row impossible.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table card_payments (
      id uuid primary key,
      account_id uuid not null references accounts (id),
      created_by uuid not null references users (id),
      amount bigint not null check (amount between 100 and 100000000),
      email text not null check (length(email) between 3 and 254),
      gateway text not null check (gateway in ('sandbox', 'yookassa', 'tbank')),
      gateway_payment_id text check (length(gateway_payment_id) between 1 and 100),
      redirect_url text,
      status text not null default 'created'
        check (status in ('created', 'pending', 'succeeded', 'canceled', 'refunded')),
      idempotency_key text check (length(idempotency_key) between 1 and 200),
      request_fingerprint text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (gateway, gateway_payment_id),
      unique (created_by, idempotency_key)
    );
    create index card_payments_account_idx on card_payments (account_id, created_at desc);
    create index card_payments_open_idx on card_payments (updated_at) where status in ('created', 'pending');

    create table card_payment_events (
      id bigint generated always as identity primary key,
      payment_id uuid not null references card_payments (id),
      kind text not null check (kind in ('created', 'redirected', 'paid_at_bank', 'confirmed', 'credited',
        'canceled', 'accepted_by_billing', 'conflict', 'refund_requested', 'refunded')),
      at timestamptz not null default clock_timestamp(),
      details jsonb not null default '{}'::jsonb
    );
    create index card_payment_events_payment_idx on card_payment_events (payment_id, id);

    alter table payments add column card_payment_id uuid unique references card_payments (id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table payments drop column card_payment_id;
    drop table card_payment_events, card_payments;
  `,
  );
}
