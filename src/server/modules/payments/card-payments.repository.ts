// SQL for card payments: the order at the gateway, its timeline, and the ledger row that credits it.
import { type Kysely, sql } from 'kysely';
import type { CardPayment, TimelineEvent } from '../../../shared/api/card-payments.ts';
import type { DB } from '../../db/schema.ts';
import type { CardPaymentStatus } from './payment-state.ts';

export type GatewayKind = 'sandbox' | 'yookassa' | 'tbank';

export interface CardPaymentRow {
  id: string;
  accountId: string;
  createdBy: string;
  amount: number;
  email: string;
  gateway: GatewayKind;
  gatewayPaymentId: string | null;
  redirectUrl: string | null;
  status: CardPaymentStatus;
  requestFingerprint: string | null;
  createdAt: Date;
}

const columns = [
  'id',
  'account_id as accountId',
  'created_by as createdBy',
  'amount',
  'email',
  'gateway',
  'gateway_payment_id as gatewayPaymentId',
  'redirect_url as redirectUrl',
  'status',
  'request_fingerprint as requestFingerprint',
  'created_at as createdAt',
] as const;

export async function findById(db: Kysely<DB>, id: string): Promise<CardPaymentRow | undefined> {
  return db.selectFrom('card_payments').select(columns).where('id', '=', id).executeTakeFirst() as Promise<
    CardPaymentRow | undefined
  >;
}

/** What the payment is for, as the fiscal receipt and the bank's page print it. */
export async function paymentSubjectOf(
  db: Kysely<DB>,
  accountId: string,
): Promise<{ number: string; kind: 'housing' | 'isp'; period: string | null }> {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .select([
      'a.number',
      'o.kind',
      (eb) =>
        eb
          .selectFrom('statements as st')
          .select(sql<string>`to_char(max(st.period), 'MM.YYYY')`.as('period'))
          .whereRef('st.account_id', '=', 'a.id')
          .as('period'),
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { number: row.number, kind: row.kind, period: row.period ?? null };
}

export async function findByIdempotencyKey(
  db: Kysely<DB>,
  userId: string,
  key: string,
): Promise<CardPaymentRow | undefined> {
  return db
    .selectFrom('card_payments')
    .select(columns)
    .where('created_by', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst() as Promise<CardPaymentRow | undefined>;
}

/** Inserts a new order and its first timeline event; false when the Idempotency-Key is taken. */
export async function insertCardPayment(
  db: Kysely<DB>,
  payment: {
    id: string;
    accountId: string;
    createdBy: string;
    amount: number;
    email: string;
    gateway: GatewayKind;
    idempotencyKey: string | null;
    fingerprint: string;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('card_payments')
      .values({
        id: payment.id,
        account_id: payment.accountId,
        created_by: payment.createdBy,
        amount: payment.amount,
        email: payment.email,
        gateway: payment.gateway,
        idempotency_key: payment.idempotencyKey,
        request_fingerprint: payment.fingerprint,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await addEvent(trx, payment.id, 'created');
    return true;
  });
}

/** The gateway has the order: its id and page, and the payment waits for the person. */
export async function markRedirected(
  db: Kysely<DB>,
  id: string,
  gatewayPaymentId: string,
  redirectUrl: string,
): Promise<CardPaymentRow> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('card_payments')
      .select(columns)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.gatewayPaymentId) return current as CardPaymentRow;
    await trx
      .updateTable('card_payments')
      .set({
        gateway_payment_id: gatewayPaymentId,
        redirect_url: redirectUrl,
        // A notification may have overtaken us (the person was quick): keep what it said.
        status: current.status === 'created' ? 'pending' : current.status,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await addEvent(trx, id, 'redirected');
    return trx
      .selectFrom('card_payments')
      .select(columns)
      .where('id', '=', id)
      .executeTakeFirstOrThrow() as Promise<CardPaymentRow>;
  });
}

export async function addEvent(
  db: Kysely<DB>,
  paymentId: string,
  kind: TimelineEvent['kind'],
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('card_payment_events')
    .values({ payment_id: paymentId, kind, details: JSON.stringify(details) })
    .execute();
}

/** The order a gateway's payment belongs to, locked for the rest of the transaction. */
export async function lockByGatewayId(
  db: Kysely<DB>,
  gateway: GatewayKind,
  gatewayPaymentId: string,
): Promise<CardPaymentRow | undefined> {
  return db
    .selectFrom('card_payments')
    .select(columns)
    .where('gateway', '=', gateway)
    .where('gateway_payment_id', '=', gatewayPaymentId)
    .forUpdate()
    .executeTakeFirst() as Promise<CardPaymentRow | undefined>;
}

export async function setStatus(db: Kysely<DB>, id: string, status: CardPaymentStatus): Promise<void> {
  await db
    .updateTable('card_payments')
    .set({ status, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * The ledger row that puts the money on the account. The ledger's unique keys (gateway and its
 * payment id; the order) make a second one impossible; true when this call made it.
 */
export async function insertLedgerEntry(
  db: Kysely<DB>,
  payment: CardPaymentRow,
  paidAt: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('payments')
    .values({
      account_id: payment.accountId,
      amount: payment.amount,
      source: 'card',
      status: 'credited',
      gateway: payment.gateway,
      gateway_payment_id: payment.gatewayPaymentId,
      card_payment_id: payment.id,
      paid_at: paidAt,
      credited_at: new Date(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function reverseLedgerEntry(db: Kysely<DB>, paymentId: string): Promise<void> {
  await db
    .updateTable('payments')
    .set({ status: 'refunded' })
    .where('card_payment_id', '=', paymentId)
    .execute();
}

/** A payment of an account the user is a member of, with its timeline; undefined otherwise. */
export async function findForMember(
  db: Kysely<DB>,
  userId: string,
  paymentId: string,
): Promise<(CardPaymentRow & { timeline: CardPayment['timeline'] }) | undefined> {
  const payment = (await db
    .selectFrom('card_payments')
    .innerJoin('account_members', 'account_members.account_id', 'card_payments.account_id')
    .select(columns.map((column) => `card_payments.${column}` as const))
    .where('account_members.user_id', '=', userId)
    .where('card_payments.id', '=', paymentId)
    .executeTakeFirst()) as CardPaymentRow | undefined;
  if (!payment) return undefined;
  const events = await db
    .selectFrom('card_payment_events')
    .select(['kind', 'at'])
    .where('payment_id', '=', paymentId)
    .orderBy('id')
    .execute();
  return {
    ...payment,
    timeline: events.map((event) => ({
      kind: event.kind as TimelineEvent['kind'],
      at: new Date(event.at).toISOString(),
    })),
  };
}

/** Open payments (created or pending) untouched since `before` (inclusive), oldest first. */
export async function listOpenPayments(
  db: Kysely<DB>,
  before: Date,
  limit: number,
): Promise<CardPaymentRow[]> {
  return db
    .selectFrom('card_payments')
    .select(columns)
    .where('status', 'in', ['created', 'pending'])
    .where('gateway_payment_id', 'is not', null)
    .where('updated_at', '<=', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute() as Promise<CardPaymentRow[]>;
}

export async function touch(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db.updateTable('card_payments').set({ updated_at: at }).where('id', '=', id).execute();
}

/** The organization of the account a gateway's payment belongs to; undefined when unknown. */
export async function organizationOfGatewayPayment(
  db: Kysely<DB>,
  gateway: GatewayKind,
  gatewayPaymentId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('card_payments as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select('a.organization_id')
    .where('c.gateway', '=', gateway)
    .where('c.gateway_payment_id', '=', gatewayPaymentId)
    .executeTakeFirst();
  return row?.organization_id;
}
