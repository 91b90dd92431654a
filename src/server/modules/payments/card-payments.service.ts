// Card payments (issue 6, ADR 0011): start a payment at the organization's gateway, apply what the
// gateway reports (notifications now, polling later) under a row lock with the state rules, and
// credit the account exactly once through the ledger's unique key.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  CardPayment,
  CreateCardPaymentRequest,
  CreateCardPaymentResponse,
} from '../../../shared/api/card-payments.ts';
import { refundDeadline } from '../../../shared/api/refunds.ts';
import type { GatewayEvent, GatewayPayment, PaymentGateway } from '../../adapters/payments/gateway.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { requireAccountScope } from '../accounts/accounts.service.ts';
import {
  addEvent,
  type CardPaymentRow,
  findById,
  findByIdempotencyKey,
  findForMember,
  type GatewayKind,
  insertCardPayment,
  insertLedgerEntry,
  listOpenPayments,
  lockByGatewayId,
  markRedirected,
  organizationOfGatewayPayment,
  paymentSubjectOf,
  reverseLedgerEntry,
  setStatus,
  touch,
} from './card-payments.repository.ts';
import { notificationUrlOf, type OrganizationGateway } from './gateway-directory.ts';
import { transition } from './payment-state.ts';
import { closeApprovedRefundRequest, findLatestRefundRequest } from './refunds.repository.ts';

export interface PaymentsContext {
  db: Kysely<DB>;
  publicUrl: string;
  /** The gateway an organization takes card payments through; null when it takes none. */
  gatewayFor: (organizationId: string) => Promise<OrganizationGateway | null>;
  /** The organization's gateway of this kind, active or not (an order started before a switch). */
  gatewayOfKind: (kind: GatewayKind, organizationId: string) => Promise<PaymentGateway | null>;
}

function fingerprintOf(accountId: string, body: CreateCardPaymentRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([accountId, body.amount, body.email.toLowerCase()]))
    .digest('hex');
}

function unavailable(): AppError {
  return new AppError(
    'PAYMENTS_UNAVAILABLE',
    'Card payments are not available for this organization; pay by the QR code on the receipt.',
  );
}

export async function createCardPayment(
  context: PaymentsContext,
  userId: string,
  accountId: string,
  body: CreateCardPaymentRequest,
  idempotencyKey: string | null,
): Promise<CreateCardPaymentResponse> {
  const scope = await requireAccountScope(context.db, userId, accountId);
  const resolved = await context.gatewayFor(scope.organizationId);
  if (!resolved) throw unavailable();
  const fingerprint = fingerprintOf(accountId, body);

  let payment: CardPaymentRow | undefined;
  if (idempotencyKey) payment = await findByIdempotencyKey(context.db, userId, idempotencyKey);
  if (!payment) {
    const id = randomUUID();
    const inserted = await insertCardPayment(context.db, {
      id,
      accountId,
      createdBy: userId,
      amount: body.amount,
      email: body.email,
      gateway: resolved.gateway.kind,
      idempotencyKey,
      fingerprint,
    });
    payment = inserted
      ? await findById(context.db, id)
      : await findByIdempotencyKey(context.db, userId, idempotencyKey!);
  }
  if (!payment) throw new Error('card payment vanished after insert');
  if (payment.requestFingerprint !== fingerprint)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for another payment; send a new key for a new payment.',
    );
  if (payment.redirectUrl) return answerOf(payment);
  // A retry of an order started before the organization switched banks stays with its own bank.
  const gateway =
    payment.gateway === resolved.gateway.kind
      ? resolved.gateway
      : await context.gatewayOfKind(payment.gateway, scope.organizationId);
  if (!gateway) throw unavailable();

  // The gateway makes the order idempotent on our payment id, so a retry after a failure is safe.
  const subject = await paymentSubjectOf(context.db, accountId);
  const description = `${subject.kind === 'housing' ? 'Оплата ЖКУ' : 'Оплата услуг связи'} по л/с ${subject.number}${subject.period ? ` за ${subject.period}` : ''}`;
  let created: Awaited<ReturnType<PaymentGateway['create']>>;
  try {
    created = await gateway.create({
      paymentId: payment.id,
      amount: payment.amount,
      description,
      returnUrl: `${context.publicUrl}/payments/${payment.id}`,
      notificationUrl: notificationUrlOf(context.publicUrl, gateway.kind, scope.organizationId),
      customerEmail: payment.email,
      items: [
        {
          description,
          amount: payment.amount,
          quantity: 1,
          vat: resolved.vat,
          paymentSubject: 'service',
        },
      ],
    });
  } catch (error) {
    // The bank's own words (descriptions, Message/Details) are for the log, not for the subscriber.
    // The adapters keep secrets out of their messages.
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 300);
    console.error(`card payment ${payment.id}: ${gateway.kind} did not create it: ${reason}`);
    throw new AppError(
      'GATEWAY_UNAVAILABLE',
      'The bank did not answer. Try again in a minute with the same Idempotency-Key; nothing was charged.',
    );
  }
  return answerOf(
    await markRedirected(context.db, payment.id, created.gatewayPaymentId, created.redirectUrl),
  );
}

function answerOf(payment: CardPaymentRow): CreateCardPaymentResponse {
  return { paymentId: payment.id, redirectUrl: payment.redirectUrl!, status: payment.status };
}

export type ApplyOutcome = 'credited' | 'moved' | 'same' | 'stale' | 'conflict' | 'unknown';

/**
 * Applies what a gateway reports about one of its payments (a verified notification, or a poll).
 * One transaction with the order's row locked: the state rules decide, the timeline records, and
 * a success inserts the ledger row — exactly once, whatever arrives twice or out of order.
 */
export async function applyGatewayEvent(
  db: Kysely<DB>,
  gateway: GatewayKind,
  event: GatewayEvent,
  paidAt = new Date(),
): Promise<ApplyOutcome> {
  return db.transaction().execute((trx) => applyEventLocked(trx, gateway, event, paidAt));
}

async function applyEventLocked(
  trx: Transaction<DB>,
  gateway: GatewayKind,
  event: GatewayEvent,
  paidAt: Date,
): Promise<ApplyOutcome> {
  const payment = await lockByGatewayId(trx, gateway, event.gatewayPaymentId);
  if (!payment) return 'unknown';
  if (event.amount !== payment.amount) {
    await addEvent(trx, payment.id, 'conflict', { reason: 'amount', reported: event.amount });
    return 'conflict';
  }
  const result = transition(payment.status, event.state);
  if (result.kind === 'same' || result.kind === 'stale') return result.kind;
  if (result.kind === 'conflict') {
    await addEvent(trx, payment.id, 'conflict', { reason: result.reason });
    return 'conflict';
  }
  await setStatus(trx, payment.id, result.to);
  if (result.to === 'succeeded') {
    await addEvent(trx, payment.id, 'paid_at_bank');
    await addEvent(trx, payment.id, 'confirmed');
    if (await insertLedgerEntry(trx, payment, paidAt)) {
      await addEvent(trx, payment.id, 'credited');
      return 'credited';
    }
    return 'moved';
  }
  if (result.to === 'canceled') await addEvent(trx, payment.id, 'canceled');
  if (result.to === 'refunded') {
    await reverseLedgerEntry(trx, payment.id);
    await addEvent(trx, payment.id, 'refunded');
    // An approval the bank left pending is finished by this news, whichever way it came.
    await closeApprovedRefundRequest(trx, payment.id, new Date());
  }
  return 'moved';
}

export type GatewayReadOutcome = ApplyOutcome | 'paid_and_refunded' | 'partly_refunded';

/**
 * Applies what reading a payment at its gateway says (the poll, and the reconciliation's repair).
 * A payment the bank took and then gave back in full, whose notifications were lost, is applied as
 * paid and refunded in one transaction: the timeline and the ledger then tell what the bank did
 * (credited, then reversed), the balance never counts it, and the order stops being polled. Leaving
 * it pending would show the person an unpaid order and report nothing. A partial refund is not one
 * Abonent makes: crediting all of it or none would both be wrong, so nothing is applied and the
 * reconciliation reports it for a person to settle.
 */
export async function applyGatewayPayment(
  db: Kysely<DB>,
  gateway: GatewayKind,
  read: GatewayPayment,
  now = new Date(),
): Promise<GatewayReadOutcome> {
  const event: GatewayEvent = {
    gatewayPaymentId: read.gatewayPaymentId,
    state: read.state,
    amount: read.amount,
  };
  const paidAt = read.paidAt ?? now;
  if (read.state !== 'succeeded' || read.refundedAmount <= 0)
    return applyGatewayEvent(db, gateway, event, paidAt);
  if (read.refundedAmount < read.amount) return 'partly_refunded';
  return db.transaction().execute(async (trx) => {
    const paid = await applyEventLocked(trx, gateway, event, paidAt);
    if (paid === 'unknown' || paid === 'conflict') return paid;
    const refunded = await applyEventLocked(trx, gateway, { ...event, state: 'refunded' }, paidAt);
    return refunded === 'moved' ? 'paid_and_refunded' : refunded;
  });
}

/** Whether the payment a verified event speaks of belongs to an account of this organization. */
export async function isPaymentOfOrganization(
  db: Kysely<DB>,
  gateway: GatewayKind,
  event: GatewayEvent,
  organizationId: string,
): Promise<boolean> {
  return (await organizationOfGatewayPayment(db, gateway, event.gatewayPaymentId)) === organizationId;
}

/** Payments still open after this long are asked about (their notification may be lost). */
export const POLL_AFTER_MS = 5 * 60_000;

/**
 * The fallback for lost notifications: asks the gateway about payments that have been open for
 * more than `POLL_AFTER_MS` and applies its answer like a notification. Each polled payment is
 * touched, so it is asked again only after another interval. Returns how many changed.
 */
export async function pollOpenPayments(
  db: Kysely<DB>,
  /** The gateway of this kind for the payment's account (organizations have their own). */
  gatewayByKind: (
    kind: GatewayKind,
    accountId: string,
  ) => PaymentGateway | null | Promise<PaymentGateway | null>,
  now = new Date(),
  limit = 100,
): Promise<number> {
  const open = await listOpenPayments(db, new Date(now.getTime() - POLL_AFTER_MS), limit);
  let changed = 0;
  for (const payment of open) {
    try {
      // Touched first, so a payment nobody can ask about does not hold the head of the queue.
      await touch(db, payment.id, now);
      const gateway = payment.gatewayPaymentId
        ? await gatewayByKind(payment.gateway, payment.accountId)
        : null;
      if (!gateway || !payment.gatewayPaymentId) continue;
      const state = await gateway.get(payment.gatewayPaymentId);
      if (state.state === 'pending') continue;
      const outcome = await applyGatewayPayment(db, payment.gateway, state, now);
      if (outcome === 'partly_refunded')
        console.error(
          `polling card payment ${payment.id}: paid and partly refunded at the bank; left for reconciliation`,
        );
      if (outcome === 'credited' || outcome === 'moved' || outcome === 'paid_and_refunded') changed += 1;
    } catch (error) {
      // One gateway's trouble must not stop the others; the payment is asked again next time.
      console.error(`polling card payment ${payment.id} failed: ${(error as Error).message}`);
    }
  }
  return changed;
}

export async function getCardPayment(
  db: Kysely<DB>,
  userId: string,
  paymentId: string,
): Promise<CardPayment> {
  const payment = await findForMember(db, userId, paymentId);
  // Another person's payment and no payment look the same.
  if (!payment) throw errors.notFound('payment');
  const open = payment.status === 'created' || payment.status === 'pending';
  const refund = await findLatestRefundRequest(db, payment.id);
  return {
    id: payment.id,
    accountId: payment.accountId,
    amount: payment.amount,
    status: payment.status,
    credited: payment.timeline.some((event) => event.kind === 'credited') && payment.status === 'succeeded',
    gateway: payment.gateway,
    redirectUrl: open ? payment.redirectUrl : null,
    createdAt: new Date(payment.createdAt).toISOString(),
    timeline: payment.timeline,
    refund: refund ? { ...refund, ...refundDeadline(refund.status, refund.dueAt, new Date()) } : null,
  };
}
