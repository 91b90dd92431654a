import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../../tests/support/test-database.ts';
import { formatMoney } from '../../../../shared/money.ts';
import type { CreatePaymentRequest, PaymentGateway } from '../gateway.ts';
import { SandboxBankRefusal } from './sandbox-bank.service.ts';
import { sandboxGateway } from './sandbox-gateway.ts';
import { signBody } from './sandbox-notifier.ts';

const PUBLIC_URL = 'https://lk.example.test';
const AMOUNT = 123_456;
const SUCCEEDS = '4111 1111 1111 1111';
const DECLINED = '4000 0000 0000 0002';
const THREE_DS = '4000 0000 0000 3220';
const OTHER_VALID = '5555 5555 5555 4444';
const BAD_LUHN = '4111 1111 1111 1112';
const CARD_NUMBERS = [SUCCEEDS, DECLINED, THREE_DS, OTHER_VALID, BAD_LUHN];
const CVC = '739';

interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  rawBody: string;
  id: string;
  answered: number;
  at: number;
}

/** Abonent's webhook as the bank sees it: records every request, answers 500 when told to. */
class NotificationReceiver {
  readonly requests: ReceivedNotification[] = [];
  private readonly failuresLeft = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  async start() {
    this.server = createServer((request, response) => {
      let rawBody = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => {
        rawBody += chunk;
      });
      request.on('end', () => {
        const id = String(JSON.parse(rawBody).id);
        const failures = this.failuresLeft.get(id) ?? 0;
        this.failuresLeft.set(id, Math.max(0, failures - 1));
        const answered = failures > 0 ? 500 : 200;
        this.requests.push({ headers: request.headers, rawBody, id, answered, at: Date.now() });
        response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'OK' : 'busy');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/v1/payment-notifications/sandbox`;
  }

  failNext(id: string, times: number) {
    this.failuresLeft.set(id, times);
  }

  for(id: string) {
    return this.requests.filter((request) => request.id === id);
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds)('the sandbox bank on %s', (kind) => {
  const receiver = new NotificationReceiver();
  const appLog: string[] = [];
  const gatewayLog: string[] = [];
  let t: TestApp;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    await receiver.start();
    const logStream = new Writable({
      write(chunk, _encoding, callback) {
        appLog.push(String(chunk));
        callback();
      },
    });
    t = await createTestApp(
      kind,
      { SANDBOX_BANK: 'true', PUBLIC_URL, LOG_LEVEL: 'trace' },
      undefined,
      logStream,
    );
    gateway = sandboxGateway({
      db: t.database.db,
      publicUrl: PUBLIC_URL,
      secret: t.config.sandboxBank!.secret,
      log: (line) => gatewayLog.push(line),
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  const paymentRequest = (overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest => {
    const paymentId = randomUUID();
    return {
      paymentId,
      amount: AMOUNT,
      description: 'Оплата ЖКУ по л/с 0001000000 за 10.2026 <«Уютный дом»>',
      returnUrl: `${PUBLIC_URL}/payments/${paymentId}`,
      notificationUrl: receiver.url,
      customerEmail: 'ivanova@example.ru',
      items: [
        {
          description: 'Оплата ЖКУ по л/с 0001000000 за 10.2026',
          amount: AMOUNT,
          quantity: 1,
          vat: 'none',
          paymentSubject: 'service',
        },
      ],
      ...overrides,
    };
  };

  async function newPayment(overrides: Partial<CreatePaymentRequest> = {}) {
    const request = paymentRequest(overrides);
    const created = await gateway.create(request);
    return { request, id: created.gatewayPaymentId, created };
  }

  const postForm = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const payWith = (id: string, card: string, extra: Record<string, string> = {}) =>
    postForm(`/sandbox-bank/pay/${id}`, { card, exp: '12/40', cvc: CVC, ...extra });
  const answerCode = (id: string, code: string) => postForm(`/sandbox-bank/3ds/${id}`, { code });
  const setOptions = (id: string, options: { delayMs: number; duplicates: number }) =>
    t.app.inject({ method: 'POST', url: `/sandbox-bank/payments/${id}/options`, payload: options });

  const bankRow = (id: string) =>
    t.database.db
      .selectFrom('sandbox_bank_payments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const verify = (notification: ReceivedNotification) =>
    gateway.verifyNotification({
      headers: notification.headers,
      rawBody: notification.rawBody,
      ip: '127.0.0.1',
    });

  it('opens one payment per order and sends the person to its page, pending', async () => {
    const { request, id, created } = await newPayment();
    expect(created).toEqual({
      gatewayPaymentId: id,
      redirectUrl: `${PUBLIC_URL}/sandbox-bank/pay/${id}`,
      state: 'pending',
    });
    expect((await gateway.create(request)).gatewayPaymentId).toBe(id);
    await expect(gateway.create({ ...request, amount: AMOUNT + 1 })).rejects.toMatchObject({
      code: 'ORDER_REUSED',
    });
    expect(await gateway.get(id)).toEqual({
      gatewayPaymentId: id,
      state: 'pending',
      amount: AMOUNT,
      paidAt: null,
      refundedAmount: 0,
    });
    await expect(gateway.get(randomUUID())).rejects.toBeInstanceOf(SandboxBankRefusal);
  });

  it('shows the card form with the sandbox banner, the amount and the description, without a session', async () => {
    const { id } = await newPayment();
    const response = await t.app.inject(`/sandbox-bank/pay/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('ПЕСОЧНИЦА — деньги не списываются');
    expect(response.body).toContain(formatMoney(AMOUNT));
    expect(formatMoney(AMOUNT)).toBe('1\u00a0234,56\u00a0₽');
    expect(response.body).toContain('Оплата ЖКУ по л/с 0001000000 за 10.2026 &#60;«Уютный дом»&#62;');
    for (const field of ['card', 'exp', 'cvc']) expect(response.body).toContain(`<label for="${field}">`);
    for (const card of [SUCCEEDS, DECLINED, THREE_DS]) expect(response.body).toContain(card);
    expect(response.headers['content-security-policy']).toContain(`form-action 'self' ${PUBLIC_URL}`);

    for (const unknown of [randomUUID(), 'not-a-uuid']) {
      const missing = await t.app.inject(`/sandbox-bank/pay/${unknown}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('Платёж не найден');
    }
    // The form parser belongs to the bank's pages only; the portal's API still wants JSON.
    const portalForm = await postForm('/api/v1/auth/login', { email: 'a@b.ru', password: 'x' });
    expect(portalForm.statusCode).toBe(415);
  });

  it('pays with 4111…, keeps four digits, notifies with a signature, and redirects back', async () => {
    const { request, id } = await newPayment();
    const response = await payWith(id, SUCCEEDS);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(request.returnUrl);
    const row = await bankRow(id);
    expect(row).toMatchObject({ status: 'succeeded', card_last4: '1111' });

    const [notification] = await waitFor(() => receiver.for(id).length === 1 && receiver.for(id));
    expect(notification!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(notification!.rawBody)).toEqual({
      id,
      orderId: request.paymentId,
      status: 'succeeded',
      amount: AMOUNT,
    });
    expect(await verify(notification!)).toEqual({ gatewayPaymentId: id, state: 'succeeded', amount: AMOUNT });
    const read = await gateway.get(id);
    expect(read).toMatchObject({ state: 'succeeded', amount: AMOUNT });
    expect(read.paidAt).toBeInstanceOf(Date);
    expect(gateway.notificationAnswer).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });

    const again = await t.app.inject(`/sandbox-bank/pay/${id}`);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('уже оплачен');
    expect(again.body).not.toContain('name="card"');
    const payAgain = await payWith(id, SUCCEEDS);
    expect(payAgain.statusCode).toBe(409);
    await sleep(300);
    expect(receiver.for(id)).toHaveLength(1);
  });

  it('declines 4000…0002 and tells Abonent it is canceled', async () => {
    const { request, id } = await newPayment();
    const response = await payWith(id, DECLINED);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(request.returnUrl);
    expect(await bankRow(id)).toMatchObject({ status: 'declined', card_last4: '0002', paid_at: null });
    const [notification] = await waitFor(() => receiver.for(id).length === 1 && receiver.for(id));
    expect(await verify(notification!)).toEqual({ gatewayPaymentId: id, state: 'canceled', amount: AMOUNT });
    expect(await gateway.get(id)).toMatchObject({ state: 'canceled', paidAt: null });
    expect((await t.app.inject(`/sandbox-bank/pay/${id}`)).body).toContain('отклонил');
  });

  it('lets any other number passing Luhn succeed', async () => {
    const { id } = await newPayment();
    expect((await payWith(id, OTHER_VALID.replace(/ /g, ''))).statusCode).toBe(303);
    expect(await bankRow(id)).toMatchObject({ status: 'succeeded', card_last4: '4444' });
  });

  it('asks 4000…3220 for 3-D Secure, refuses a wrong code, and pays with 1234', async () => {
    const { request, id } = await newPayment();
    const response = await payWith(id, THREE_DS);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sandbox-bank/3ds/${id}`);
    expect(await bankRow(id)).toMatchObject({ status: 'awaiting_3ds', card_last4: '3220' });
    expect((await gateway.get(id)).state).toBe('pending');
    expect((await t.app.inject(`/sandbox-bank/pay/${id}`)).headers.location).toBe(`/sandbox-bank/3ds/${id}`);

    const page = await t.app.inject(`/sandbox-bank/3ds/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ПЕСОЧНИЦА — деньги не списываются');
    expect(page.body).toContain('<label for="code">');

    const wrong = await answerCode(id, '0000');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Код неверный. Осталось попыток: 2.');
    expect(await bankRow(id)).toMatchObject({ status: 'awaiting_3ds', three_ds_failures: 1 });

    const right = await answerCode(id, '1234');
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(request.returnUrl);
    const [notification] = await waitFor(() => receiver.for(id).length === 1 && receiver.for(id));
    expect(await verify(notification!)).toEqual({ gatewayPaymentId: id, state: 'succeeded', amount: AMOUNT });
    expect((await answerCode(id, '1234')).statusCode).toBe(409);
  });

  it('declines a 3-D Secure payment after three wrong codes', async () => {
    const { request, id } = await newPayment();
    await payWith(id, THREE_DS);
    expect((await answerCode(id, '1111')).statusCode).toBe(422);
    expect((await answerCode(id, '2222')).body).toContain('Осталось попыток: 1.');
    const third = await answerCode(id, '3333');
    expect(third.statusCode).toBe(303);
    expect(third.headers.location).toBe(request.returnUrl);
    expect(await bankRow(id)).toMatchObject({ status: 'declined', three_ds_failures: 3 });
    const [notification] = await waitFor(() => receiver.for(id).length === 1 && receiver.for(id));
    expect(await verify(notification!)).toMatchObject({ state: 'canceled' });
  });

  it('shows the form again (422) for a number failing Luhn, an expired card or a bad CVC, changing nothing', async () => {
    const { id } = await newPayment();
    const before = await bankRow(id);
    const cases = [
      { fields: { card: BAD_LUHN, exp: '12/40', cvc: CVC }, message: 'Номер карты введён с ошибкой' },
      { fields: { card: SUCCEEDS, exp: '01/20', cvc: CVC }, message: 'Срок действия карты истёк' },
      { fields: { card: SUCCEEDS, exp: '1240', cvc: CVC }, message: 'ММ/ГГ' },
      { fields: { card: SUCCEEDS, exp: '12/40', cvc: '12' }, message: 'CVC — три цифры' },
      { fields: { card: 'четыре', exp: '12/40', cvc: CVC }, message: 'от 12 до 19 цифр' },
    ];
    for (const { fields, message } of cases) {
      const response = await postForm(`/sandbox-bank/pay/${id}`, fields);
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(message);
      expect(response.body).toContain('aria-invalid="true"');
      // Neither the number nor the CVC is typed back into the form.
      expect(response.body).not.toMatch(/<input id="card"[^>]*value=/);
      expect(response.body).not.toMatch(/<input id="cvc"[^>]*value=/);
    }
    expect(await bankRow(id)).toEqual(before);
    await sleep(200);
    expect(receiver.for(id)).toHaveLength(0);
  });

  it('sends 1 + duplicates copies, each correctly signed', async () => {
    const { id } = await newPayment();
    const options = await setOptions(id, { delayMs: 0, duplicates: 2 });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toEqual({ id, delayMs: 0, duplicates: 2 });
    await payWith(id, SUCCEEDS);
    const copies = await waitFor(() => receiver.for(id).length === 3 && receiver.for(id));
    for (const copy of copies)
      expect(await verify(copy)).toMatchObject({ gatewayPaymentId: id, state: 'succeeded' });
    await sleep(300);
    expect(receiver.for(id)).toHaveLength(3);
  });

  it('takes the delay and the copies from the demo fields of the pay form too', async () => {
    const { id } = await newPayment();
    expect((await payWith(id, SUCCEEDS, { notifyDelaySeconds: '0', notifyDuplicates: '1' })).statusCode).toBe(
      303,
    );
    await waitFor(() => receiver.for(id).length === 2);
    const { id: other } = await newPayment();
    const refused = await payWith(other, SUCCEEDS, { notifyDelaySeconds: '9999' });
    expect(refused.statusCode).toBe(422);
    expect((await bankRow(other)).status).toBe('new');
  });

  it('sends a delayed notification later, without holding up the redirect', async () => {
    const { id } = await newPayment();
    await setOptions(id, { delayMs: 1500, duplicates: 0 });
    const paidAt = Date.now();
    const response = await payWith(id, SUCCEEDS);
    expect(response.statusCode).toBe(303);
    expect(Date.now() - paidAt).toBeLessThan(1000);
    await sleep(500);
    expect(receiver.for(id)).toHaveLength(0);
    const [notification] = await waitFor(() => receiver.for(id).length === 1 && receiver.for(id));
    expect(notification!.at - paidAt).toBeGreaterThanOrEqual(1400);
    expect(await verify(notification!)).toMatchObject({ state: 'succeeded' });
  });

  it('retries a notification the receiver answered with 500', async () => {
    const { id } = await newPayment();
    receiver.failNext(id, 1);
    await payWith(id, SUCCEEDS);
    const attempts = await waitFor(() => receiver.for(id).length === 2 && receiver.for(id));
    expect(attempts.map((attempt) => attempt.answered)).toEqual([500, 200]);
    expect(attempts[1]!.rawBody).toBe(attempts[0]!.rawBody);
    expect(appLog.join('')).toContain(`payment ${id} (copy 1) attempt 1 answered 500`);
    await waitFor(() => appLog.join('').includes(`payment ${id} (copy 1) delivered on attempt 2`));
  });

  it('trusts no notification whose signature is missing, forged or for another body', async () => {
    const { id } = await newPayment();
    await payWith(id, SUCCEEDS);
    const [genuine] = await waitFor(() => receiver.for(id).length === 1 && receiver.for(id));
    const forgedBody = genuine!.rawBody.replace(String(AMOUNT), String(AMOUNT * 100));
    const attempts = [
      { headers: { 'x-sandbox-signature': genuine!.headers['x-sandbox-signature'] }, rawBody: forgedBody },
      { headers: { 'x-sandbox-signature': signBody(forgedBody, 'another-secret') }, rawBody: forgedBody },
      { headers: { 'x-sandbox-signature': 'zz' }, rawBody: genuine!.rawBody },
      { headers: {}, rawBody: genuine!.rawBody },
      {
        headers: { 'x-sandbox-signature': [String(genuine!.headers['x-sandbox-signature'])] },
        rawBody: genuine!.rawBody,
      },
    ];
    const logged = gatewayLog.length;
    for (const attempt of attempts) {
      expect(await gateway.verifyNotification({ ...attempt, ip: '203.0.113.9' })).toBeNull();
    }
    const lines = gatewayLog.slice(logged);
    expect(lines).toHaveLength(attempts.length);
    for (const line of lines) {
      expect(line).toContain('refused from 203.0.113.9');
      expect(line).not.toContain(forgedBody);
      expect(line).not.toContain(id);
    }
    const signedNonsense = '{"hello":"world"}';
    expect(
      await gateway.verifyNotification({
        headers: { 'x-sandbox-signature': signBody(signedNonsense, t.config.sandboxBank!.secret) },
        rawBody: signedNonsense,
        ip: '127.0.0.1',
      }),
    ).toBeNull();
  });

  it('refunds only a succeeded payment, up to what is left, once per idempotency key', async () => {
    const { id: unpaid } = await newPayment();
    await expect(gateway.refund(unpaid, 100, 'k0')).rejects.toMatchObject({ code: 'NOT_REFUNDABLE' });
    const { id: declined } = await newPayment();
    await payWith(declined, DECLINED);
    await expect(gateway.refund(declined, 100, 'k0')).rejects.toMatchObject({ code: 'NOT_REFUNDABLE' });
    await expect(gateway.refund(randomUUID(), 100, 'k0')).rejects.toMatchObject({
      code: 'PAYMENT_NOT_FOUND',
    });

    const { id } = await newPayment();
    await payWith(id, SUCCEEDS);
    await waitFor(() => receiver.for(id).length === 1);
    await expect(gateway.refund(id, AMOUNT + 1, 'k1')).rejects.toMatchObject({ code: 'REFUND_TOO_LARGE' });
    await expect(gateway.refund(id, 0, 'k1')).rejects.toMatchObject({ code: 'REFUND_TOO_LARGE' });

    // The sandbox bank refunds at once: the outcome is never pending.
    expect(await gateway.refund(id, 10_000, 'k1')).toBe('succeeded');
    const [, partial] = await waitFor(() => receiver.for(id).length === 2 && receiver.for(id));
    expect(await verify(partial!)).toEqual({ gatewayPaymentId: id, state: 'refunded', amount: 10_000 });
    expect(await bankRow(id)).toMatchObject({ status: 'succeeded', refunded_amount: 10_000 });
    expect(await gateway.get(id)).toMatchObject({ state: 'succeeded', refundedAmount: 10_000 });

    await gateway.refund(id, 10_000, 'k1');
    await expect(gateway.refund(id, 20_000, 'k1')).rejects.toMatchObject({ code: 'REFUND_KEY_REUSED' });
    await expect(gateway.refund(id, AMOUNT - 10_000 + 1, 'k2')).rejects.toMatchObject({
      code: 'REFUND_TOO_LARGE',
    });
    expect(await bankRow(id)).toMatchObject({ refunded_amount: 10_000 });

    await gateway.refund(id, AMOUNT - 10_000, 'k2');
    const [, , rest] = await waitFor(() => receiver.for(id).length === 3 && receiver.for(id));
    expect(await verify(rest!)).toEqual({ gatewayPaymentId: id, state: 'refunded', amount: AMOUNT - 10_000 });
    expect(await bankRow(id)).toMatchObject({ status: 'refunded', refunded_amount: AMOUNT });
    // It was paid: reading it says so, with how much went back; the refunds came as events.
    expect(await gateway.get(id)).toMatchObject({
      state: 'succeeded',
      amount: AMOUNT,
      refundedAmount: AMOUNT,
    });
    await expect(gateway.refund(id, 1, 'k3')).rejects.toMatchObject({ code: 'NOT_REFUNDABLE' });
    expect((await t.app.inject(`/sandbox-bank/pay/${id}`)).body).toContain('деньги возвращены');
    await sleep(300);
    expect(receiver.for(id)).toHaveLength(3);
  });

  it('answers the options route with 404 for an unknown payment and 400 for bad options', async () => {
    expect((await setOptions(randomUUID(), { delayMs: 0, duplicates: 0 })).statusCode).toBe(404);
    const { id } = await newPayment();
    expect((await setOptions(id, { delayMs: -1, duplicates: 0 })).statusCode).toBe(400);
    expect((await setOptions(id, { delayMs: 0, duplicates: 11 })).statusCode).toBe(400);
  });

  it('kept no full card number and no CVC anywhere in the database or in the logs', async () => {
    // Every row of every table (the job queue's included), not only the bank's own.
    const tables = await sql<{ name: string }>`
      select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(
      t.database.db,
    );
    expect(tables.rows.map((table) => table.name)).toContain('public.sandbox_bank_payments');
    const parts: string[] = [];
    for (const table of tables.rows) {
      const rows = await sql<{
        row: string;
      }>`select row_to_json(x)::text as row from ${sql.raw(table.name)} x`.execute(t.database.db);
      parts.push(...rows.rows.map((row) => row.row));
    }
    const dump = parts.join('\n');
    expect(dump).toContain('"card_last4":"1111"');
    const logs = appLog.join('');
    expect(logs).toContain('/sandbox-bank/pay/');
    for (const text of [dump, logs]) {
      for (const card of CARD_NUMBERS) {
        for (const written of [
          card,
          card.replace(/ /g, ''),
          card.replace(/ /g, '+'),
          card.replace(/ /g, '%20'),
        ]) {
          expect(text).not.toContain(written);
        }
      }
      expect(text).not.toMatch(/cvc/i);
      expect(text).not.toContain(`=${CVC}`);
      expect(text).not.toContain(`"${CVC}"`);
    }
  });
});
