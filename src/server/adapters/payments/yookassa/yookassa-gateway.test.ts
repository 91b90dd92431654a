import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatePaymentRequest, PaymentGateway } from '../gateway.ts';
import {
  createIpAllowlist,
  formatAmount,
  parseAmount,
  YOOKASSA_NOTIFICATION_IPS,
  YookassaError,
  type YookassaGatewayOptions,
  yookassaGateway,
} from './yookassa-gateway.ts';
import { startYookassaTestServer, type YookassaTestServer } from './yookassa-test-server.ts';

const shopId = '506751';
const secretKey = 'test_Fh8hUAVVBGUGbjmlzba6TB0iyUbos_lueTHE-axOwM0';

let server: YookassaTestServer;
let logLines: string[];

beforeEach(async () => {
  server = await startYookassaTestServer({ shopId, secretKey });
  logLines = [];
});

afterEach(async () => {
  await server.close();
});

function gateway(overrides: Partial<YookassaGatewayOptions> = {}): PaymentGateway {
  return yookassaGateway({
    apiUrl: server.url,
    shopId,
    secretKey,
    ipAllowlist: null,
    retry: { attempts: 3, delayMs: 5 },
    timeoutMs: 2_000,
    log: (line) => logLines.push(line),
    ...overrides,
  });
}

let paymentCounter = 0;
function paymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  paymentCounter += 1;
  const paymentId = `0b5e3c1a-4f2d-4c55-9a41-${String(paymentCounter).padStart(12, '0')}`;
  const amount = overrides.amount ?? 735_012;
  const description = 'Оплата ЖКУ по л/с 0001000042 за 10.2026';
  return {
    paymentId,
    amount,
    description,
    returnUrl: `https://abonent.example/payments/${paymentId}`,
    notificationUrl: 'https://abonent.example/api/v1/payment-notifications/yookassa',
    customerEmail: 'ivanova@example.ru',
    items: [{ description, amount, quantity: 1, vat: 'none', paymentSubject: 'service' }],
    ...overrides,
  };
}

/** A payment the person has paid on YooKassa's page. */
async function paidPayment(amount = 735_012): Promise<string> {
  const created = await gateway().create(paymentRequest({ amount }));
  server.setStatus(created.gatewayPaymentId, 'succeeded');
  return created.gatewayPaymentId;
}

const postsTo = (path: string) =>
  server.requests.filter((request) => request.method === 'POST' && request.path === path);

describe('YooKassa amounts', () => {
  it('writes kopecks as rubles with two decimals, without floating point', () => {
    expect(formatAmount(1)).toBe('0.01');
    expect(formatAmount(10)).toBe('0.10');
    expect(formatAmount(100)).toBe('1.00');
    expect(formatAmount(123_456_789)).toBe('1234567.89');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])
      expect(() => formatAmount(bad)).toThrow();
  });

  it('reads "1234.5", "1234.56" and "7" exactly and refuses anything else', () => {
    expect(parseAmount('1234.5')).toBe(123_450);
    expect(parseAmount('1234.56')).toBe(123_456);
    expect(parseAmount('7')).toBe(700);
    expect(parseAmount('0.01')).toBe(1);
    expect(parseAmount('1234567.89')).toBe(123_456_789);
    for (const garbage of [
      '',
      '1,00',
      '1.234',
      '-1.00',
      '1e3',
      ' 1.00',
      '1.',
      '.5',
      'abc',
      '0x10',
      '1.0O',
      '9'.repeat(20),
    ])
      expect(() => parseAmount(garbage), garbage).toThrow();
  });

  it('round-trips every safe amount of kopecks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (kopecks) => {
        const text = formatAmount(kopecks);
        expect(text).toBe(`${BigInt(kopecks) / 100n}.${String(BigInt(kopecks) % 100n).padStart(2, '0')}`);
        expect(parseAmount(text)).toBe(kopecks);
      }),
      { numRuns: 500 },
    );
  });
});

describe('YooKassa gateway: creating a payment', () => {
  it('posts the exact body with Basic auth and the payment id as Idempotence-Key', async () => {
    const request = paymentRequest({ amount: 123_456_789 });
    const created = await gateway().create(request);

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v3/payments');
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`,
    );
    expect(sent.headers['idempotence-key']).toBe(request.paymentId);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body).toStrictEqual({
      amount: { value: '1234567.89', currency: 'RUB' },
      capture: true,
      confirmation: { type: 'redirect', return_url: request.returnUrl },
      description: 'Оплата ЖКУ по л/с 0001000042 за 10.2026',
      metadata: { paymentId: request.paymentId },
      receipt: {
        customer: { email: 'ivanova@example.ru' },
        items: [
          {
            description: 'Оплата ЖКУ по л/с 0001000042 за 10.2026',
            quantity: '1.00',
            amount: { value: '1234567.89', currency: 'RUB' },
            vat_code: 1,
            payment_subject: 'service',
            payment_mode: 'full_payment',
          },
        ],
      },
    });

    const stored = server.payments.get(created.gatewayPaymentId)!;
    expect(stored.amount).toEqual({ value: '1234567.89', currency: 'RUB' });
    expect(created).toEqual({
      gatewayPaymentId: stored.id,
      redirectUrl: stored.confirmation!.confirmation_url,
      state: 'pending',
    });
    expect(created.redirectUrl.startsWith(`${server.origin}/checkout/`)).toBe(true);
    expect((await fetch(created.redirectUrl)).status).toBe(200);
  });

  it('sends one kopeck as "0.01" in the payment and in the receipt line', async () => {
    await gateway().create(paymentRequest({ amount: 1 }));
    const body = server.requests[0]!.body as {
      amount: { value: string };
      receipt: { items: { amount: { value: string } }[] };
    };
    expect(body.amount.value).toBe('0.01');
    expect(body.receipt.items[0]!.amount.value).toBe('0.01');
    expect(server.payments.size).toBe(1);
  });

  it('maps the VAT setting to YooKassa vat_code 1 (none), 2 (0%), 3 (10%), 4 (20%)', async () => {
    const codes: unknown[] = [];
    for (const vat of ['none', 'vat0', 'vat10', 'vat20'] as const) {
      const request = paymentRequest();
      await gateway().create({ ...request, items: request.items.map((item) => ({ ...item, vat })) });
      codes.push(
        (server.requests.at(-1)!.body as { receipt: { items: { vat_code: number }[] } }).receipt.items[0]!
          .vat_code,
      );
    }
    expect(codes).toEqual([1, 2, 3, 4]);
  });

  it('cuts descriptions to the 128 characters YooKassa accepts', async () => {
    const long = `Оплата ЖКУ по л/с 0001000042 за 10.2026, ${'очень длинный адрес '.repeat(10)}`;
    const request = paymentRequest({ description: long });
    await gateway().create({
      ...request,
      items: request.items.map((item) => ({ ...item, description: long })),
    });
    const body = server.requests[0]!.body as {
      description: string;
      receipt: { items: { description: string }[] };
    };
    expect(body.description).toBe(long.slice(0, 128));
    expect(body.receipt.items[0]!.description).toBe(long.slice(0, 128));
    expect(server.payments.size).toBe(1);
  });

  it('refuses before sending anything when the receipt lines do not add up to the amount', async () => {
    const request = paymentRequest({ amount: 1000 });
    await expect(
      gateway().create({ ...request, items: request.items.map((item) => ({ ...item, amount: 999 })) }),
    ).rejects.toThrow(/999/);
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 500 with the same key and body, and YooKassa makes one payment', async () => {
    server.failNext(1);
    const request = paymentRequest();
    const created = await gateway().create(request);
    const posts = postsTo('/v3/payments');
    expect(posts.map((post) => post.status)).toEqual([500, 200]);
    expect(posts.map((post) => post.idempotenceKey)).toEqual([request.paymentId, request.paymentId]);
    expect(posts[1]!.body).toStrictEqual(posts[0]!.body);
    expect([...server.payments.keys()]).toEqual([created.gatewayPaymentId]);
    expect(logLines.some((line) => line.includes('retrying'))).toBe(true);
  });

  it('after a 500 whose payment was in fact made, the retry gets that same payment', async () => {
    server.failNext(1, { afterProcessing: true });
    const created = await gateway().create(paymentRequest());
    expect(postsTo('/v3/payments').map((post) => post.status)).toEqual([500, 200]);
    expect([...server.payments.keys()]).toEqual([created.gatewayPaymentId]);
  });

  it('retries 502, 503 and 504 too', async () => {
    server.failNext(1, { status: 502 });
    server.failNext(1, { status: 503 });
    const created = await gateway({ retry: { attempts: 4, delayMs: 1 } }).create(paymentRequest());
    expect(postsTo('/v3/payments').map((post) => post.status)).toEqual([502, 503, 200]);
    expect(server.payments.size).toBe(1);
    expect(created.state).toBe('pending');
  });

  it('retries an attempt that times out, with the same key, and one payment exists', async () => {
    server.delayNext(1, 1_500);
    const request = paymentRequest();
    const created = await gateway({ timeoutMs: 150 }).create(request);
    expect(postsTo('/v3/payments').map((post) => post.idempotenceKey)).toEqual([
      request.paymentId,
      request.paymentId,
    ]);
    expect([...server.payments.keys()]).toEqual([created.gatewayPaymentId]);
    expect(logLines.join('\n')).toMatch(/no answer within 150 ms/);
  });

  it('retries a network error with the same bytes', async () => {
    const bodies: unknown[] = [];
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      bodies.push(init?.body);
      if (calls === 1) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const created = await gateway({ fetch: flaky }).create(paymentRequest());
    expect(calls).toBe(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect([...server.payments.keys()]).toEqual([created.gatewayPaymentId]);
  });

  it('gives up after the configured attempts and says why', async () => {
    server.failNext(5);
    const failure = gateway().create(paymentRequest());
    await expect(failure).rejects.toThrow(/failed after 3 attempts: 500 internal_server_error/);
    expect(postsTo('/v3/payments')).toHaveLength(3);
    expect(server.payments.size).toBe(0);
  });

  it('says "network" when YooKassa cannot be reached at all', async () => {
    const unreachable = gateway({ apiUrl: 'http://127.0.0.1:1/v3', retry: { attempts: 2, delayMs: 1 } });
    await expect(unreachable.create(paymentRequest())).rejects.toThrow(/after 2 attempts: network/);
  });

  it('does not retry a 4xx: the same key with another body is refused once, with code and description', async () => {
    const request = paymentRequest({ amount: 50_000 });
    await gateway().create(request);
    const changed = paymentRequest({ amount: 60_000 });
    const failure = gateway().create({ ...changed, paymentId: request.paymentId });
    await expect(failure).rejects.toBeInstanceOf(YookassaError);
    await expect(failure).rejects.toThrow(/400 invalid_request — Idempotence key duplicated/);
    expect(postsTo('/v3/payments')).toHaveLength(2);
    expect(server.payments.size).toBe(1);
  });

  it('reports wrong credentials clearly, once, and never with the secret key', async () => {
    const wrongSecret = 'test_wrong_secret_key_do_not_print_me';
    const failure = gateway({ secretKey: wrongSecret }).create(paymentRequest());
    await expect(failure).rejects.toThrow(/401 invalid_credentials/);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).not.toContain(wrongSecret);
    expect(message).not.toContain(Buffer.from(`${shopId}:${wrongSecret}`).toString('base64'));
    expect(server.requests).toHaveLength(1);
    expect(logLines.join('\n')).not.toContain(wrongSecret);
  });

  it('blanks the secret key even if an answer or a network error repeats it', async () => {
    const echoing: typeof fetch = async () =>
      new Response(
        JSON.stringify({
          type: 'error',
          id: 'x',
          code: 'invalid_request',
          description: `bad key ${secretKey}`,
        }),
        { status: 400 },
      );
    const refused = await gateway({ fetch: echoing })
      .create(paymentRequest())
      .catch((error: Error) => error.message);
    expect(refused).toContain('bad key ***');
    expect(refused).not.toContain(secretKey);

    const leaking: typeof fetch = async () => {
      throw new TypeError(`connect failed for ${secretKey}`);
    };
    const unreachable = await gateway({ fetch: leaking, retry: { attempts: 2, delayMs: 1 } })
      .create(paymentRequest())
      .catch((error: Error) => error.message);
    expect(unreachable).not.toContain(secretKey);
    expect(logLines.join('\n')).not.toContain(secretKey);
  });
});

describe('YooKassa gateway: reading a payment', () => {
  it('maps pending and waiting_for_capture to pending, succeeded and canceled as they are', async () => {
    const created = await gateway().create(paymentRequest({ amount: 123_456_789 }));
    const id = created.gatewayPaymentId;
    const read = () => gateway().get(id);

    expect(await read()).toEqual({
      gatewayPaymentId: id,
      state: 'pending',
      amount: 123_456_789,
      paidAt: null,
      refundedAmount: 0,
    });
    server.setStatus(id, 'waiting_for_capture');
    expect((await read()).state).toBe('pending');
    server.setStatus(id, 'succeeded');
    const paid = await read();
    expect(paid.state).toBe('succeeded');
    expect(paid.amount).toBe(123_456_789);
    expect(paid.paidAt?.toISOString()).toBe(server.payments.get(id)!.captured_at);

    const other = await gateway().create(paymentRequest());
    server.setStatus(other.gatewayPaymentId, 'canceled');
    expect((await gateway().get(other.gatewayPaymentId)).state).toBe('canceled');
  });

  it('still reads a refunded payment as succeeded, with the refunded_amount in kopecks', async () => {
    const id = await paidPayment(10_000);
    await gateway().refund(id, 4_000, 'refund-key-1');
    expect(await gateway().get(id)).toMatchObject({
      state: 'succeeded',
      amount: 10_000,
      refundedAmount: 4_000,
    });
    await gateway().refund(id, 6_000, 'refund-key-2');
    expect(await gateway().get(id)).toMatchObject({
      state: 'succeeded',
      amount: 10_000,
      refundedAmount: 10_000,
    });
  });

  it('reads an amount of "1234.5" as 123450 kopecks', async () => {
    const id = await paidPayment(123_450);
    server.payments.get(id)!.amount.value = '1234.5';
    expect((await gateway().get(id)).amount).toBe(123_450);
    server.payments.get(id)!.amount.value = '12.34.5';
    await expect(gateway().get(id)).rejects.toThrow(/unexpected|Not a YooKassa amount/);
  });

  it('throws a 404 for an unknown payment without retrying', async () => {
    const failure = gateway().get('2f3b588d-000f-5000-8000-1d6e87c7fbde');
    await expect(failure).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 on a read', async () => {
    const id = await paidPayment();
    server.failNext(2);
    expect((await gateway().get(id)).state).toBe('succeeded');
  });
});

describe('YooKassa gateway: refunds', () => {
  it('posts payment_id and amount with the Idempotence-Key, and a repeat makes no second refund', async () => {
    const id = await paidPayment(735_012);
    expect(await gateway().refund(id, 735_012, 'refund-7f1c')).toBe('succeeded');
    server.failNext(1, { afterProcessing: true });
    expect(await gateway().refund(id, 735_012, 'refund-7f1c')).toBe('succeeded');

    const posts = postsTo('/v3/refunds');
    expect(posts.map((post) => post.idempotenceKey)).toEqual(['refund-7f1c', 'refund-7f1c', 'refund-7f1c']);
    expect(posts[0]!.body).toStrictEqual({ payment_id: id, amount: { value: '7350.12', currency: 'RUB' } });
    expect(server.refunds.size).toBe(1);
    expect(server.payments.get(id)!.refunded_amount).toEqual({ value: '7350.12', currency: 'RUB' });
  });

  it('says a refund YooKassa has not finished is pending, and asking again with the key tells how it ended', async () => {
    await server.close();
    server = await startYookassaTestServer({ shopId, secretKey, refundStatus: 'pending' });
    const id = await paidPayment(20_000);
    expect(await gateway().refund(id, 20_000, 'refund-slow')).toBe('pending');
    expect(await gateway().get(id)).toMatchObject({ state: 'succeeded', refundedAmount: 0 });
    const [refund] = server.refunds.values();
    // The replay of the POST answers the refund as it was (pending); the adapter reads it as it is.
    server.setRefundStatus(refund!.id, 'succeeded');
    expect(await gateway().refund(id, 20_000, 'refund-slow')).toBe('succeeded');
    expect(server.refunds.size).toBe(1);
    expect(await gateway().get(id)).toMatchObject({ refundedAmount: 20_000 });

    const other = await paidPayment(30_000);
    expect(await gateway().refund(other, 30_000, 'refund-refused')).toBe('pending');
    const refused = [...server.refunds.values()].find((entry) => entry.payment_id === other)!;
    server.setRefundStatus(refused.id, 'canceled');
    expect(await gateway().refund(other, 30_000, 'refund-refused')).toBe('canceled');
    expect(logLines.join('\n')).toContain(`refund ${refused.id} of payment ${other} was canceled`);
    expect(await gateway().get(other)).toMatchObject({ state: 'succeeded', refundedAmount: 0 });
  });

  it('is refused for a payment that is not paid, and for more than was paid', async () => {
    const created = await gateway().create(paymentRequest({ amount: 5_000 }));
    await expect(gateway().refund(created.gatewayPaymentId, 5_000, 'r-1')).rejects.toThrow(
      /400 invalid_request/,
    );
    server.setStatus(created.gatewayPaymentId, 'succeeded');
    await expect(gateway().refund(created.gatewayPaymentId, 5_001, 'r-2')).rejects.toThrow(/exceeds/);
    expect(postsTo('/v3/refunds')).toHaveLength(2);
    expect(server.refunds.size).toBe(0);
  });
});

describe('YooKassa gateway: notifications', () => {
  const fromYookassa = '185.71.76.10';
  const notify = (rawBody: string, ip = fromYookassa, options: Partial<YookassaGatewayOptions> = {}) =>
    gateway(options).verifyNotification({ headers: { 'content-type': 'application/json' }, rawBody, ip });

  it('trusts a payment.succeeded only after re-reading the payment', async () => {
    const id = await paidPayment(735_012);
    const before = server.requests.length;
    expect(await notify(server.notification('payment.succeeded', id))).toEqual({
      gatewayPaymentId: id,
      state: 'succeeded',
      amount: 735_012,
    });
    expect(server.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v3/payments/${id}`,
    ]);
  });

  it('answers what YooKassa says, not what a forged notification claims', async () => {
    const created = await gateway().create(paymentRequest({ amount: 100_00 }));
    const id = created.gatewayPaymentId;
    const forged = JSON.stringify({
      type: 'notification',
      event: 'payment.succeeded',
      object: {
        ...server.payments.get(id),
        status: 'succeeded',
        paid: true,
        amount: { value: '1.00', currency: 'RUB' },
      },
    });
    expect(await notify(forged)).toEqual({ gatewayPaymentId: id, state: 'pending', amount: 100_00 });

    server.setStatus(id, 'canceled');
    expect(await notify(forged)).toEqual({ gatewayPaymentId: id, state: 'canceled', amount: 100_00 });
  });

  it('maps payment.canceled and payment.waiting_for_capture through the re-read', async () => {
    const created = await gateway().create(paymentRequest());
    const id = created.gatewayPaymentId;
    server.setStatus(id, 'waiting_for_capture');
    expect(await notify(server.notification('payment.waiting_for_capture', id))).toMatchObject({
      state: 'pending',
    });
    server.setStatus(id, 'canceled');
    expect(await notify(server.notification('payment.canceled', id))).toMatchObject({ state: 'canceled' });
  });

  it('returns null for a payment YooKassa does not know', async () => {
    const unknown = JSON.stringify({
      type: 'notification',
      event: 'payment.succeeded',
      object: {
        id: '2f3b588d-000f-5000-8000-1d6e87c7fbde',
        status: 'succeeded',
        amount: { value: '10.00', currency: 'RUB' },
      },
    });
    expect(await notify(unknown)).toBeNull();
  });

  it('throws when the re-read fails, so the webhook is answered 5xx and YooKassa sends it again', async () => {
    const id = await paidPayment();
    server.failNext(3);
    await expect(notify(server.notification('payment.succeeded', id))).rejects.toThrow(
      /failed after 3 attempts/,
    );
    expect(await notify(server.notification('payment.succeeded', id))).toMatchObject({ state: 'succeeded' });
  });

  it('turns refund.succeeded into a refunded event for the whole payment', async () => {
    const id = await paidPayment(735_012);
    await gateway().refund(id, 735_012, 'refund-whole');
    const [refund] = server.refunds.values();
    const before = server.requests.length;
    expect(await notify(server.notification('refund.succeeded', refund!.id))).toEqual({
      gatewayPaymentId: id,
      state: 'refunded',
      amount: 735_012,
    });
    expect(server.requests.slice(before).map((request) => request.path)).toEqual([
      `/v3/refunds/${refund!.id}`,
      `/v3/payments/${id}`,
    ]);
  });

  it('does not trust refund.succeeded while the refund is pending, unknown, or only partial', async () => {
    await server.close();
    server = await startYookassaTestServer({ shopId, secretKey, refundStatus: 'pending' });
    const id = await paidPayment(10_000);
    await gateway().refund(id, 10_000, 'refund-pending');
    const [pending] = server.refunds.values();
    const claim = server.notification('refund.succeeded', pending!.id).replace('"pending"', '"succeeded"');
    expect(await notify(claim)).toBeNull();
    server.setRefundStatus(pending!.id, 'succeeded');
    expect(await notify(claim)).toEqual({ gatewayPaymentId: id, state: 'refunded', amount: 10_000 });

    const unknownRefund = JSON.stringify({
      type: 'notification',
      event: 'refund.succeeded',
      object: { id: '216749f7-0015-5000-8000-078d43a63ae4', payment_id: id, status: 'succeeded' },
    });
    expect(await notify(unknownRefund)).toBeNull();

    const partlyRefunded = await paidPayment(10_000);
    await gateway().refund(partlyRefunded, 4_000, 'refund-part');
    const partial = [...server.refunds.values()].find((refund) => refund.payment_id === partlyRefunded)!;
    server.setRefundStatus(partial.id, 'succeeded');
    expect(await notify(server.notification('refund.succeeded', partial.id))).toBeNull();
    expect(logLines.join('\n')).toMatch(/refunded 4000 of 10000 kopecks/);
  });

  it('returns null for garbage without asking YooKassa anything', async () => {
    const id = await paidPayment();
    const before = server.requests.length;
    const garbage = [
      '',
      'null',
      '[]',
      '"payment.succeeded"',
      '{',
      '{}',
      JSON.stringify({ type: 'notification', event: 'payment.succeeded' }),
      JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: {} }),
      JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: 42 } }),
      JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: '../refunds/x' } }),
      JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: '..' } }),
      JSON.stringify({ type: 'error', event: 'payment.succeeded', object: { id } }),
      JSON.stringify({ type: 'notification', event: 'deal.closed', object: { id } }),
      JSON.stringify({ type: 'notification', event: 42, object: { id } }),
      `event=payment.succeeded&id=${id}`,
    ];
    for (const rawBody of garbage) expect(await notify(rawBody), rawBody).toBeNull();
    expect(server.requests.length).toBe(before);
  });

  it("by default accepts YooKassa's published addresses only, IPv4, IPv6 and IPv4-mapped", async () => {
    const id = await paidPayment();
    const body = server.notification('payment.succeeded', id);
    const secure = { ipAllowlist: undefined };
    for (const ip of [
      '185.71.76.0',
      '185.71.76.31',
      '185.71.77.5',
      '77.75.153.127',
      '77.75.154.128',
      '77.75.154.255',
      '77.75.156.11',
      '77.75.156.35',
      '::ffff:185.71.76.10',
      '::FFFF:77.75.156.35',
      '2a02:5180::1',
      '2A02:5180:ffff:ffff::9',
    ])
      expect(await notify(body, ip, secure), ip).toMatchObject({ state: 'succeeded' });

    const before = server.requests.length;
    for (const ip of [
      '185.71.76.32',
      '185.71.75.255',
      '77.75.153.128',
      '77.75.154.127',
      '77.75.156.12',
      '127.0.0.1',
      '::1',
      '::ffff:8.8.8.8',
      '::185.71.76.10',
      '2a02:5181::1',
      '2a02:517f:ffff::1',
      'not an address',
      '',
      '185.71.76.10.1',
    ])
      expect(await notify(body, ip, secure), ip).toBeNull();
    expect(server.requests.length).toBe(before);
    expect(logLines.join('\n')).toMatch(/refused from 127\.0\.0\.1: not a YooKassa address/);
  });

  it('checks a configured allowlist, and with null checks no address', async () => {
    const id = await paidPayment();
    const body = server.notification('payment.succeeded', id);
    const own = { ipAllowlist: ['10.0.0.0/8', '::1', 'fd00:ab::/32', '::ffff:192.168.0.0/112'] };
    expect(await notify(body, '10.200.1.1', own)).not.toBeNull();
    expect(await notify(body, '::ffff:10.0.0.1', own)).not.toBeNull();
    expect(await notify(body, '::1', own)).not.toBeNull();
    expect(await notify(body, 'fd00:ab:1::2', own)).not.toBeNull();
    expect(await notify(body, '192.168.7.7', own)).not.toBeNull();
    expect(await notify(body, '11.0.0.1', own)).toBeNull();
    expect(await notify(body, 'fd00:ac::1', own)).toBeNull();
    expect(await notify(body, '192.169.0.1', own)).toBeNull();
    expect(await notify(body, '203.0.113.9', { ipAllowlist: null })).not.toBeNull();
  });

  it('refuses a bad allowlist when the gateway is built, not when a webhook arrives', () => {
    for (const bad of [
      ['10.0.0.0/33'],
      ['2a02::/129'],
      ['300.1.1.1'],
      ['10.0.0.0/8/1'],
      ['example.org'],
      ['10.0.0.0/x'],
    ])
      expect(() => gateway({ ipAllowlist: bad }), bad[0]).toThrow();
    expect(() => createIpAllowlist(YOOKASSA_NOTIFICATION_IPS)).not.toThrow();
  });

  it('answers an accepted notification with 200 and an empty JSON object', () => {
    expect(gateway().notificationAnswer).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{}',
    });
    expect(gateway().kind).toBe('yookassa');
  });
});

describe('the local YooKassa follows the protocol the adapter is tested against', () => {
  const authorization = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(`${server.url}/payments`, { method: 'POST', headers, body: JSON.stringify(body) });
  const validBody = {
    amount: { value: '10.00', currency: 'RUB' },
    capture: true,
    confirmation: { type: 'redirect', return_url: 'https://abonent.example/payments/1' },
    receipt: {
      customer: { email: 'a@example.ru' },
      items: [
        {
          description: 'x',
          quantity: '1.00',
          amount: { value: '10.00', currency: 'RUB' },
          vat_code: 1,
          payment_subject: 'service',
          payment_mode: 'full_payment',
        },
      ],
    },
  };

  it('wants Basic auth, an Idempotence-Key, and a receipt that adds up; errors come as YooKassa error bodies', async () => {
    const json = { 'Content-Type': 'application/json' };
    const noAuth = await post({ ...json, 'Idempotence-Key': 'k1' }, validBody);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({
      type: 'error',
      code: 'invalid_credentials',
      id: expect.any(String),
    });

    const noKey = await post({ ...json, Authorization: authorization }, validBody);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({
      type: 'error',
      code: 'invalid_request',
      parameter: 'Idempotence-Key',
    });

    const headers = { ...json, Authorization: authorization, 'Idempotence-Key': 'k2' };
    const noReceipt = await post(headers, { ...validBody, receipt: undefined });
    expect(noReceipt.status).toBe(400);
    const wrongSum = await post(headers, { ...validBody, amount: { value: '10.01', currency: 'RUB' } });
    expect(await wrongSum.json()).toMatchObject({ code: 'invalid_request', parameter: 'receipt.items' });
    const badVat = structuredClone(validBody);
    badVat.receipt.items[0]!.vat_code = 0;
    expect((await post(headers, badVat)).status).toBe(400);

    const first = await (await post(headers, validBody)).json();
    const again = await (await post(headers, validBody)).json();
    expect(again).toEqual(first);
    expect(server.payments.size).toBe(1);

    const missing = await fetch(`${server.url}/payments/nope`, { headers: { Authorization: authorization } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'error', code: 'not_found' });
  });
});
