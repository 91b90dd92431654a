import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatePaymentRequest, GatewayEvent, PaymentGateway } from '../gateway.ts';
import { type TbankGatewayOptions, TbankRefusal, tbankGateway } from './tbank-gateway.ts';
import { startTbankTestServer, type TbankStatus, type TbankTestServer } from './tbank-test-server.ts';

const TERMINAL_KEY = 'AbonentTerminal';
const PASSWORD = 'k9-terminal-password-5Fq';
const PAYMENT_ID = '0f7b3c7e-9a51-4c1e-8f0a-3d2b1c4e5f60';
const DESCRIPTION = 'Оплата ЖКУ по л/с 0001000000 за 10.2026';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function paymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  const amount = overrides.amount ?? 512_345;
  return {
    paymentId: PAYMENT_ID,
    amount,
    description: DESCRIPTION,
    returnUrl: `https://lk.example.test/payments/${PAYMENT_ID}`,
    notificationUrl: 'https://lk.example.test/api/v1/payment-notifications/tbank',
    customerEmail: 'ivanova@example.test',
    items: [{ description: DESCRIPTION, amount, quantity: 1, vat: 'none', paymentSubject: 'service' }],
    ...overrides,
  };
}

let bank: TbankTestServer;
let logLines: string[];

function gateway(options: Partial<TbankGatewayOptions> = {}): PaymentGateway {
  return tbankGateway({
    apiUrl: bank.url,
    terminalKey: TERMINAL_KEY,
    password: PASSWORD,
    retry: { attempts: 3, delayMs: 5 },
    log: (line) => logLines.push(line),
    ...options,
  });
}

const apiCalls = (method: string) => bank.requests.filter((request) => request.method === method);

beforeEach(async () => {
  bank = await startTbankTestServer({ terminalKey: TERMINAL_KEY, password: PASSWORD });
  logLines = [];
});

afterEach(async () => {
  await bank.close();
});

describe('T-Bank gateway: Init', () => {
  it('sends the documented Init body with the receipt and a token computed by the documented rule', async () => {
    const created = await gateway().create(paymentRequest());

    const [init] = apiCalls('Init');
    expect(init?.headers['content-type']).toBe('application/json');
    const returnUrl = `https://lk.example.test/payments/${PAYMENT_ID}`;
    const notificationUrl = 'https://lk.example.test/api/v1/payment-notifications/tbank';
    // The rule, written out: root-level scalars plus Password, sorted by key, values concatenated.
    // Sorted keys: Amount, Description, FailURL, NotificationURL, OrderId, Password, PayType, SuccessURL, TerminalKey.
    const token = sha256(
      `512345${DESCRIPTION}${returnUrl}${notificationUrl}${PAYMENT_ID}${PASSWORD}O${returnUrl}${TERMINAL_KEY}`,
    );
    expect(JSON.parse(init!.rawBody)).toStrictEqual({
      TerminalKey: TERMINAL_KEY,
      Amount: 512_345,
      OrderId: PAYMENT_ID,
      Description: DESCRIPTION,
      PayType: 'O',
      NotificationURL: notificationUrl,
      SuccessURL: returnUrl,
      FailURL: returnUrl,
      Receipt: {
        Email: 'ivanova@example.test',
        Taxation: 'usn_income',
        Items: [
          {
            Name: DESCRIPTION,
            Price: 512_345,
            Quantity: 1,
            Amount: 512_345,
            Tax: 'none',
            PaymentMethod: 'full_payment',
            PaymentObject: 'service',
          },
        ],
      },
      Token: token,
    });
    expect(init?.answer).toMatchObject({ Success: true, Status: 'NEW' });

    const [payment] = [...bank.payments.values()];
    expect(created).toEqual({
      gatewayPaymentId: payment!.paymentId,
      redirectUrl: payment!.paymentUrl,
      state: 'pending',
    });
    expect(payment).toMatchObject({ orderId: PAYMENT_ID, amount: 512_345, status: 'NEW' });
  });

  it.each([1, 123_456_789])(
    'sends %i kopecks as they are, in the payment and in the receipt',
    async (amount) => {
      const created = await gateway().create(paymentRequest({ amount }));

      const body = apiCalls('Init')[0]!.body!;
      expect(body.Amount).toBe(amount);
      expect(body.Receipt).toMatchObject({ Items: [{ Price: amount, Quantity: 1, Amount: amount }] });
      expect(bank.payments.get(created.gatewayPaymentId)?.amount).toBe(amount);
      expect((await gateway().get(created.gatewayPaymentId)).amount).toBe(amount);
    },
  );

  it('maps the VAT setting to Tax and passes the organization tax system', async () => {
    for (const [index, vat] of (['none', 'vat0', 'vat10', 'vat20'] as const).entries()) {
      const paymentId = `order-${index}`;
      await gateway({ taxation: 'osn' }).create(
        paymentRequest({
          paymentId,
          items: [{ description: DESCRIPTION, amount: 512_345, quantity: 1, vat, paymentSubject: 'service' }],
        }),
      );
    }
    expect(apiCalls('Init').map((call) => call.body?.Receipt)).toMatchObject(
      ['none', 'vat0', 'vat10', 'vat20'].map((tax) => ({ Taxation: 'osn', Items: [{ Tax: tax }] })),
    );
  });

  it('cuts Description to 140 and the item name to 128 characters, which the bank would refuse', async () => {
    const long = `Оплата ЖКУ по л/с 0001000000 за 10.2026, ${'Очень длинный адрес дома, '.repeat(10)}`;
    await gateway().create(
      paymentRequest({
        description: long,
        items: [{ description: long, amount: 512_345, quantity: 1, vat: 'none', paymentSubject: 'service' }],
      }),
    );
    const body = apiCalls('Init')[0]!.body!;
    expect(body.Description).toBe(long.slice(0, 140));
    expect(body.Receipt).toMatchObject({ Items: [{ Name: long.slice(0, 128) }] });
    expect(bank.payments.size).toBe(1);
  });

  it('refuses, before calling the bank, a receipt that does not add up to the amount', async () => {
    await expect(
      gateway().create(
        paymentRequest({
          items: [
            { description: DESCRIPTION, amount: 100, quantity: 1, vat: 'none', paymentSubject: 'service' },
          ],
        }),
      ),
    ).rejects.toThrow(/add up to 100 kopecks, the payment is 512345/);
    expect(bank.requests).toHaveLength(0);
  });

  it('retries an HTTP 500 and ends with one payment at the bank', async () => {
    bank.failNext(1);
    const created = await gateway().create(paymentRequest());

    const calls = apiCalls('Init');
    expect(calls.map((call) => call.httpStatus)).toEqual([500, 200]);
    expect(calls[1]!.rawBody).toBe(calls[0]!.rawBody);
    expect(bank.payments.size).toBe(1);
    expect(created.gatewayPaymentId).toBe([...bank.payments.keys()][0]);
    expect(logLines).toEqual([expect.stringMatching(/Init attempt 1 failed: HTTP 500; retrying/)]);
  });

  it('gets the same payment back when the bank did the work but the answer was a 500', async () => {
    bank.failNext(1, { afterProcessing: true });
    const created = await gateway().create(paymentRequest());

    expect(apiCalls('Init').map((call) => call.httpStatus)).toEqual([500, 200]);
    expect([...bank.payments.keys()]).toEqual([created.gatewayPaymentId]);
  });

  it('retries a network error and a timeout', async () => {
    let calls = 0;
    const flakyFetch: typeof fetch = (input, init) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
    };
    bank.delayNext(1, 400);
    const created = await gateway({ fetch: flakyFetch, timeoutMs: 150 }).create(paymentRequest());

    // 1: network error (never reached the bank); 2: reached it, no answer in time; 3: answered.
    expect(calls).toBe(3);
    expect(logLines[0]).toMatch(/attempt 1 failed: network error: fetch failed/);
    expect(logLines[1]).toMatch(/attempt 2 failed: no answer within 150 ms/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The slow request was processed late and found the order already there.
    expect([...bank.payments.keys()]).toEqual([created.gatewayPaymentId]);
  });

  it('gives up after the configured attempts', async () => {
    bank.failNext(10);
    await expect(gateway({ retry: { attempts: 4, delayMs: 1 } }).create(paymentRequest())).rejects.toThrow(
      'T-Bank Init failed after 4 attempts: HTTP 500',
    );
    expect(apiCalls('Init')).toHaveLength(4);
    expect(bank.payments.size).toBe(0);
  });

  it('does not retry a refusal and says what the bank said, without the password', async () => {
    const refused = gateway({ password: 'not-the-terminal-password' }).create(paymentRequest());

    await expect(refused).rejects.toBeInstanceOf(TbankRefusal);
    const error = (await refused.catch((caught: unknown) => caught)) as TbankRefusal;
    expect(error.code).toBe('204');
    expect(error.message).toBe(
      'T-Bank Init refused: ErrorCode 204 Неверные параметры. (Неверный токен. Проверьте пару TerminalKey/SecretKey.)',
    );
    expect(error.message).not.toContain('not-the-terminal-password');
    expect(apiCalls('Init')).toHaveLength(1);
    expect(bank.payments.size).toBe(0);
    expect(logLines.join('\n')).not.toContain('not-the-terminal-password');
  });

  it('is refused for a terminal the bank does not know', async () => {
    await expect(gateway({ terminalKey: 'SomeoneElse' }).create(paymentRequest())).rejects.toThrow(
      /ErrorCode 205 .*Указанный терминал не найден/,
    );
  });

  it('keeps a retried order on one payment while unpaid and refuses it once paid', async () => {
    const first = await gateway().create(paymentRequest());
    const again = await gateway().create(paymentRequest());
    expect(again.gatewayPaymentId).toBe(first.gatewayPaymentId);

    bank.setStatus(first.gatewayPaymentId, 'CONFIRMED');
    await expect(gateway().create(paymentRequest())).rejects.toThrow(/ErrorCode 8 /);
    expect(bank.payments.size).toBe(1);
  });
});

describe('T-Bank gateway: GetState', () => {
  const table: [TbankStatus, 'pending' | 'succeeded' | 'canceled'][] = [
    ['NEW', 'pending'],
    ['FORM_SHOWED', 'pending'],
    ['AUTHORIZING', 'pending'],
    ['3DS_CHECKING', 'pending'],
    ['3DS_CHECKED', 'pending'],
    ['AUTHORIZED', 'pending'],
    ['CONFIRMING', 'pending'],
    ['CONFIRM_CHECKING', 'pending'],
    ['CONFIRMED', 'succeeded'],
    ['REFUNDING', 'succeeded'],
    ['PARTIAL_REFUNDED', 'succeeded'],
    ['REFUNDED', 'succeeded'],
    ['REJECTED', 'canceled'],
    ['CANCELED', 'canceled'],
    ['DEADLINE_EXPIRED', 'canceled'],
    ['ATTEMPTS_EXPIRED', 'canceled'],
    ['AUTH_FAIL', 'canceled'],
    ['REVERSED', 'canceled'],
  ];

  it.each(table)('reads %s as %s, with the amount the bank reports', async (status, state) => {
    const { gatewayPaymentId } = await gateway().create(paymentRequest({ amount: 70_001 }));
    bank.setStatus(gatewayPaymentId, status);

    expect(await gateway().get(gatewayPaymentId)).toEqual({
      gatewayPaymentId,
      state,
      amount: 70_001,
      paidAt: null,
      // GetState names no refunded sum: REFUNDED is all of it, PARTIAL_REFUNDED some (1 kopeck).
      refundedAmount: status === 'REFUNDED' ? 70_001 : status === 'PARTIAL_REFUNDED' ? 1 : 0,
    });
    const body = apiCalls('GetState')[0]!.body!;
    // Sorted keys: Password, PaymentId, TerminalKey.
    expect(body).toStrictEqual({
      TerminalKey: TERMINAL_KEY,
      PaymentId: gatewayPaymentId,
      Token: sha256(`${PASSWORD}${gatewayPaymentId}${TERMINAL_KEY}`),
    });
  });

  it('throws the refusal for a payment the bank does not have', async () => {
    await expect(gateway().get('999')).rejects.toThrow(/T-Bank GetState refused: ErrorCode 255/);
    expect(apiCalls('GetState')).toHaveLength(1);
  });
});

describe('T-Bank gateway: refunds through Cancel', () => {
  it('refunds a confirmed payment once, however often the same refund is asked for', async () => {
    const { gatewayPaymentId } = await gateway().create(paymentRequest());
    bank.setStatus(gatewayPaymentId, 'CONFIRMED');

    expect(await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-1')).toBe('succeeded');
    bank.failNext(1, { afterProcessing: true });
    expect(await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-1')).toBe('succeeded');

    expect(bank.payments.get(gatewayPaymentId)).toMatchObject({ status: 'REFUNDED', refunded: 512_345 });
    const cancel = apiCalls('Cancel')[0]!;
    // Sorted keys: Amount, ExternalRequestId, Password, PaymentId, TerminalKey.
    expect(cancel.body).toStrictEqual({
      TerminalKey: TERMINAL_KEY,
      PaymentId: gatewayPaymentId,
      Amount: 512_345,
      ExternalRequestId: 'refund-key-1',
      Token: sha256(`512345refund-key-1${PASSWORD}${gatewayPaymentId}${TERMINAL_KEY}`),
    });
    expect(apiCalls('Cancel').map((call) => call.httpStatus)).toEqual([200, 500, 200]);
    expect((await gateway().get(gatewayPaymentId)).state).toBe('succeeded');
  });

  it('says an asynchronous refund is pending, and the same ExternalRequestId later tells it is done', async () => {
    await bank.close();
    bank = await startTbankTestServer({ terminalKey: TERMINAL_KEY, password: PASSWORD, asyncRefunds: true });
    const { gatewayPaymentId } = await gateway().create(paymentRequest());
    bank.setStatus(gatewayPaymentId, 'CONFIRMED');

    expect(await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-async')).toBe('pending');
    expect(await gateway().get(gatewayPaymentId)).toMatchObject({ state: 'succeeded', refundedAmount: 0 });
    bank.setStatus(gatewayPaymentId, 'REFUNDING');
    expect(await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-async')).toBe('pending');
    bank.setStatus(gatewayPaymentId, 'REFUNDED');
    expect(await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-async')).toBe('succeeded');
    expect(bank.payments.get(gatewayPaymentId)).toMatchObject({ refunded: 512_345 });
  });

  it('throws for an accepted Cancel whose status says neither refunded nor refunding', async () => {
    const { gatewayPaymentId } = await gateway().create(paymentRequest());
    bank.setStatus(gatewayPaymentId, 'CONFIRMED');
    await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-odd');
    // The repeat answers the payment's state, here one no refund leads to.
    bank.setStatus(gatewayPaymentId, 'CONFIRMED');
    await expect(gateway().refund(gatewayPaymentId, 512_345, 'refund-key-odd')).rejects.toThrow(
      /answered status CONFIRMED/,
    );
  });

  it('throws when the bank refuses the Cancel', async () => {
    const { gatewayPaymentId } = await gateway().create(paymentRequest());
    bank.setStatus(gatewayPaymentId, 'REJECTED');

    await expect(gateway().refund(gatewayPaymentId, 512_345, 'refund-key-2')).rejects.toThrow(
      /T-Bank Cancel refused: ErrorCode 4 /,
    );
    expect(apiCalls('Cancel')).toHaveLength(1);
    await expect(gateway().refund('999', 1, 'refund-key-3')).rejects.toBeInstanceOf(TbankRefusal);
  });
});

/** Abonent's webhook as T-Bank sees it: each body goes through verifyNotification. */
async function startWebhook(verifier: PaymentGateway) {
  const events: (GatewayEvent | null)[] = [];
  const server: Server = createServer((request, response) => {
    let rawBody = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      rawBody += chunk;
    });
    request.on('end', async () => {
      const event = await verifier.verifyNotification({
        headers: request.headers,
        rawBody,
        ip: request.socket.remoteAddress ?? '',
      });
      events.push(event);
      const answer = verifier.notificationAnswer;
      if (event) response.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      else response.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/payment-notifications/tbank`;
  return { url, events, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('T-Bank gateway: notifications', () => {
  async function paidPayment(status: TbankStatus = 'CONFIRMED') {
    const { gatewayPaymentId } = await gateway().create(paymentRequest());
    bank.setStatus(gatewayPaymentId, status);
    return gatewayPaymentId;
  }

  const verify = (body: unknown) =>
    gateway().verifyNotification({
      headers: { 'content-type': 'application/json' },
      rawBody: typeof body === 'string' ? body : JSON.stringify(body),
      ip: '91.194.226.1',
    });

  it('turns a correctly signed notification into an event and answers OK', async () => {
    const gatewayPaymentId = await paidPayment();
    const webhook = await startWebhook(gateway());
    try {
      const delivered = await bank.notify(gatewayPaymentId, webhook.url);
      expect(delivered).toEqual({ status: 200, body: 'OK' });
      expect(webhook.events).toEqual([{ gatewayPaymentId, state: 'succeeded', amount: 512_345 }]);
    } finally {
      await webhook.close();
    }
    expect(gateway().notificationAnswer).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });
  });

  it.each([
    ['CONFIRMED', 'succeeded'],
    ['AUTHORIZED', 'pending'],
    ['REJECTED', 'canceled'],
    ['AUTH_FAIL', 'canceled'],
    ['DEADLINE_EXPIRED', 'canceled'],
    ['CANCELED', 'canceled'],
    ['REVERSED', 'canceled'],
    ['REFUNDED', 'refunded'],
  ] as const)('reads a signed %s notification as %s', async (status, state) => {
    const gatewayPaymentId = await paidPayment(status);
    const notification = bank.notification(gatewayPaymentId);
    // Declines come with Success:false, which is signed as "false".
    expect(notification.Success).toBe(
      status !== 'REJECTED' && status !== 'AUTH_FAIL' && status !== 'DEADLINE_EXPIRED',
    );
    expect(await verify(notification)).toEqual({ gatewayPaymentId, state, amount: 512_345 });
  });

  it('reports the refunded amount of a refund notification', async () => {
    const gatewayPaymentId = await paidPayment();
    await gateway().refund(gatewayPaymentId, 512_345, 'refund-key-4');
    expect(await verify(bank.notification(gatewayPaymentId))).toEqual({
      gatewayPaymentId,
      state: 'refunded',
      amount: 512_345,
    });
  });

  it('refuses a notification changed after it was signed', async () => {
    const gatewayPaymentId = await paidPayment('REJECTED');
    const signed = bank.notification(gatewayPaymentId);
    expect(await verify(signed)).not.toBeNull();

    expect(await verify({ ...signed, Status: 'CONFIRMED' })).toBeNull();
    expect(await verify({ ...signed, Amount: 1 })).toBeNull();
    expect(await verify({ ...signed, Success: true })).toBeNull();
    expect(await verify({ ...signed, PaymentId: Number(gatewayPaymentId) + 1 })).toBeNull();
  });

  it('refuses a notification of another terminal, even one whose token verifies with our password', async () => {
    const gatewayPaymentId = await paidPayment();
    const other = bank.notification(gatewayPaymentId, { TerminalKey: 'OtherTerminal' });
    expect(await verify(other)).toBeNull();
    expect(logLines).toEqual([expect.stringContaining('another terminal')]);
  });

  it('refuses a notification without a token or signed with another password', async () => {
    const gatewayPaymentId = await paidPayment();
    const { Token: _token, ...unsigned } = bank.notification(gatewayPaymentId);
    expect(await verify(unsigned)).toBeNull();
    const otherBank = gateway({ password: 'another-password' });
    expect(
      await otherBank.verifyNotification({
        headers: {},
        rawBody: JSON.stringify(bank.notification(gatewayPaymentId)),
        ip: '127.0.0.1',
      }),
    ).toBeNull();
  });

  it.each([
    ['garbage', 'not json at all'],
    ['an empty body', ''],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"CONFIRMED"'],
    ['null', 'null'],
  ])('refuses %s', async (_what, rawBody) => {
    expect(await verify(rawBody)).toBeNull();
    expect(logLines).toHaveLength(1);
  });

  it('refuses a signed notification that lacks what an event needs', async () => {
    const gatewayPaymentId = await paidPayment();
    expect(await verify(bank.notification(gatewayPaymentId, { Amount: '512345.00' }))).toBeNull();
    expect(await verify(bank.notification(gatewayPaymentId, { Status: '' }))).toBeNull();
  });

  it('logs each refusal in one line without the body or the token', async () => {
    const gatewayPaymentId = await paidPayment();
    const signed = bank.notification(gatewayPaymentId);
    const forged = { ...signed, Amount: 1 };
    const rawBody = JSON.stringify(forged);
    logLines = [];

    expect(await verify(rawBody)).toBeNull();
    expect(await verify({ ...signed, Token: undefined })).toBeNull();

    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toBe(
      `T-Bank: notification refused from 91.194.226.1: a token that does not verify (${rawBody.length} bytes)`,
    );
    expect(logLines[1]).toMatch(/: no token \(/);
    for (const line of logLines) {
      expect(line).not.toContain(String(signed.Token));
      expect(line).not.toContain('430000');
      expect(line).not.toContain(gatewayPaymentId);
      expect(line).not.toContain(PASSWORD);
      expect(line.split('\n')).toHaveLength(1);
    }
  });
});
