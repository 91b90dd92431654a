// Refunds (issue 6, ADR 0011): a member files a written application for a credited card payment;
// staff of the organization approve it (the bank refunds, the ledger row is reversed through the
// same path as the bank's own notification) or reject it with a note; both see the 30-day deadline.
//
// Approving is three short steps, the bank's call outside any transaction:
//  1. claim: the request row is locked and moved requested → approved (a second approval arriving
//     meanwhile finds it approved and gets REFUND_REQUEST_DECIDED: the bank is asked once);
//  2. the bank refunds with the request's id as its idempotency key;
//  3. as the bank answers: refunded — the refund is applied like a gateway event (payment
//     refunded, ledger reversed, timeline 'refunded', all once) and the request becomes refunded;
//     still pending — nothing moves and the request stays approved until the bank's notification
//     applies the refund, which closes the request in the same transaction; canceled — the bank
//     refused the refund for good, the request ends failed with a note, the money stays credited.
// If the bank fails, the claim is given back (approved → requested) and the operator gets
// GATEWAY_UNAVAILABLE: the request waits for a decision again, and approving it again is safe
// because the bank refunds one key once. If the process stops between 1 and 3, or the bank left the
// refund pending, the request stays approved; after APPROVAL_TAKEOVER_MS another approval takes it
// over with the same key, which also asks the bank how that refund stands.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type CreateRefundRequest,
  isOpenRefundStatus,
  type OperatorRefundRequest,
  type OperatorRefundRequestsQuery,
  type OperatorRefundRequestsResponse,
  type RefundRequest,
  refundDeadline,
} from '../../../shared/api/refunds.ts';
import type { PaymentGateway, RefundOutcome } from '../../adapters/payments/gateway.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { householdPolicy, requireRole } from '../household/household.policy.ts';
import type { StaffScope } from '../readings/operator-readings.service.ts';
import { addEvent, type GatewayKind } from './card-payments.repository.ts';
import { applyGatewayEvent } from './card-payments.service.ts';
import {
  findPaymentForMember,
  findRefundRequestForMember,
  findRefundRequestInOrganization,
  insertRefundRequest,
  listRefundRequestsInOrganization,
  lockPaymentForRefund,
  lockRefundRequestInOrganization,
  markApproved,
  markFailed,
  markRefunded,
  markRejected,
  type OperatorRefundRequestView,
  type RefundRequestView,
  releaseApproval,
} from './refunds.repository.ts';

export interface RefundsContext {
  db: Kysely<DB>;
  /**
   * The gateway of this kind as the account's organization has it: the one that took the payment
   * refunds it. Called outside any transaction (it may read settings through the outer `db`).
   */
  gatewayFor: (kind: GatewayKind, accountId: string) => Promise<PaymentGateway | null>;
}

/** What the subscriber reads when the bank refused the refund for good. */
export const BANK_REFUSED_NOTE =
  'Банк отказал в возврате платежа. Деньги остаются на лицевом счёте; обратитесь в организацию или подайте заявление ещё раз.';

/**
 * An approval older than this that never finished (the process stopped, or the bank left the refund
 * pending) may be taken over.
 */
export const APPROVAL_TAKEOVER_MS = 2 * 60_000;

export interface Actor {
  userId: string;
  ip: string;
}

const refundNotAllowed = () =>
  new AppError(
    'REFUND_NOT_ALLOWED',
    'Only a payment credited to the account can be refunded; this one did not go through or is already refunded.',
  );

const alreadyRequested = () =>
  new AppError(
    'REFUND_ALREADY_REQUESTED',
    'A refund of this payment is already requested; wait for the decision, shown with the payment.',
  );

const alreadyDecided = (message = 'This request is already decided; reload to see its status.') =>
  new AppError('REFUND_REQUEST_DECIDED', message);

export function presentRefundRequest(view: RefundRequestView, now = new Date()): RefundRequest {
  return { ...view, ...refundDeadline(view.status, view.dueAt, now) };
}

function presentForOperator(view: OperatorRefundRequestView, now = new Date()): OperatorRefundRequest {
  return { ...view, ...refundDeadline(view.status, view.dueAt, now) };
}

/** The subscriber's application: a member who acts on the account, for a credited payment, once. */
export async function requestRefund(
  db: Kysely<DB>,
  actor: Actor,
  paymentId: string,
  body: CreateRefundRequest,
): Promise<RefundRequest> {
  const payment = await findPaymentForMember(db, actor.userId, paymentId);
  // Another person's payment and no payment look the same.
  if (!payment) throw errors.notFound('payment');
  requireRole(householdPolicy.canActOnAccount(payment.role));
  const id = randomUUID();
  const filed = await db.transaction().execute(async (trx) => {
    // Locked so that a refund being applied right now cannot slip between the check and the insert.
    const state = await lockPaymentForRefund(trx, paymentId);
    if (state.status !== 'succeeded' || !state.credited) throw refundNotAllowed();
    if (!(await insertRefundRequest(trx, { id, paymentId, requestedBy: actor.userId, reason: body.reason })))
      return false;
    await addEvent(trx, paymentId, 'refund_requested', { refundRequestId: id });
    await recordAuditEvent(trx, {
      action: 'refund.requested',
      organizationId: payment.organizationId,
      actorUserId: actor.userId,
      targetType: 'refund_request',
      targetId: id,
      ip: actor.ip,
      details: { paymentId },
    });
    return true;
  });
  if (!filed) throw alreadyRequested();
  const view = await findRefundRequestForMember(db, actor.userId, id);
  if (!view) throw new Error(`refund request ${id} vanished after insert`);
  return presentRefundRequest(view);
}

export async function listRefundRequests(
  db: Kysely<DB>,
  scope: StaffScope,
  query: OperatorRefundRequestsQuery,
  now = new Date(),
): Promise<OperatorRefundRequestsResponse> {
  const { total, items } = await listRefundRequestsInOrganization(db, scope.organizationId, query);
  return {
    organizationId: scope.organizationId,
    total,
    items: items.map((item) => presentForOperator(item, now)),
  };
}

async function operatorView(db: Kysely<DB>, scope: StaffScope, id: string): Promise<OperatorRefundRequest> {
  const view = await findRefundRequestInOrganization(db, scope.organizationId, id);
  if (!view) throw errors.notFound('refund request');
  return presentForOperator(view);
}

type Claim =
  | { kind: 'already_refunded' }
  | {
      kind: 'claimed';
      paymentId: string;
      gatewayPaymentId: string;
      amount: number;
      at: Date;
    };

/**
 * Approves a request: the bank refunds the whole payment and the ledger row is reversed, once. The
 * answer is `refunded`, `approved` while the bank is still refunding, or `failed` if it refused.
 */
export async function approveRefundRequest(
  context: RefundsContext,
  scope: StaffScope,
  id: string,
  ip: string,
): Promise<OperatorRefundRequest> {
  const { db } = context;
  const current = await findRefundRequestInOrganization(db, scope.organizationId, id);
  if (!current) throw errors.notFound('refund request');
  if (!isOpenRefundStatus(current.status)) throw alreadyDecided();
  const gateway = await context.gatewayFor(current.gateway, current.accountId);
  if (!gateway)
    throw new AppError(
      'GATEWAY_UNAVAILABLE',
      `The ${current.gateway} gateway that took this payment is not configured for the organization now, so it cannot refund it; nothing changed.`,
    );
  const at = new Date();
  const claim = await db.transaction().execute(async (trx): Promise<Claim> => {
    const request = await lockRefundRequestInOrganization(trx, scope.organizationId, id);
    if (!request) throw errors.notFound('refund request');
    if (request.status === 'approved') {
      const started = request.decidedAt?.getTime() ?? 0;
      if (at.getTime() - started < APPROVAL_TAKEOVER_MS)
        throw alreadyDecided(
          'This request is being refunded right now; reload in a minute to see the result.',
        );
    } else if (request.status !== 'requested') {
      throw alreadyDecided();
    }
    const audit = {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      targetType: 'refund_request',
      targetId: id,
      ip,
    };
    // The bank refunded it already (an earlier approval whose answer was lost, or the bank's own
    // cabinet) and its notification has been applied: only the request is left to close.
    if (request.paymentStatus === 'refunded') {
      await markRefunded(trx, id, scope.userId, at);
      await recordAuditEvent(trx, {
        ...audit,
        action: 'refund.approved',
        details: { alreadyRefunded: true },
      });
      return { kind: 'already_refunded' };
    }
    if (request.paymentStatus !== 'succeeded' || !request.gatewayPaymentId) throw refundNotAllowed();
    await markApproved(trx, id, scope.userId, at);
    await recordAuditEvent(trx, {
      ...audit,
      action: 'refund.approved',
      details: { paymentId: request.paymentId, amount: request.amount, retry: request.status === 'approved' },
    });
    return {
      kind: 'claimed',
      paymentId: request.paymentId,
      gatewayPaymentId: request.gatewayPaymentId,
      amount: request.amount,
      at,
    };
  });
  if (claim.kind === 'already_refunded') return operatorView(db, scope, id);

  let refund: RefundOutcome;
  try {
    // The request's id is the idempotency key: whatever happens next, the bank refunds it once.
    refund = await gateway.refund(claim.gatewayPaymentId, claim.amount, id);
  } catch (error) {
    const reason = (error as Error).message.slice(0, 200);
    await db.transaction().execute(async (trx) => {
      await releaseApproval(trx, id, { decidedBy: scope.userId, at: claim.at });
      await recordAuditEvent(trx, {
        action: 'refund.gateway_failed',
        organizationId: scope.organizationId,
        actorUserId: scope.userId,
        targetType: 'refund_request',
        targetId: id,
        ip,
        details: { reason },
      });
    });
    throw new AppError(
      'GATEWAY_UNAVAILABLE',
      'The bank did not confirm the refund; the request waits for a decision again. Approve it again in a minute: it is never refunded twice.',
      { reason },
    );
  }

  // Not yet: the money is still on the account until the bank's notification says it is back on
  // the card (that notification closes the request).
  if (refund === 'pending') return operatorView(db, scope, id);
  if (refund === 'canceled') {
    await db.transaction().execute(async (trx) => {
      if (!(await markFailed(trx, id, { decidedBy: scope.userId, at: claim.at, note: BANK_REFUSED_NOTE })))
        return;
      await recordAuditEvent(trx, {
        action: 'refund.failed',
        organizationId: scope.organizationId,
        actorUserId: scope.userId,
        targetType: 'refund_request',
        targetId: id,
        ip,
        details: { paymentId: claim.paymentId, reason: 'the bank canceled the refund' },
      });
    });
    return operatorView(db, scope, id);
  }

  // The same path as the bank's notification: the payment moves to refunded and its ledger row is
  // reversed under the payment's lock, once; the notification arriving later is then a repeat.
  const outcome = await applyGatewayEvent(db, gateway.kind, {
    gatewayPaymentId: claim.gatewayPaymentId,
    state: 'refunded',
    amount: claim.amount,
  });
  if (outcome !== 'moved' && outcome !== 'same')
    throw new Error(`refund request ${id}: applying the refund gave '${outcome}'`);
  await markRefunded(db, id, scope.userId, claim.at);
  return operatorView(db, scope, id);
}

/** Rejects an undecided request with a note the subscriber reads. */
export async function rejectRefundRequest(
  db: Kysely<DB>,
  scope: StaffScope,
  id: string,
  note: string,
  ip: string,
): Promise<OperatorRefundRequest> {
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    const request = await lockRefundRequestInOrganization(trx, scope.organizationId, id);
    if (!request) throw errors.notFound('refund request');
    if (request.status === 'approved')
      throw alreadyDecided('This request is approved and being refunded; it can no longer be rejected.');
    if (request.status !== 'requested') throw alreadyDecided();
    if (request.paymentStatus === 'refunded')
      throw alreadyDecided('The bank has already refunded this payment; approve the request to close it.');
    await markRejected(trx, id, { decidedBy: scope.userId, at, note });
    await recordAuditEvent(trx, {
      action: 'refund.rejected',
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      targetType: 'refund_request',
      targetId: id,
      ip,
      details: { paymentId: request.paymentId, note },
    });
  });
  return operatorView(db, scope, id);
}
