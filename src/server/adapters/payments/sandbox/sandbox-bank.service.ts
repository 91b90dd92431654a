// The sandbox bank's rules: opening a payment for an order, the card form, 3-D Secure, refunds and the
// notification that follows each final step. Used by its pages (the bank side) and by the gateway
// (Abonent's side); no HTTP here, and the card number never gets past readCardForm.
import type { Kysely } from 'kysely';
import type { DB, SandboxBankPaymentStatus } from '../../../db/schema.ts';
import type { CreatePaymentRequest } from '../gateway.ts';
import {
  findPayment as findPaymentRow,
  findRefund,
  insertPaymentOnce,
  insertRefund,
  lockPayment,
  recordCardStep,
  recordThreeDsAnswer,
  type SandboxPayment,
  updateNotificationOptions,
} from './sandbox-bank.repository.ts';
import {
  type CardField,
  type CardForm,
  readCardForm,
  THREE_DS_ATTEMPTS,
  THREE_DS_CODE,
} from './sandbox-cards.ts';
import type { Notifier, SandboxNotification } from './sandbox-notifier.ts';

export type { SandboxPayment } from './sandbox-bank.repository.ts';

export interface SandboxBank {
  db: Kysely<DB>;
  notifier: Notifier;
}

export type SandboxRefusalCode =
  | 'PAYMENT_NOT_FOUND'
  | 'ORDER_REUSED'
  | 'NOT_REFUNDABLE'
  | 'REFUND_TOO_LARGE'
  | 'REFUND_KEY_REUSED';

/** The sandbox bank refused a request; retrying it unchanged gives the same answer. */
export class SandboxBankRefusal extends Error {
  constructor(
    readonly code: SandboxRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxBankRefusal';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findPayment(db: Kysely<DB>, id: string): Promise<SandboxPayment | undefined> {
  return UUID.test(id) ? findPaymentRow(db, id) : undefined;
}

/** Opens the bank's payment for an order once; the same order again gets the same payment. */
export async function openPayment(db: Kysely<DB>, request: CreatePaymentRequest): Promise<SandboxPayment> {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    throw new RangeError(`The amount must be a positive number of kopecks: ${request.amount}`);
  }
  const payment = await insertPaymentOnce(db, {
    orderId: request.paymentId,
    amount: request.amount,
    description: request.description,
    returnUrl: request.returnUrl,
    notificationUrl: request.notificationUrl,
    customerEmail: request.customerEmail,
    items: request.items,
  });
  if (payment.amount !== request.amount) {
    throw new SandboxBankRefusal('ORDER_REUSED', `Order ${request.paymentId} exists with another amount.`);
  }
  return payment;
}

export type CardStep =
  | { kind: 'not_found' }
  | { kind: 'not_new'; payment: SandboxPayment }
  | { kind: 'invalid'; payment: SandboxPayment; problems: { field: CardField; message: string }[] }
  | { kind: 'awaiting_3ds'; payment: SandboxPayment }
  | { kind: 'finished'; payment: SandboxPayment };

export async function payByCard(bank: SandboxBank, id: string, form: CardForm, now: Date): Promise<CardStep> {
  const payment = await findPayment(bank.db, id);
  if (!payment) return { kind: 'not_found' };
  if (payment.status !== 'new') return { kind: 'not_new', payment };
  const check = readCardForm(form, now);
  if (!check.ok) return { kind: 'invalid', payment, problems: check.problems };
  const status = check.outcome === 'three_ds' ? 'awaiting_3ds' : check.outcome;
  const moved = await recordCardStep(bank.db, id, { status, cardLast4: check.last4 });
  // Another tab paid it a moment ago.
  if (!moved) return { kind: 'not_new', payment: (await findPayment(bank.db, id))! };
  if (moved.status === 'awaiting_3ds') return { kind: 'awaiting_3ds', payment: moved };
  notifyFinalStatus(bank.notifier, moved);
  return { kind: 'finished', payment: moved };
}

export type ThreeDsStep =
  | { kind: 'not_found' }
  | { kind: 'not_awaiting'; payment: SandboxPayment }
  | { kind: 'wrong_code'; payment: SandboxPayment; attemptsLeft: number }
  | { kind: 'finished'; payment: SandboxPayment };

export async function answerThreeDs(bank: SandboxBank, id: string, code: string): Promise<ThreeDsStep> {
  const payment = await findPayment(bank.db, id);
  if (!payment) return { kind: 'not_found' };
  if (payment.status !== 'awaiting_3ds') return { kind: 'not_awaiting', payment };
  const answered = await recordThreeDsAnswer(bank.db, id, {
    correct: code.trim() === THREE_DS_CODE,
    attemptsAllowed: THREE_DS_ATTEMPTS,
  });
  if (!answered) return { kind: 'not_awaiting', payment: (await findPayment(bank.db, id))! };
  if (answered.status === 'awaiting_3ds') {
    return {
      kind: 'wrong_code',
      payment: answered,
      attemptsLeft: THREE_DS_ATTEMPTS - answered.threeDsFailures,
    };
  }
  notifyFinalStatus(bank.notifier, answered);
  return { kind: 'finished', payment: answered };
}

/**
 * Refunds part or all of a succeeded payment, once per idempotency key (the same key and amount
 * again changes nothing). The payment becomes `refunded` when nothing is left to refund; each refund
 * is notified as `refunded` with the refund's amount.
 */
export async function refundPayment(
  bank: SandboxBank,
  id: string,
  amount: number,
  idempotencyKey: string,
): Promise<void> {
  if (!UUID.test(id)) throw new SandboxBankRefusal('PAYMENT_NOT_FOUND', `No payment ${id}.`);
  const refunded = await bank.db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, id);
    if (!payment) throw new SandboxBankRefusal('PAYMENT_NOT_FOUND', `No payment ${id}.`);
    const earlier = await findRefund(trx, id, idempotencyKey);
    if (earlier) {
      if (earlier.amount !== amount) {
        throw new SandboxBankRefusal('REFUND_KEY_REUSED', 'This idempotency key refunded another amount.');
      }
      return null;
    }
    if (payment.status !== 'succeeded') {
      throw new SandboxBankRefusal('NOT_REFUNDABLE', `Payment ${id} is ${payment.status}, not succeeded.`);
    }
    const left = payment.amount - payment.refundedAmount;
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left) {
      throw new SandboxBankRefusal('REFUND_TOO_LARGE', `A refund must be 1…${left} kopecks, not ${amount}.`);
    }
    return insertRefund(trx, payment, { amount, idempotencyKey });
  });
  if (refunded) notify(bank.notifier, refunded, 'refunded', amount);
}

export async function changeNotificationOptions(
  db: Kysely<DB>,
  id: string,
  options: { delayMs: number; duplicates: number },
): Promise<SandboxPayment | undefined> {
  return UUID.test(id) ? updateNotificationOptions(db, id, options) : undefined;
}

function notifyFinalStatus(notifier: Notifier, payment: SandboxPayment): void {
  const status = payment.status as Extract<SandboxBankPaymentStatus, 'succeeded' | 'declined'>;
  notify(notifier, payment, status, payment.amount);
}

function notify(
  notifier: Notifier,
  payment: SandboxPayment,
  status: SandboxNotification['status'],
  amount: number,
): void {
  notifier.deliver({
    url: payment.notificationUrl,
    notification: { id: payment.id, orderId: payment.orderId, status, amount },
    delayMs: payment.notificationDelayMs,
    duplicates: payment.notificationDuplicates,
  });
}
