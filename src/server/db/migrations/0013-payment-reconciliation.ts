// The daily reconciliation of card payments (issue 6, ADR 0011): one report per organization and
// day, what the gateway and the ledger disagreed about, and whom it was mailed to. The row is
// claimed (`running`) before the gateway is asked and finished (`done`) together with the mail, so
// two processes on the same day report once; a claim left by a dead process can be taken over.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table payment_reconciliations (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id),
      -- The organization's calendar day (its time zone) the report belongs to.
      day date not null,
      status text not null default 'running' check (status in ('running', 'done')),
      -- Which run holds the claim; a run finishes only its own claim.
      claim uuid not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      -- The card payments created in [checked_from, checked_until] were compared.
      checked_from timestamptz not null,
      checked_until timestamptz not null,
      payments_checked integer not null default 0 check (payments_checked >= 0),
      mismatches integer not null default 0 check (mismatches >= 0),
      repaired integer not null default 0 check (repaired >= 0),
      findings jsonb not null default '[]'::jsonb,
      mailed_to integer not null default 0 check (mailed_to >= 0),
      unique (organization_id, day),
      check ((status = 'done') = (finished_at is not null))
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop table payment_reconciliations;');
}
