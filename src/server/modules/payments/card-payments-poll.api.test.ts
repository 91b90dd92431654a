// The fallback for lost notifications: the sandbox bank is told to notify an address where nothing
// listens, so a paid or declined payment stays pending in Abonent; pollOpenPayments asks the real
// sandbox bank about payments open for 5 minutes and applies the answer exactly once — also when
// polls overlap, when the bank fails for one payment, and when a payment's gateway is gone.
// On PGlite and PostgreSQL.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { CreateCardPaymentResponse } from '../../../shared/api/card-payments.ts';
import type { PaymentGateway } from '../../adapters/payments/gateway.ts';
import { sandboxGateway } from '../../adapters/payments/sandbox/sandbox-gateway.ts';
import { POLL_AFTER_MS, pollOpenPayments } from './card-payments.service.ts';

const SECRET = 'sandbox-secret-for-poll-tests-0123456789';
// Nothing listens on port 1: every notification the sandbox bank sends is lost.
const UNREACHABLE = 'http://127.0.0.1:1';

const CARD_PAID = '4111 1111 1111 1111';
const CARD_DECLINED = '4000 0000 0000 0002';

describe.each(databaseKinds)(
  'polling the gateway for payments whose notification was lost, on %s',
  (kind) => {
    let t: TestApp;
    let owner: LoggedIn;
    let ownerId: string;
    let accountId: string;
    let bank: PaymentGateway;

    beforeAll(async () => {
      t = await createTestApp(kind, {
        SANDBOX_BANK: 'true',
        SANDBOX_BANK_SECRET: SECRET,
        PUBLIC_URL: UNREACHABLE,
      });
      const { id: organizationId } = await buildOrganization(t.database.db);
      const user = await buildUser(t.database.db);
      ownerId = user.id;
      ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
        members: [{ userId: user.id }],
      }));
      owner = await logIn(t.app, user.email, user.password);
      bank = sandboxGateway({ db: t.database.db, publicUrl: UNREACHABLE, secret: SECRET });
    });
    afterAll(async () => {
      await t?.close();
    });

    /** Starts a payment; returns Abonent's id, the bank's id and when the order was last touched. */
    const start = async (amount: number) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accountId}/payments`,
        headers: { ...bearer(owner), 'idempotency-key': randomUUID() },
        payload: { amount, email: 'payer@example.test' },
      });
      expect(response.statusCode).toBe(201);
      const { paymentId } = response.json() as CreateCardPaymentResponse;
      const row = await t.database.db
        .selectFrom('card_payments')
        .select(['gateway_payment_id', 'updated_at'])
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow();
      return { paymentId, bankId: row.gateway_payment_id!, updatedAt: new Date(row.updated_at) };
    };

    /** The person pays on the bank's page (the page itself, through the app). */
    const payAtBank = async (bankId: string, card: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/sandbox-bank/pay/${bankId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ card, exp: '12/30', cvc: '123' }).toString(),
      });
      expect(response.statusCode).toBe(303);
    };

    const statusOf = async (paymentId: string) =>
      (
        await t.database.db
          .selectFrom('card_payments')
          .select('status')
          .where('id', '=', paymentId)
          .executeTakeFirstOrThrow()
      ).status;

    const timelineOf = async (paymentId: string) =>
      (
        await t.database.db
          .selectFrom('card_payment_events')
          .select('kind')
          .where('payment_id', '=', paymentId)
          .orderBy('id')
          .execute()
      ).map((event) => event.kind);

    const ledgerRows = async (paymentId: string) =>
      t.database.db
        .selectFrom('payments')
        .select(['amount', 'status', 'source'])
        .where('card_payment_id', '=', paymentId)
        .execute();

    /** The real sandbox bank, counting what it is asked; `failFor` answers like a bank's 500. */
    const watchedBank = (failFor: Set<string> = new Set()) => {
      const asked: string[] = [];
      const gateway: PaymentGateway = {
        ...bank,
        async get(gatewayPaymentId) {
          asked.push(gatewayPaymentId);
          if (failFor.has(gatewayPaymentId)) throw new Error('503 Service Unavailable');
          return bank.get(gatewayPaymentId);
        },
      };
      return { asked, byKind: (gatewayKind: string) => (gatewayKind === 'sandbox' ? gateway : null) };
    };

    it('leaves a paid payment pending when its notification is lost, asks the bank only after 5 minutes, and credits it once', async () => {
      const { paymentId, bankId, updatedAt } = await start(123_456);
      await payAtBank(bankId, CARD_PAID);
      expect((await bank.get(bankId)).state).toBe('succeeded');
      // Give the lost notification time to have arrived, had it been able to.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await statusOf(paymentId)).toBe('pending');
      expect(await ledgerRows(paymentId)).toEqual([]);

      const early = watchedBank();
      await pollOpenPayments(t.database.db, early.byKind, new Date(updatedAt.getTime() + POLL_AFTER_MS - 1));
      expect(early.asked).not.toContain(bankId);
      expect(await statusOf(paymentId)).toBe('pending');

      const due = watchedBank();
      const at = new Date(updatedAt.getTime() + POLL_AFTER_MS);
      expect(await pollOpenPayments(t.database.db, due.byKind, at)).toBeGreaterThanOrEqual(1);
      expect(due.asked.filter((id) => id === bankId)).toHaveLength(1);
      expect(await statusOf(paymentId)).toBe('succeeded');
      expect(await ledgerRows(paymentId)).toEqual([{ amount: 123_456, status: 'credited', source: 'card' }]);
      expect(await timelineOf(paymentId)).toEqual([
        'created',
        'redirected',
        'paid_at_bank',
        'confirmed',
        'credited',
      ]);

      // Later polls have nothing to ask about it and change nothing.
      const later = watchedBank();
      await pollOpenPayments(t.database.db, later.byKind, new Date(at.getTime() + 2 * POLL_AFTER_MS));
      expect(later.asked).not.toContain(bankId);
      expect(await ledgerRows(paymentId)).toHaveLength(1);
    });

    it('credits once when two polls overlap and both apply the bank’s answer', async () => {
      const { paymentId, bankId, updatedAt } = await start(50_000);
      await payAtBank(bankId, CARD_PAID);
      const at = new Date(updatedAt.getTime() + POLL_AFTER_MS);

      // Poll A has asked the bank; before its answer is applied, poll B (another process, a little
      // later) asks and applies. Then A applies the same answer.
      let inner: Promise<number> | null = null;
      const askedByA: string[] = [];
      const slowBank: PaymentGateway = {
        ...bank,
        async get(gatewayPaymentId) {
          askedByA.push(gatewayPaymentId);
          const answer = await bank.get(gatewayPaymentId);
          if (gatewayPaymentId === bankId && !inner) {
            const second = watchedBank();
            inner = pollOpenPayments(t.database.db, second.byKind, new Date(at.getTime() + POLL_AFTER_MS));
            expect(await inner).toBeGreaterThanOrEqual(1);
            expect(second.asked).toContain(bankId);
          }
          return answer;
        },
      };
      await pollOpenPayments(
        t.database.db,
        (gatewayKind) => (gatewayKind === 'sandbox' ? slowBank : null),
        at,
      );
      expect(askedByA).toContain(bankId);
      expect(inner).not.toBeNull();
      expect(await ledgerRows(paymentId)).toEqual([{ amount: 50_000, status: 'credited', source: 'card' }]);
      expect((await timelineOf(paymentId)).filter((event) => event === 'credited')).toHaveLength(1);

      // Two polls started together.
      const other = await start(60_000);
      await payAtBank(other.bankId, CARD_PAID);
      const together = new Date(other.updatedAt.getTime() + POLL_AFTER_MS);
      const gateways = watchedBank();
      await Promise.all([
        pollOpenPayments(t.database.db, gateways.byKind, together),
        pollOpenPayments(t.database.db, gateways.byKind, together),
      ]);
      expect(gateways.asked).toContain(other.bankId);
      expect(await ledgerRows(other.paymentId)).toEqual([
        { amount: 60_000, status: 'credited', source: 'card' },
      ]);
      expect((await timelineOf(other.paymentId)).filter((event) => event === 'credited')).toHaveLength(1);
    });

    it('cancels a payment the bank declined, crediting nothing', async () => {
      const { paymentId, bankId, updatedAt } = await start(70_000);
      await payAtBank(bankId, CARD_DECLINED);
      expect((await bank.get(bankId)).state).toBe('canceled');
      expect(await statusOf(paymentId)).toBe('pending');

      const gateways = watchedBank();
      await pollOpenPayments(t.database.db, gateways.byKind, new Date(updatedAt.getTime() + POLL_AFTER_MS));
      expect(gateways.asked).toContain(bankId);
      expect(await statusOf(paymentId)).toBe('canceled');
      expect(await timelineOf(paymentId)).toContain('canceled');
      expect(await ledgerRows(paymentId)).toEqual([]);
    });

    it('applies a payment the bank took and then refunded in full as paid and refunded, so nothing stays credited', async () => {
      const { paymentId, bankId, updatedAt } = await start(55_500);
      await payAtBank(bankId, CARD_PAID);
      // Refunded at the bank (its cabinet, say); the notifications of both are lost.
      expect(await bank.refund(bankId, 55_500, `cabinet-${bankId}`)).toBe('succeeded');
      expect(await bank.get(bankId)).toMatchObject({ state: 'succeeded', refundedAmount: 55_500 });
      expect(await statusOf(paymentId)).toBe('pending');

      const gateways = watchedBank();
      const at = new Date(updatedAt.getTime() + POLL_AFTER_MS);
      expect(await pollOpenPayments(t.database.db, gateways.byKind, at)).toBeGreaterThanOrEqual(1);
      expect(gateways.asked).toContain(bankId);
      expect(await statusOf(paymentId)).toBe('refunded');
      expect(await ledgerRows(paymentId)).toEqual([{ amount: 55_500, status: 'refunded', source: 'card' }]);
      expect(await timelineOf(paymentId)).toEqual([
        'created',
        'redirected',
        'paid_at_bank',
        'confirmed',
        'credited',
        'refunded',
      ]);
      // No longer open: later polls do not ask about it.
      const later = watchedBank();
      await pollOpenPayments(t.database.db, later.byKind, new Date(at.getTime() + 2 * POLL_AFTER_MS));
      expect(later.asked).not.toContain(bankId);
    });

    it('credits nothing for a payment the bank refunded in part, and leaves it to the reconciliation', async () => {
      const { paymentId, bankId, updatedAt } = await start(66_600);
      await payAtBank(bankId, CARD_PAID);
      await bank.refund(bankId, 6_600, `part-${bankId}`);

      const gateways = watchedBank();
      await pollOpenPayments(t.database.db, gateways.byKind, new Date(updatedAt.getTime() + POLL_AFTER_MS));
      expect(gateways.asked).toContain(bankId);
      expect(await statusOf(paymentId)).toBe('pending');
      expect(await ledgerRows(paymentId)).toEqual([]);
      expect(await timelineOf(paymentId)).toEqual(['created', 'redirected']);
    });

    it('keeps a payment open when the bank fails to answer about it, handles the others, and asks again next interval', async () => {
      const failing = await start(80_000);
      const healthy = await start(90_000);
      await payAtBank(failing.bankId, CARD_PAID);
      await payAtBank(healthy.bankId, CARD_PAID);
      const at = new Date(Math.max(failing.updatedAt.getTime(), healthy.updatedAt.getTime()) + POLL_AFTER_MS);

      const troubled = watchedBank(new Set([failing.bankId]));
      await pollOpenPayments(t.database.db, troubled.byKind, at);
      expect(troubled.asked).toContain(failing.bankId);
      expect(await statusOf(failing.paymentId)).toBe('pending');
      expect(await ledgerRows(failing.paymentId)).toEqual([]);
      expect(await statusOf(healthy.paymentId)).toBe('succeeded');
      expect(await ledgerRows(healthy.paymentId)).toHaveLength(1);

      // The bank is well again: the next interval asks about the payment and credits it.
      const recovered = watchedBank();
      await pollOpenPayments(t.database.db, recovered.byKind, new Date(at.getTime() + POLL_AFTER_MS));
      expect(recovered.asked.filter((id) => id === failing.bankId)).toHaveLength(1);
      expect(await statusOf(failing.paymentId)).toBe('succeeded');
      expect(await ledgerRows(failing.paymentId)).toEqual([
        { amount: 80_000, status: 'credited', source: 'card' },
      ]);
    });

    it('skips payments whose gateway is gone, and they do not hold up the payments behind them', async () => {
      // Three orders of a gateway this instance no longer has (the organization switched away from
      // YooKassa), and one that never reached its bank, all older than anything else.
      const hourAgo = new Date(Date.now() - 60 * 60_000);
      const gone: string[] = [];
      for (let index = 0; index < 4; index++) {
        const id = randomUUID();
        gone.push(id);
        await t.database.db
          .insertInto('card_payments')
          .values({
            id,
            account_id: accountId,
            created_by: ownerId,
            amount: 10_000,
            email: 'payer@example.test',
            gateway: 'yookassa',
            gateway_payment_id: index < 3 ? `yookassa-${id}` : null,
            status: index < 3 ? 'pending' : 'created',
            created_at: hourAgo,
            updated_at: new Date(hourAgo.getTime() + index),
          })
          .execute();
      }
      const { paymentId, bankId, updatedAt } = await start(40_000);
      await payAtBank(bankId, CARD_PAID);
      const at = new Date(updatedAt.getTime() + POLL_AFTER_MS);

      // Four at a time: the first poll takes the four old ones and can do nothing with them; the
      // next one must reach the sandbox payment.
      const gateways = watchedBank();
      await pollOpenPayments(t.database.db, gateways.byKind, at, 4);
      await pollOpenPayments(t.database.db, gateways.byKind, at, 4);
      expect(gateways.asked).toContain(bankId);
      expect(await statusOf(paymentId)).toBe('succeeded');
      expect(await ledgerRows(paymentId)).toHaveLength(1);
      for (const id of gone) {
        expect(['pending', 'created']).toContain(await statusOf(id));
        expect(await timelineOf(id)).toEqual([]);
        expect(await ledgerRows(id)).toEqual([]);
      }
    });
  },
);
