// Paying by card through the sandbox bank, over real HTTP: the payment starts with an
// Idempotency-Key, the bank's page takes the test cards, its signed notification reaches the
// webhook, and the account is credited exactly once — also when the notification comes many times
// at once, and never for a declined card or a forged notification. On PGlite and PostgreSQL.

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
import { SIGNATURE_HEADER, signBody } from '../../adapters/payments/sandbox/sandbox-notifier.ts';

const SECRET = 'sandbox-secret-for-tests-0123456789abcdef';

describe.each(databaseKinds)('card payments through the sandbox bank on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let owner: LoggedIn;
  let stranger: LoggedIn;
  let accountId: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp(kind, { SANDBOX_BANK: 'true', SANDBOX_BANK_SECRET: SECRET, PUBLIC_URL: base });
    await t.app.listen({ port, host: '127.0.0.1' });
    const { id: organizationId } = await buildOrganization(t.database.db);
    const ownerUser = await buildUser(t.database.db);
    const strangerUser = await buildUser(t.database.db);
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      number: '3330001',
      members: [{ userId: ownerUser.id }],
    }));
    await buildAccount(t.database.db, organizationId, { members: [{ userId: strangerUser.id }] });
    owner = await logIn(t.app, ownerUser.email, ownerUser.password);
    stranger = await logIn(t.app, strangerUser.email, strangerUser.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const start = async (amount: number, key: string = randomUUID()) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: { ...bearer(owner), 'idempotency-key': key },
      payload: { amount, email: 'payer@example.test' },
    });
    return { status: response.statusCode, body: response.json() as CreateCardPaymentResponse };
  };

  const pay = async (redirectUrl: string, card: string) =>
    fetch(redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card, exp: '12/30', cvc: '123' }).toString(),
    });

  const payment = async (paymentId: string, who: LoggedIn = owner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}`,
      headers: bearer(who),
    });
    return { status: response.statusCode, body: response.json() as CardPayment };
  };

  const ledgerRows = async (paymentId: string) =>
    t.database.db
      .selectFrom('payments')
      .select(['amount', 'status', 'source'])
      .where('card_payment_id', '=', paymentId)
      .execute();

  it('credits a paid payment once, with its timeline, and it shows in the account', async () => {
    const key = randomUUID();
    const started = await start(123_456, key);
    expect(started.status).toBe(201);
    expect(started.body.redirectUrl).toBe(
      `${base}/sandbox-bank/pay/${new URL(started.body.redirectUrl).pathname.split('/').pop()}`,
    );
    expect(started.body.status).toBe('pending');
    // The same request again is the same payment; the same key for another amount is refused.
    expect((await start(123_456, key)).body.paymentId).toBe(started.body.paymentId);
    const reused = await start(100_000, key);
    expect(reused.status).toBe(422);

    const page = await pay(started.body.redirectUrl, '4111 1111 1111 1111');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`${base}/payments/${started.body.paymentId}`);

    await expect
      .poll(async () => (await payment(started.body.paymentId)).body.credited, { timeout: 10_000 })
      .toBe(true);
    const { body } = await payment(started.body.paymentId);
    expect(body).toMatchObject({
      status: 'succeeded',
      amount: 123_456,
      redirectUrl: null,
      gateway: 'sandbox',
    });
    expect(body.timeline.map((event) => event.kind)).toEqual([
      'created',
      'redirected',
      'paid_at_bank',
      'confirmed',
      'credited',
    ]);
    expect(await ledgerRows(started.body.paymentId)).toEqual([
      { amount: 123_456, status: 'credited', source: 'card' },
    ]);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: bearer(owner),
    });
    expect((history.json() as { payments: { amount: number; status: string }[] }).payments).toContainEqual(
      expect.objectContaining({ amount: 123_456, status: 'credited' }),
    );
    // Another person cannot see it.
    expect((await payment(started.body.paymentId, stranger)).status).toBe(404);
  });

  it('takes the 3-D Secure card after the code, and credits nothing for a declined card', async () => {
    const secure = await start(50_000);
    const toCode = await pay(secure.body.redirectUrl, '4000 0000 0000 3220');
    expect(toCode.status).toBe(303);
    const codePage = new URL(toCode.headers.get('location')!, base).toString();
    const confirmed = await fetch(codePage, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=1234',
    });
    expect(confirmed.status).toBe(303);
    await expect
      .poll(async () => (await payment(secure.body.paymentId)).body.credited, { timeout: 10_000 })
      .toBe(true);

    const declined = await start(70_000);
    expect((await pay(declined.body.redirectUrl, '4000 0000 0000 0002')).status).toBe(303);
    await expect
      .poll(async () => (await payment(declined.body.paymentId)).body.status, { timeout: 10_000 })
      .toBe('canceled');
    expect((await payment(declined.body.paymentId)).body.timeline.map((event) => event.kind)).toContain(
      'canceled',
    );
    expect(await ledgerRows(declined.body.paymentId)).toEqual([]);
  });

  it('credits once when 20 copies of one notification arrive at once, and refuses a forged one', async () => {
    const started = await start(99_900);
    const row = await t.database.db
      .selectFrom('card_payments')
      .select('gateway_payment_id')
      .where('id', '=', started.body.paymentId)
      .executeTakeFirstOrThrow();
    const forged = JSON.stringify({
      id: row.gateway_payment_id,
      orderId: started.body.paymentId,
      status: 'succeeded',
      amount: 99_900,
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payment-notifications/sandbox',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(forged, 'not-the-secret') },
      payload: forged,
    });
    expect(refused.statusCode).toBe(400);
    expect((await payment(started.body.paymentId)).body.status).toBe('pending');

    const notify = () =>
      fetch(`${base}/api/v1/payment-notifications/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(forged, SECRET) },
        body: forged,
      });
    const answers = await Promise.all(Array.from({ length: 20 }, notify));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(await Promise.all(answers.map((answer) => answer.text()))).toEqual(Array(20).fill('OK'));
    expect(await ledgerRows(started.body.paymentId)).toEqual([
      { amount: 99_900, status: 'credited', source: 'card' },
    ]);
    const kinds = (await payment(started.body.paymentId)).body.timeline.map((event) => event.kind);
    expect(kinds.filter((kind) => kind === 'credited')).toHaveLength(1);

    // A notification for a different amount is a conflict, recorded, not applied.
    const other = await start(10_000);
    const otherRow = await t.database.db
      .selectFrom('card_payments')
      .select('gateway_payment_id')
      .where('id', '=', other.body.paymentId)
      .executeTakeFirstOrThrow();
    const wrongAmount = JSON.stringify({
      id: otherRow.gateway_payment_id,
      orderId: other.body.paymentId,
      status: 'succeeded',
      amount: 1_000_000,
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/payment-notifications/sandbox',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(wrongAmount, SECRET) },
      payload: wrongAmount,
    });
    expect((await payment(other.body.paymentId)).body.status).toBe('pending');
    expect((await payment(other.body.paymentId)).body.timeline.map((event) => event.kind)).toContain(
      'conflict',
    );
    expect(await ledgerRows(other.body.paymentId)).toEqual([]);
  });

  it('refuses bad input without creating anything', async () => {
    const before = await t.database.db
      .selectFrom('card_payments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const payload of [
      { amount: 0, email: 'a@b.ru' },
      { amount: 12.5, email: 'a@b.ru' },
      { amount: 100_000_001, email: 'a@b.ru' },
      { amount: 1000, email: 'nope' },
      {},
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accountId}/payments`,
        headers: bearer(owner),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: bearer(stranger),
      payload: { amount: 1000, email: 'a@b.ru' },
    });
    expect(foreign.statusCode).toBe(404);
    const after = await t.database.db
      .selectFrom('card_payments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
