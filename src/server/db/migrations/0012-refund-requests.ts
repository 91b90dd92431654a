// Refund requests (issue 6, ADR 0011): the subscriber's written application to get a card payment
// back, the operator's decision and the 30-day deadline. At most one open (requested or approved)
// request per payment; a rejected one may be followed by a new application.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table refund_requests (
      id uuid primary key,
      card_payment_id uuid not null references card_payments (id),
      requested_by uuid not null references users (id),
      reason text not null check (length(reason) between 10 and 2000),
      status text not null default 'requested'
        check (status in ('requested', 'approved', 'rejected', 'refunded', 'failed')),
      decided_by uuid references users (id),
      decided_at timestamptz,
      decision_note text check (length(decision_note) between 1 and 2000),
      requested_at timestamptz not null default now(),
      -- The seed's policy: processed within 30 days of the application (in hours, so that the
      -- session's time zone and its daylight saving never stretch or shrink the deadline).
      due_at timestamptz not null default now() + interval '720 hours',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (due_at > requested_at),
      check (status = 'requested' or decided_at is not null),
      check (status <> 'rejected' or decision_note is not null)
    );
    create unique index refund_requests_one_open_idx on refund_requests (card_payment_id)
      where status in ('requested', 'approved');
    create index refund_requests_payment_idx on refund_requests (card_payment_id, requested_at desc);
    create index refund_requests_open_due_idx on refund_requests (due_at)
      where status in ('requested', 'approved');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop table refund_requests;');
}
