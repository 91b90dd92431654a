// SQL for the sandbox bank's books: its payments and the refunds made on them.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, SandboxBankPaymentStatus } from '../../../db/schema.ts';

export interface SandboxPayment {
  id: string;
  orderId: string;
  amount: number;
  description: string;
  returnUrl: string;
  notificationUrl: string;
  status: SandboxBankPaymentStatus;
  cardLast4: string | null;
  threeDsFailures: number;
  refundedAmount: number;
  notificationDelayMs: number;
  notificationDuplicates: number;
  paidAt: Date | null;
}

export interface NewSandboxPayment {
  orderId: string;
  amount: number;
  description: string;
  returnUrl: string;
  notificationUrl: string;
  customerEmail: string;
  items: unknown[];
}

const columns = [
  'id',
  'order_id as orderId',
  'amount',
  'description',
  'return_url as returnUrl',
  'notification_url as notificationUrl',
  'status',
  'card_last4 as cardLast4',
  'three_ds_failures as threeDsFailures',
  'refunded_amount as refundedAmount',
  'notification_delay_ms as notificationDelayMs',
  'notification_duplicates as notificationDuplicates',
  'paid_at as paidAt',
] as const;

/** Inserts the payment unless one exists for the order; returns the order's payment either way. */
export async function insertPaymentOnce(db: Kysely<DB>, payment: NewSandboxPayment): Promise<SandboxPayment> {
  await db
    .insertInto('sandbox_bank_payments')
    .values({
      order_id: payment.orderId,
      amount: payment.amount,
      description: payment.description,
      return_url: payment.returnUrl,
      notification_url: payment.notificationUrl,
      customer_email: payment.customerEmail,
      items: JSON.stringify(payment.items),
    })
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .execute();
  return db
    .selectFrom('sandbox_bank_payments')
    .select(columns)
    .where('order_id', '=', payment.orderId)
    .executeTakeFirstOrThrow();
}

export async function findPayment(db: Kysely<DB>, id: string): Promise<SandboxPayment | undefined> {
  return db.selectFrom('sandbox_bank_payments').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function lockPayment(trx: Transaction<DB>, id: string): Promise<SandboxPayment | undefined> {
  return trx
    .selectFrom('sandbox_bank_payments')
    .select(columns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Moves a `new` payment on after the card form; undefined when it was no longer new. */
export async function recordCardStep(
  db: Kysely<DB>,
  id: string,
  step: { status: 'awaiting_3ds' | 'succeeded' | 'declined'; cardLast4: string },
): Promise<SandboxPayment | undefined> {
  return db
    .updateTable('sandbox_bank_payments')
    .set({
      status: step.status,
      card_last4: step.cardLast4,
      paid_at: step.status === 'succeeded' ? sql<Date>`now()` : null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .returning(columns)
    .executeTakeFirst();
}

/**
 * Records a 3-D Secure answer on an `awaiting_3ds` payment: the right code pays it, a wrong one counts,
 * and the last allowed wrong one declines it. Undefined when the payment was not awaiting the code.
 */
export async function recordThreeDsAnswer(
  db: Kysely<DB>,
  id: string,
  answer: { correct: boolean; attemptsAllowed: number },
): Promise<SandboxPayment | undefined> {
  const failures = answer.correct ? sql<number>`three_ds_failures` : sql<number>`three_ds_failures + 1`;
  const status = answer.correct
    ? sql<SandboxBankPaymentStatus>`'succeeded'`
    : sql<SandboxBankPaymentStatus>`case when three_ds_failures + 1 >= ${answer.attemptsAllowed}
        then 'declined' else status end`;
  return db
    .updateTable('sandbox_bank_payments')
    .set({
      three_ds_failures: failures,
      status,
      paid_at: answer.correct ? sql<Date>`now()` : null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_3ds')
    .returning(columns)
    .executeTakeFirst();
}

export async function updateNotificationOptions(
  db: Kysely<DB>,
  id: string,
  options: { delayMs: number; duplicates: number },
): Promise<SandboxPayment | undefined> {
  return db
    .updateTable('sandbox_bank_payments')
    .set({
      notification_delay_ms: options.delayMs,
      notification_duplicates: options.duplicates,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
}

export async function findRefund(
  trx: Transaction<DB>,
  paymentId: string,
  idempotencyKey: string,
): Promise<{ amount: number } | undefined> {
  return trx
    .selectFrom('sandbox_bank_refunds')
    .select('amount')
    .where('payment_id', '=', paymentId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Books a refund on a locked payment; the payment is `refunded` once nothing is left. */
export async function insertRefund(
  trx: Transaction<DB>,
  payment: SandboxPayment,
  refund: { amount: number; idempotencyKey: string },
): Promise<SandboxPayment> {
  await trx
    .insertInto('sandbox_bank_refunds')
    .values({ payment_id: payment.id, idempotency_key: refund.idempotencyKey, amount: refund.amount })
    .execute();
  const refundedAmount = payment.refundedAmount + refund.amount;
  return trx
    .updateTable('sandbox_bank_payments')
    .set({
      refunded_amount: refundedAmount,
      status: refundedAmount === payment.amount ? 'refunded' : payment.status,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', payment.id)
    .returning(columns)
    .executeTakeFirstOrThrow();
}
