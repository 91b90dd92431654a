// SQL for the daily reconciliation of card payments: the organizations and payments to check, the
// ledger rows and recorded conflicts to compare them with, the stored report (claimed, then
// finished) and the staff who read it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB, PaymentStatus } from '../../db/schema.ts';
import type { GatewayKind } from './card-payments.repository.ts';
import type { CardPaymentStatus } from './payment-state.ts';

export interface OrganizationToReconcile {
  id: string;
  name: string;
  timezone: string;
}

/** Organizations with card payments created in [from, until]. */
export async function listOrganizationsWithCardPayments(
  db: Kysely<DB>,
  from: Date,
  until: Date,
): Promise<OrganizationToReconcile[]> {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.short_name as name', 'o.timezone'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('card_payments as cp')
          .innerJoin('accounts as a', 'a.id', 'cp.account_id')
          .select('cp.id')
          .whereRef('a.organization_id', '=', 'o.id')
          .where('cp.created_at', '>=', from)
          .where('cp.created_at', '<=', until),
      ),
    )
    .orderBy('o.id')
    .execute();
}

export interface ReconciliationClaim {
  id: string;
  claim: string;
}

/**
 * Claims the organization's report for the day: a new row, or a `running` one whose claim is older
 * than `staleBefore` (its process died). Undefined when the day is reported or being reported.
 */
export async function claimReconciliation(
  db: Kysely<DB>,
  report: {
    organizationId: string;
    day: string;
    checkedFrom: Date;
    checkedUntil: Date;
    startedAt: Date;
    staleBefore: Date;
  },
): Promise<ReconciliationClaim | undefined> {
  return db
    .insertInto('payment_reconciliations')
    .values({
      organization_id: report.organizationId,
      day: report.day,
      status: 'running',
      claim: randomUUID(),
      started_at: report.startedAt,
      checked_from: report.checkedFrom,
      checked_until: report.checkedUntil,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'day'])
        .doUpdateSet((eb) => ({
          claim: eb.ref('excluded.claim'),
          started_at: eb.ref('excluded.started_at'),
          checked_from: eb.ref('excluded.checked_from'),
          checked_until: eb.ref('excluded.checked_until'),
        }))
        .where('payment_reconciliations.status', '=', 'running')
        .where('payment_reconciliations.started_at', '<', report.staleBefore),
    )
    .returning(['id', 'claim'])
    .executeTakeFirst();
}

/** Gives a claim back after a failure, so the job's retry can take the day again. */
export async function releaseReconciliation(db: Kysely<DB>, claim: ReconciliationClaim): Promise<void> {
  await db
    .deleteFrom('payment_reconciliations')
    .where('id', '=', claim.id)
    .where('claim', '=', claim.claim)
    .where('status', '=', 'running')
    .execute();
}

/** Finishes the report under its claim; false when another run took the claim over meanwhile. */
export async function finishReconciliation(
  db: Kysely<DB>,
  claim: ReconciliationClaim,
  report: {
    paymentsChecked: number;
    mismatches: number;
    repaired: number;
    findings: unknown[];
    mailedTo: number;
  },
): Promise<boolean> {
  const finished = await db
    .updateTable('payment_reconciliations')
    .set({
      status: 'done',
      finished_at: new Date(),
      payments_checked: report.paymentsChecked,
      mismatches: report.mismatches,
      repaired: report.repaired,
      findings: JSON.stringify(report.findings),
      mailed_to: report.mailedTo,
    })
    .where('id', '=', claim.id)
    .where('claim', '=', claim.claim)
    .where('status', '=', 'running')
    .returning('id')
    .executeTakeFirst();
  return finished !== undefined;
}

export interface LedgerEntry {
  amount: number;
  status: PaymentStatus;
}

export interface PaymentToReconcile {
  id: string;
  accountNumber: string;
  amount: number;
  status: CardPaymentStatus;
  gateway: GatewayKind;
  gatewayPaymentId: string;
  /** Ledger rows of this order: linked to it, or carrying its gateway id (e.g. from a billing import). */
  ledger: LedgerEntry[];
}

/** The organization's card payments created in [from, until] that reached their gateway. */
export async function listCardPaymentsToReconcile(
  db: Kysely<DB>,
  organizationId: string,
  from: Date,
  until: Date,
): Promise<PaymentToReconcile[]> {
  const rows = await db
    .selectFrom('card_payments as cp')
    .innerJoin('accounts as a', 'a.id', 'cp.account_id')
    .select((eb) => [
      'cp.id',
      'a.number as accountNumber',
      'cp.amount',
      'cp.status',
      'cp.gateway',
      'cp.gateway_payment_id as gatewayPaymentId',
      jsonArrayFrom(
        eb
          .selectFrom('payments as l')
          .select(['l.amount', 'l.status'])
          .where((where) =>
            where.or([
              where('l.card_payment_id', '=', where.ref('cp.id')),
              where.and([
                where('l.gateway', '=', where.ref('cp.gateway')),
                where('l.gateway_payment_id', '=', where.ref('cp.gateway_payment_id')),
              ]),
            ]),
          )
          .orderBy('l.created_at'),
      ).as('ledger'),
    ])
    .where('a.organization_id', '=', organizationId)
    .where('cp.created_at', '>=', from)
    .where('cp.created_at', '<=', until)
    .where('cp.gateway_payment_id', 'is not', null)
    .orderBy('cp.created_at')
    .execute();
  return rows.map((row) => ({
    ...row,
    gatewayPaymentId: row.gatewayPaymentId!,
    ledger: row.ledger.map((entry) => ({ amount: Number(entry.amount), status: entry.status })),
  }));
}

export interface RecordedConflict {
  paymentId: string;
  accountNumber: string;
  amount: number;
  status: CardPaymentStatus;
  at: Date;
  details: unknown;
}

/** Conflicts recorded in the timelines of the organization's card payments in [from, until]. */
export async function listConflicts(
  db: Kysely<DB>,
  organizationId: string,
  from: Date,
  until: Date,
): Promise<RecordedConflict[]> {
  return db
    .selectFrom('card_payment_events as e')
    .innerJoin('card_payments as cp', 'cp.id', 'e.payment_id')
    .innerJoin('accounts as a', 'a.id', 'cp.account_id')
    .select([
      'cp.id as paymentId',
      'a.number as accountNumber',
      'cp.amount',
      'cp.status',
      'e.at',
      'e.details',
    ])
    .where('a.organization_id', '=', organizationId)
    .where('e.kind', '=', 'conflict')
    .where('e.at', '>=', from)
    .where('e.at', '<=', until)
    .orderBy('e.id')
    .execute();
}

/** The organization's operators and admins whose login is not disabled. */
export async function listStaffRecipients(
  db: Kysely<DB>,
  organizationId: string,
): Promise<{ email: string }[]> {
  return db
    .selectFrom('staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('u.email')
    .distinct()
    .where('s.organization_id', '=', organizationId)
    .where('s.role', 'in', ['operator', 'admin'])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.email')
    .execute();
}
