// SQL for refund requests: the subscriber's application, the operator's list and decisions, each
// scoped by the member (user) or by the organization in the signature.
import { type Kysely, sql } from 'kysely';
import type { RefundRequest } from '../../../shared/api/refunds.ts';
import type { DB, RefundRequestStatus } from '../../db/schema.ts';
import type { GatewayKind } from './card-payments.repository.ts';
import type { CardPaymentStatus } from './payment-state.ts';

/** A request as both sides see it, before the deadline flags (which depend on the time of asking). */
export type RefundRequestView = Omit<RefundRequest, 'overdue' | 'daysLeft'>;

export interface OperatorRefundRequestView extends RefundRequestView {
  accountId: string;
  accountNumber: string;
  amount: number;
  gateway: GatewayKind;
  paidAt: string;
}

/** A card payment of an account the user is a member of, with what a refund request needs. */
export interface PaymentForRefund {
  id: string;
  organizationId: string;
  role: 'owner' | 'member' | 'viewer';
}

export async function findPaymentForMember(
  db: Kysely<DB>,
  userId: string,
  paymentId: string,
): Promise<PaymentForRefund | undefined> {
  return db
    .selectFrom('card_payments as cp')
    .innerJoin('account_members as m', 'm.account_id', 'cp.account_id')
    .innerJoin('accounts as a', 'a.id', 'cp.account_id')
    .select(['cp.id', 'a.organization_id as organizationId', 'm.role'])
    .where('m.user_id', '=', userId)
    .where('cp.id', '=', paymentId)
    .executeTakeFirst();
}

/** The payment's status, locked for the transaction, and whether its ledger row still credits it. */
export async function lockPaymentForRefund(
  trx: Kysely<DB>,
  paymentId: string,
): Promise<{ status: CardPaymentStatus; credited: boolean }> {
  const row = await trx
    .selectFrom('card_payments as cp')
    .select([
      'cp.status',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('payments as l')
              .select('l.id')
              .whereRef('l.card_payment_id', '=', 'cp.id')
              .where('l.status', '=', 'credited'),
          )
          .as('credited'),
    ])
    .where('cp.id', '=', paymentId)
    .forUpdate('cp')
    .executeTakeFirstOrThrow();
  return { status: row.status, credited: Boolean(row.credited) };
}

/** Files a request; undefined when the payment already has an open one (the partial unique index). */
export async function insertRefundRequest(
  trx: Kysely<DB>,
  request: { id: string; paymentId: string; requestedBy: string; reason: string },
): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('refund_requests')
    .values({
      id: request.id,
      card_payment_id: request.paymentId,
      requested_by: request.requestedBy,
      reason: request.reason,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function baseSelect(db: Kysely<DB>) {
  return db
    .selectFrom('refund_requests as r')
    .innerJoin('card_payments as cp', 'cp.id', 'r.card_payment_id')
    .innerJoin('accounts as a', 'a.id', 'cp.account_id')
    .leftJoin('payments as l', 'l.card_payment_id', 'cp.id')
    .select([
      'r.id',
      'r.card_payment_id as paymentId',
      'r.status',
      'r.reason',
      'r.requested_at as requestedAt',
      'r.due_at as dueAt',
      'r.decided_at as decidedAt',
      'r.decision_note as decisionNote',
      'a.id as accountId',
      'a.number as accountNumber',
      'cp.amount',
      'cp.gateway',
      sql<Date>`coalesce(l.paid_at, cp.created_at)`.as('paidAt'),
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirstOrThrow']>>;

function subscriberViewOf(row: BaseRow): RefundRequestView {
  return {
    id: row.id,
    paymentId: row.paymentId,
    status: row.status,
    reason: row.reason,
    requestedAt: iso(row.requestedAt),
    dueAt: iso(row.dueAt),
    decidedAt: isoOrNull(row.decidedAt),
    decisionNote: row.decisionNote,
  };
}

function operatorViewOf(row: BaseRow): OperatorRefundRequestView {
  return {
    ...subscriberViewOf(row),
    accountId: row.accountId,
    accountNumber: row.accountNumber,
    amount: Number(row.amount),
    gateway: row.gateway,
    paidAt: iso(row.paidAt),
  };
}

/** The newest request of a payment (open or decided): what the payment's page shows. */
export async function findLatestRefundRequest(
  db: Kysely<DB>,
  paymentId: string,
): Promise<RefundRequestView | undefined> {
  const row = await baseSelect(db)
    .where('r.card_payment_id', '=', paymentId)
    .orderBy('r.requested_at', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && subscriberViewOf(row);
}

export async function findRefundRequestForMember(
  db: Kysely<DB>,
  userId: string,
  id: string,
): Promise<RefundRequestView | undefined> {
  const row = await baseSelect(db)
    .innerJoin('account_members as m', 'm.account_id', 'cp.account_id')
    .where('m.user_id', '=', userId)
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row && subscriberViewOf(row);
}

export async function findRefundRequestInOrganization(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<OperatorRefundRequestView | undefined> {
  const row = await baseSelect(db)
    .where('a.organization_id', '=', organizationId)
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row && operatorViewOf(row);
}

export async function listRefundRequestsInOrganization(
  db: Kysely<DB>,
  organizationId: string,
  filter: { status?: RefundRequestStatus; limit: number; offset: number },
): Promise<{ total: number; items: OperatorRefundRequestView[] }> {
  let scoped = db
    .selectFrom('refund_requests as r')
    .innerJoin('card_payments as cp', 'cp.id', 'r.card_payment_id')
    .innerJoin('accounts as a', 'a.id', 'cp.account_id')
    .where('a.organization_id', '=', organizationId);
  let page = baseSelect(db).where('a.organization_id', '=', organizationId);
  if (filter.status) {
    scoped = scoped.where('r.status', '=', filter.status);
    page = page.where('r.status', '=', filter.status);
  }
  const open = sql<boolean>`r.status in ('requested', 'approved')`;
  const [{ total }, rows] = await Promise.all([
    scoped.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    page
      // Open requests first, the nearest deadline first; decided ones after, the newest first.
      .orderBy(sql`case when ${open} then 0 else 1 end`)
      .orderBy(sql`case when ${open} then r.due_at end`, 'asc')
      .orderBy('r.decided_at', 'desc')
      .orderBy('r.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
  ]);
  return { total: Number(total), items: rows.map(operatorViewOf) };
}

/** What deciding a request needs, with the request's row locked for the rest of the transaction. */
export interface LockedRefundRequest {
  id: string;
  status: RefundRequestStatus;
  decidedAt: Date | null;
  paymentId: string;
  paymentStatus: CardPaymentStatus;
  amount: number;
  gateway: GatewayKind;
  gatewayPaymentId: string | null;
}

export async function lockRefundRequestInOrganization(
  trx: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<LockedRefundRequest | undefined> {
  const row = await trx
    .selectFrom('refund_requests as r')
    .innerJoin('card_payments as cp', 'cp.id', 'r.card_payment_id')
    .innerJoin('accounts as a', 'a.id', 'cp.account_id')
    .select([
      'r.id',
      'r.status',
      'r.decided_at as decidedAt',
      'cp.id as paymentId',
      'cp.status as paymentStatus',
      'cp.amount',
      'cp.gateway',
      'cp.gateway_payment_id as gatewayPaymentId',
    ])
    .where('r.id', '=', id)
    .where('a.organization_id', '=', organizationId)
    .forUpdate('r')
    .executeTakeFirst();
  return row && { ...row, amount: Number(row.amount), decidedAt: row.decidedAt && new Date(row.decidedAt) };
}

/** Claims a request for refunding: it is `approved` while the bank works on it. */
export async function markApproved(trx: Kysely<DB>, id: string, decidedBy: string, at: Date): Promise<void> {
  await trx
    .updateTable('refund_requests')
    .set({ status: 'approved', decided_by: decidedBy, decided_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Gives a claim back after the bank failed: the request waits for a decision again. */
export async function releaseApproval(
  trx: Kysely<DB>,
  id: string,
  claim: { decidedBy: string; at: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('refund_requests')
    .set({ status: 'requested', decided_by: null, decided_at: null, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('decided_by', '=', claim.decidedBy)
    .where('decided_at', '=', claim.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markRefunded(
  db: Kysely<DB>,
  id: string,
  decidedBy: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('refund_requests')
    .set({
      status: 'refunded',
      decided_by: sql`coalesce(decided_by, ${decidedBy}::uuid)`,
      decided_at: sql`coalesce(decided_at, ${at})`,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', 'in', ['requested', 'approved'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markRejected(
  trx: Kysely<DB>,
  id: string,
  decision: { decidedBy: string; at: Date; note: string },
): Promise<void> {
  await trx
    .updateTable('refund_requests')
    .set({
      status: 'rejected',
      decided_by: decision.decidedBy,
      decided_at: decision.at,
      decision_note: decision.note,
      updated_at: decision.at,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Closes the approved request of a payment whose refund has just been applied (the bank's
 * notification, the approval's own answer, or a poll): the bank may finish a refund after the
 * approval has answered. Part of the transaction that applies the refund.
 */
export async function closeApprovedRefundRequest(
  trx: Kysely<DB>,
  paymentId: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('refund_requests')
    .set({ status: 'refunded', updated_at: at })
    .where('card_payment_id', '=', paymentId)
    .where('status', '=', 'approved')
    .execute();
}

/** The bank refused the refund for good: the request ends `failed` with a note the subscriber reads. */
export async function markFailed(
  trx: Kysely<DB>,
  id: string,
  claim: { decidedBy: string; at: Date; note: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('refund_requests')
    .set({ status: 'failed', decision_note: claim.note, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('decided_by', '=', claim.decidedBy)
    .where('decided_at', '=', claim.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
