// A card payment credited here and then imported by the organization's billing is matched, not
// counted again: the ledger keeps one row, the billing's id is recorded, and the timeline gains
// "accepted by billing" once — by Abonent's payment id or the gateway's. On PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { freePort } from '../../../../tests/support/free-port.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { CardPayment, CreateCardPaymentResponse } from '../../../shared/api/card-payments.ts';
import { matchBillingPayment } from './billing-match.service.ts';

describe.each(databaseKinds)('billing imports of card payments on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let owner: LoggedIn;
  let organizationId: string;
  let otherOrganizationId: string;
  let accountId: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp(kind, {
      SANDBOX_BANK: 'true',
      SANDBOX_BANK_SECRET: 'sandbox-secret-for-billing-tests-0123456789',
      PUBLIC_URL: base,
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    ({ id: organizationId } = await buildOrganization(t.database.db));
    ({ id: otherOrganizationId } = await buildOrganization(t.database.db));
    const user = await buildUser(t.database.db);
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      members: [{ userId: user.id }],
    }));
    owner = await logIn(t.app, user.email, user.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function paidPayment(amount: number, card = '4111 1111 1111 1111') {
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: { ...bearer(owner), 'idempotency-key': randomUUID() },
      payload: { amount, email: 'payer@example.test' },
    });
    const { paymentId, redirectUrl } = started.json() as CreateCardPaymentResponse;
    await fetch(redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card, exp: '12/30', cvc: '123' }).toString(),
    });
    await expect.poll(async () => (await payment(paymentId)).status, { timeout: 10_000 }).not.toBe('pending');
    return paymentId;
  }

  const payment = async (paymentId: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/payments/${paymentId}`, headers: bearer(owner) })
    ).json() as CardPayment;

  const ledger = (paymentId: string) =>
    t.database.db
      .selectFrom('payments')
      .select(['amount', 'status', 'external_id'])
      .where('card_payment_id', '=', paymentId)
      .execute();

  const balance = async () =>
    (
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/accounts/${accountId}/summary`,
          headers: bearer(owner),
        })
      ).json() as { balance: number }
    ).balance;

  it('matches by our payment id once, records the billing id, and the balance does not move', async () => {
    const paymentId = await paidPayment(250_000);
    const before = await balance();
    const report = { reference: paymentId, amount: 250_000, externalId: 'BILL-2026-0001' };
    expect(await matchBillingPayment(t.database.db, organizationId, report)).toEqual({
      kind: 'matched',
      cardPaymentId: paymentId,
      firstTime: true,
    });
    // The next import of the same file, and two at once, change nothing more.
    const again = await Promise.all([
      matchBillingPayment(t.database.db, organizationId, report),
      matchBillingPayment(t.database.db, organizationId, report),
    ]);
    expect(again.map((match) => match.kind === 'matched' && match.firstTime)).toEqual([false, false]);
    expect(await ledger(paymentId)).toEqual([
      { amount: 250_000, status: 'credited', external_id: 'BILL-2026-0001' },
    ]);
    expect(await balance()).toBe(before);
    const kinds = (await payment(paymentId)).timeline.map((event) => event.kind);
    expect(kinds.filter((event) => event === 'accepted_by_billing')).toHaveLength(1);
    expect(kinds.at(-1)).toBe('accepted_by_billing');
  });

  it("matches by the gateway's payment id too", async () => {
    const paymentId = await paidPayment(1_000);
    const { gateway_payment_id } = await t.database.db
      .selectFrom('card_payments')
      .select('gateway_payment_id')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    const match = await matchBillingPayment(t.database.db, organizationId, {
      reference: gateway_payment_id!,
      amount: 1_000,
      externalId: 'BILL-2',
    });
    expect(match).toMatchObject({ kind: 'matched', cardPaymentId: paymentId });
  });

  it("flags another amount or an uncredited payment, and does not see another organization's payments", async () => {
    const paymentId = await paidPayment(5_000);
    expect(
      await matchBillingPayment(t.database.db, organizationId, {
        reference: paymentId,
        amount: 5_001,
        externalId: 'X',
      }),
    ).toEqual({ kind: 'mismatch', cardPaymentId: paymentId, reason: 'amount' });
    expect((await payment(paymentId)).timeline.map((event) => event.kind)).not.toContain(
      'accepted_by_billing',
    );

    const declined = await paidPayment(6_000, '4000 0000 0000 0002');
    expect(
      await matchBillingPayment(t.database.db, organizationId, {
        reference: declined,
        amount: 6_000,
        externalId: 'Y',
      }),
    ).toEqual({ kind: 'mismatch', cardPaymentId: declined, reason: 'not_credited' });

    expect(
      await matchBillingPayment(t.database.db, otherOrganizationId, {
        reference: paymentId,
        amount: 5_000,
        externalId: 'Z',
      }),
    ).toEqual({ kind: 'unknown' });
    expect(
      await matchBillingPayment(t.database.db, organizationId, {
        reference: 'not-ours-123',
        amount: 5_000,
        externalId: 'Z',
      }),
    ).toEqual({ kind: 'unknown' });
    expect(await ledger(paymentId)).toEqual([{ amount: 5_000, status: 'credited', external_id: null }]);
  });
});
