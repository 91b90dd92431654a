// The sandbox bank's own books (demo and tests): its payments, keyed by Abonent's payment id, and the
// refunds made on them. Only the last four digits of a card are ever kept.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table sandbox_bank_payments (
      id uuid primary key default gen_random_uuid(),
      order_id text not null unique check (length(order_id) between 1 and 100),
      amount bigint not null check (amount > 0),
      description text not null check (length(description) between 1 and 500),
      return_url text not null check (length(return_url) between 1 and 2000),
      notification_url text not null check (length(notification_url) between 1 and 2000),
      customer_email text not null check (length(customer_email) between 3 and 320),
      items jsonb not null default '[]',
      status text not null default 'new'
        check (status in ('new', 'awaiting_3ds', 'succeeded', 'declined', 'refunded')),
      card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
      three_ds_failures smallint not null default 0 check (three_ds_failures between 0 and 3),
      refunded_amount bigint not null default 0 check (refunded_amount between 0 and amount),
      notification_delay_ms integer not null default 0 check (notification_delay_ms between 0 and 600000),
      notification_duplicates integer not null default 0 check (notification_duplicates between 0 and 10),
      paid_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status in ('succeeded', 'refunded')) = (paid_at is not null))
    );

    create table sandbox_bank_refunds (
      payment_id uuid not null references sandbox_bank_payments (id),
      idempotency_key text not null check (length(idempotency_key) between 1 and 200),
      amount bigint not null check (amount > 0),
      created_at timestamptz not null default now(),
      primary key (payment_id, idempotency_key)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop table sandbox_bank_refunds, sandbox_bank_payments;');
}
