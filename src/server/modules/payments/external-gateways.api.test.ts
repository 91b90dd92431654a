// Card payments through YooKassa and T-Bank as an organization configures them: the administrator
// stores the credentials (sealed, never shown again), a subscriber's payment goes to that
// organization's bank — here local servers that speak the banks' documented protocols — and the
// bank's notifications at the organization's own address credit the account once. A forged T-Bank
// token and a YooKassa notification the bank does not confirm change nothing. On PGlite and PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { freePort } from '../../../../tests/support/free-port.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  logInStaff,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { CardPayment, CreateCardPaymentResponse } from '../../../shared/api/card-payments.ts';
import type { PaymentGatewaySettings } from '../../../shared/api/payment-gateway-settings.ts';
import {
  startTbankTestServer,
  type TbankTestServer,
} from '../../adapters/payments/tbank/tbank-test-server.ts';
import {
  startYookassaTestServer,
  type YookassaTestServer,
} from '../../adapters/payments/yookassa/yookassa-test-server.ts';
import { pollOpenPayments } from './card-payments.service.ts';
import { createGatewayDirectory } from './gateway-directory.ts';
import { updateGatewaySettings } from './gateway-settings.service.ts';

const TERMINAL = { terminalKey: 'AbonentTestTerminal', password: 'tbank-password-never-logged' };
const SHOP = { shopId: '665544', secretKey: 'test_yookassa-secret-never-logged' };

describe.each(databaseKinds)('YooKassa and T-Bank as organizations configure them, on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let tbank: TbankTestServer;
  let yookassa: YookassaTestServer;
  const logLines: string[] = [];
  const organizations = { tbank: '', yookassa: '', none: '' };
  const accounts = { tbank: '', yookassa: '', none: '' };
  let subscriber: LoggedIn;
  let admins: Record<'tbank' | 'yookassa', LoggedIn>;
  let operator: LoggedIn;

  const staffSession = (organizationId: string, role: 'operator' | 'admin') =>
    logInStaff(t, organizationId, role);

  beforeAll(async () => {
    tbank = await startTbankTestServer(TERMINAL);
    yookassa = await startYookassaTestServer(SHOP);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    t = await createTestApp(
      kind,
      {
        SANDBOX_BANK: 'false',
        PUBLIC_URL: base,
        GATEWAY_SECRETS_KEY: randomBytes(32).toString('base64'),
        PAYMENT_GATEWAY_TEST_URLS: 'true',
        LOG_LEVEL: 'info',
      },
      undefined,
      logs,
    );
    await t.app.listen({ port, host: '127.0.0.1' });
    const user = await buildUser(t.database.db);
    for (const name of ['tbank', 'yookassa', 'none'] as const) {
      organizations[name] = (await buildOrganization(t.database.db)).id;
      accounts[name] = (
        await buildAccount(t.database.db, organizations[name], {
          number: `77${name.length}0${randomUUID().slice(0, 4).replace(/\D/g, '1')}`,
          members: [{ userId: user.id }],
        })
      ).id;
    }
    subscriber = await logIn(t.app, user.email, user.password);
    admins = {
      tbank: await staffSession(organizations.tbank, 'admin'),
      yookassa: await staffSession(organizations.yookassa, 'admin'),
    };
    operator = await staffSession(organizations.tbank, 'operator');
  });
  afterAll(async () => {
    await t?.close();
    await tbank?.close();
    await yookassa?.close();
  });

  const configure = (who: LoggedIn, organizationId: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/operator/settings/payment-gateway?organizationId=${organizationId}`,
      headers: bearer(who),
      payload: body,
    });

  const start = async (accountId: string, amount: number) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: { ...bearer(subscriber), 'idempotency-key': randomUUID() },
      payload: { amount, email: 'payer@example.test' },
    });
    return { status: response.statusCode, body: response.json() as CreateCardPaymentResponse };
  };

  const payment = async (paymentId: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/payments/${paymentId}`, headers: bearer(subscriber) })
    ).json() as CardPayment;

  const ledgerRows = (paymentId: string) =>
    t.database.db
      .selectFrom('payments')
      .select(['amount', 'status'])
      .where('card_payment_id', '=', paymentId)
      .execute();

  const gatewayIdOf = async (paymentId: string) =>
    (
      await t.database.db
        .selectFrom('card_payments')
        .select('gateway_payment_id')
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow()
    ).gateway_payment_id!;

  it('takes no card payments where nothing is configured and the sandbox bank is off', async () => {
    const refused = await start(accounts.none, 10_000);
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as { error: { code: string } }).error.code).toBe('PAYMENTS_UNAVAILABLE');
  });

  it('lets only administrators store credentials, seals the secret and never returns it', async () => {
    const byOperator = await configure(operator, organizations.tbank, {
      gateway: 'tbank',
      merchantId: TERMINAL.terminalKey,
      secret: TERMINAL.password,
    });
    expect(byOperator.statusCode).toBe(403);
    const withoutSecret = await configure(admins.tbank, organizations.tbank, {
      gateway: 'tbank',
      merchantId: TERMINAL.terminalKey,
    });
    expect(withoutSecret.statusCode).toBe(400);
    const sandboxOff = await configure(admins.tbank, organizations.tbank, { gateway: 'sandbox' });
    expect(sandboxOff.statusCode).toBe(400);

    const saved = await configure(admins.tbank, organizations.tbank, {
      gateway: 'tbank',
      merchantId: TERMINAL.terminalKey,
      secret: TERMINAL.password,
      apiUrl: tbank.url,
      vat: 'vat20',
      taxation: 'osn',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      gateway: 'tbank',
      merchantId: TERMINAL.terminalKey,
      hasSecret: true,
      apiUrl: tbank.url,
      vat: 'vat20',
      taxation: 'osn',
      notificationUrl: `${base}/api/v1/payment-notifications/tbank/${organizations.tbank}`,
    } satisfies PaymentGatewaySettings);
    expect(saved.body).not.toContain(TERMINAL.password);
    const row = await t.database.db
      .selectFrom('payment_gateway_settings')
      .select('secret_sealed')
      .where('organization_id', '=', organizations.tbank)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(TERMINAL.password);
    // Changing the VAT keeps the stored secret.
    const again = await configure(admins.tbank, organizations.tbank, {
      gateway: 'tbank',
      merchantId: TERMINAL.terminalKey,
      apiUrl: tbank.url,
      vat: 'vat20',
      taxation: 'osn',
    });
    expect(again.statusCode).toBe(200);

    const yk = await configure(admins.yookassa, organizations.yookassa, {
      gateway: 'yookassa',
      merchantId: SHOP.shopId,
      secret: SHOP.secretKey,
      apiUrl: yookassa.url,
    });
    expect(yk.statusCode).toBe(200);
    // An administrator of one organization cannot configure another's.
    expect((await configure(admins.yookassa, organizations.tbank, { gateway: 'tbank' })).statusCode).toBe(
      403,
    );
  });

  it('pays through T-Bank: Init with the receipt, the tokened notification credits once and is answered OK', async () => {
    const started = await start(accounts.tbank, 123_456);
    expect(started.status).toBe(201);
    const gatewayId = await gatewayIdOf(started.body.paymentId);
    const atBank = tbank.payments.get(gatewayId)!;
    expect(started.body.redirectUrl).toBe(atBank.paymentUrl);
    const init = tbank.requests.find(
      (request) => request.method === 'Init' && request.body?.OrderId === started.body.paymentId,
    )!;
    expect(init.body).toMatchObject({
      TerminalKey: TERMINAL.terminalKey,
      Amount: 123_456,
      NotificationURL: `${base}/api/v1/payment-notifications/tbank/${organizations.tbank}`,
      SuccessURL: `${base}/payments/${started.body.paymentId}`,
      Receipt: {
        Email: 'payer@example.test',
        Taxation: 'osn',
        Items: [expect.objectContaining({ Amount: 123_456, Tax: 'vat20', PaymentObject: 'service' })],
      },
    });

    tbank.setStatus(gatewayId, 'CONFIRMED');
    const answers = await Promise.all([
      tbank.notify(gatewayId),
      tbank.notify(gatewayId),
      tbank.notify(gatewayId),
    ]);
    expect(answers).toEqual(Array(3).fill({ status: 200, body: 'OK' }));
    expect(await ledgerRows(started.body.paymentId)).toEqual([{ amount: 123_456, status: 'credited' }]);
    expect((await payment(started.body.paymentId)).credited).toBe(true);
  });

  it('refuses a forged T-Bank token, logs it without the token, and changes nothing', async () => {
    const started = await start(accounts.tbank, 50_000);
    const gatewayId = await gatewayIdOf(started.body.paymentId);
    const forged: Record<string, unknown> = {
      ...tbank.notification(gatewayId),
      Status: 'CONFIRMED',
      Success: true,
    };
    const before = logLines.length;
    const response = await fetch(`${base}/api/v1/payment-notifications/tbank/${organizations.tbank}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toBe('OK');
    expect((await payment(started.body.paymentId)).status).not.toBe('succeeded');
    expect(await ledgerRows(started.body.paymentId)).toEqual([]);
    const newLines = logLines.slice(before).join('\n');
    expect(newLines).toContain('refused');
    expect(newLines).not.toContain(String(forged.Token));
    expect(newLines).not.toContain(TERMINAL.password);

    // A genuine notification at another organization's address is not accepted there.
    tbank.setStatus(gatewayId, 'CONFIRMED');
    const elsewhere = await tbank.notify(
      gatewayId,
      `${base}/api/v1/payment-notifications/tbank/${organizations.yookassa}`,
    );
    expect(elsewhere.status).toBe(404);
    expect(await ledgerRows(started.body.paymentId)).toEqual([]);
  });

  it('pays through YooKassa: a notification counts only when the re-read payment says so', async () => {
    const started = await start(accounts.yookassa, 99_999);
    expect(started.status).toBe(201);
    const gatewayId = await gatewayIdOf(started.body.paymentId);
    const created = yookassa.requests.find(
      (request) => request.method === 'POST' && request.path.endsWith('/payments'),
    )!;
    expect(created.body).toMatchObject({
      amount: { value: '999.99', currency: 'RUB' },
      receipt: { customer: { email: 'payer@example.test' } },
    });
    const post = (body: string) =>
      fetch(`${base}/api/v1/payment-notifications/yookassa/${organizations.yookassa}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });

    // Someone claims success while YooKassa still says pending: nothing is credited.
    const claim = JSON.parse(yookassa.notification('payment.waiting_for_capture', gatewayId));
    claim.event = 'payment.succeeded';
    claim.object.status = 'succeeded';
    expect((await post(JSON.stringify(claim))).status).toBe(200);
    expect(await ledgerRows(started.body.paymentId)).toEqual([]);

    yookassa.setStatus(gatewayId, 'succeeded');
    const body = yookassa.notification('payment.succeeded', gatewayId);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect(await ledgerRows(started.body.paymentId)).toEqual([{ amount: 99_999, status: 'credited' }]);
  });

  it('answers a payment the bank refused with the code and the generic message only; the bank’s words go to the log', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // YooKassa answers 500 with its error body to every attempt.
      yookassa.failNext(3);
      const refused = await start(accounts.yookassa, 12_300);
      expect(refused.status).toBe(502);
      const { error } = refused.body as unknown as { error: Record<string, unknown> };
      expect(error).toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
      expect(error).not.toHaveProperty('details');
      expect(JSON.stringify(refused.body)).not.toMatch(/Internal server error|YooKassa|error id/);
      const lines = logged.mock.calls.map((call) => call.join(' '));
      expect(lines).toEqual([expect.stringMatching(/yookassa did not create it: .*Internal server error/)]);
      expect(lines.join('\n')).not.toContain(SHOP.secretKey);
    } finally {
      logged.mockRestore();
    }
  });

  it('keeps an approved YooKassa refund that is still pending approved, and refund.succeeded refunds it and closes the request', async () => {
    const started = await start(accounts.yookassa, 42_000);
    const gatewayId = await gatewayIdOf(started.body.paymentId);
    const notifyYookassa = (body: string) =>
      fetch(`${base}/api/v1/payment-notifications/yookassa/${organizations.yookassa}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    yookassa.setStatus(gatewayId, 'succeeded');
    expect((await notifyYookassa(yookassa.notification('payment.succeeded', gatewayId))).status).toBe(200);
    expect(await ledgerRows(started.body.paymentId)).toEqual([{ amount: 42_000, status: 'credited' }]);

    const filed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${started.body.paymentId}/refund-requests`,
      headers: bearer(subscriber),
      payload: { reason: 'Оплатил не тот лицевой счёт, прошу вернуть.' },
    });
    expect(filed.statusCode).toBe(201);
    const requestId = (filed.json() as { id: string }).id;
    const yookassaOperator = await staffSession(organizations.yookassa, 'operator');
    yookassa.setNewRefundStatus('pending');
    try {
      const approved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/operator/refund-requests/${requestId}/approve`,
        headers: bearer(yookassaOperator),
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ id: requestId, status: 'approved' });
    } finally {
      yookassa.setNewRefundStatus('succeeded');
    }
    const refund = [...yookassa.refunds.values()].find((entry) => entry.payment_id === gatewayId)!;
    expect(refund.status).toBe('pending');
    // The money has not left YooKassa yet: still on the account.
    expect(await ledgerRows(started.body.paymentId)).toEqual([{ amount: 42_000, status: 'credited' }]);
    expect((await payment(started.body.paymentId)).refund).toMatchObject({ status: 'approved' });

    yookassa.setRefundStatus(refund.id, 'succeeded');
    expect((await notifyYookassa(yookassa.notification('refund.succeeded', refund.id))).status).toBe(200);
    expect(await ledgerRows(started.body.paymentId)).toEqual([{ amount: 42_000, status: 'refunded' }]);
    expect(await payment(started.body.paymentId)).toMatchObject({
      status: 'refunded',
      refund: { id: requestId, status: 'refunded' },
    });
  });

  it('polls the organization’s own bank when a T-Bank notification is lost', async () => {
    const started = await start(accounts.tbank, 7_700);
    const gatewayId = await gatewayIdOf(started.body.paymentId);
    tbank.setStatus(gatewayId, 'CONFIRMED');
    const directory = createGatewayDirectory(t.database.db, t.config);
    const poll = (now: Date) =>
      pollOpenPayments(t.database.db, (gateway, accountId) => directory.forAccount(gateway, accountId), now);
    expect(await ledgerRows(started.body.paymentId)).toEqual([]);
    await poll(new Date(Date.now() + 6 * 60_000));
    expect(await ledgerRows(started.body.paymentId)).toEqual([{ amount: 7_700, status: 'credited' }]);
  });
  it('asks for the secret again before it goes to another address or merchant, and refuses test addresses in production', async () => {
    const moved = await configure(admins.tbank, organizations.tbank, {
      gateway: 'tbank',
      merchantId: TERMINAL.terminalKey,
      apiUrl: 'http://127.0.0.1:9/v2',
      vat: 'vat20',
      taxation: 'osn',
    });
    expect(moved.statusCode).toBe(400);
    const renamed = await configure(admins.tbank, organizations.tbank, {
      gateway: 'tbank',
      merchantId: 'AnotherTerminal',
      apiUrl: tbank.url,
    });
    expect(renamed.statusCode).toBe(400);
    const scope = {
      userId: admins.tbank.userId,
      organizationId: organizations.tbank,
      role: 'admin' as const,
    };
    await expect(
      updateGatewaySettings(
        t.database.db,
        { ...t.config, gatewayTestUrls: false },
        scope,
        {
          gateway: 'tbank',
          merchantId: TERMINAL.terminalKey,
          secret: TERMINAL.password,
          apiUrl: tbank.url,
          vat: 'none',
          taxation: 'osn',
        },
        '203.0.113.1',
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Nothing changed: payments still go to the test T-Bank.
    const settings = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/operator/settings/payment-gateway?organizationId=${organizations.tbank}`,
        headers: bearer(admins.tbank),
      })
    ).json() as PaymentGatewaySettings;
    expect(settings).toMatchObject({ gateway: 'tbank', merchantId: TERMINAL.terminalKey, apiUrl: tbank.url });
  });

  it('keeps payments started at the old bank working after the organization switches banks', async () => {
    // One order at T-Bank is open; another one's creation failed and will be retried with its key.
    const open = await start(accounts.tbank, 31_400);
    const openAtBank = await gatewayIdOf(open.body.paymentId);
    tbank.failNext(3);
    const key = randomUUID();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accounts.tbank}/payments`,
        headers: { ...bearer(subscriber), 'idempotency-key': key },
        payload: { amount: 27_100, email: 'payer@example.test' },
      });
    const failed = await send();
    expect(failed.statusCode).toBe(502);
    expect(failed.body).not.toContain('ErrorCode');

    const switched = await configure(admins.tbank, organizations.tbank, {
      gateway: 'yookassa',
      merchantId: SHOP.shopId,
      secret: SHOP.secretKey,
      apiUrl: yookassa.url,
    });
    expect(switched.statusCode).toBe(200);
    expect((switched.json() as PaymentGatewaySettings).gateway).toBe('yookassa');

    // The retry stays with the bank its order was made for.
    const retried = await send();
    expect(retried.statusCode).toBe(201);
    const retriedPayment = (retried.json() as CreateCardPaymentResponse).paymentId;
    const row = await t.database.db
      .selectFrom('card_payments')
      .select(['gateway', 'gateway_payment_id'])
      .where('id', '=', retriedPayment)
      .executeTakeFirstOrThrow();
    expect(row.gateway).toBe('tbank');
    expect(tbank.payments.has(row.gateway_payment_id!)).toBe(true);

    // T-Bank's notification about the earlier order is still verified and credits it.
    tbank.setStatus(openAtBank, 'CONFIRMED');
    expect(await tbank.notify(openAtBank)).toEqual({ status: 200, body: 'OK' });
    expect(await ledgerRows(open.body.paymentId)).toEqual([{ amount: 31_400, status: 'credited' }]);

    // New payments go to YooKassa.
    const fresh = await start(accounts.tbank, 10_000);
    expect(fresh.status).toBe(201);
    expect(yookassa.payments.has(await gatewayIdOf(fresh.body.paymentId))).toBe(true);
  });
});
