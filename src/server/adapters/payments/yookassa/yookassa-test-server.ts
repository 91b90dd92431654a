// A local YooKassa API v3 for tests (node:http, no network): Basic auth, Idempotence-Key on every POST
// (the same key and body answer the same object, the same key with another body is refused), payments
// with a 54-ФЗ receipt whose lines must add up to the amount, refunds of succeeded payments only, error
// bodies {type:"error", id, code, description, parameter} and a hosted "checkout" page. Knobs let a
// test settle a payment, fail or delay the next requests, and build the notifications YooKassa posts.
// It shares no code with the adapter on purpose: it checks the adapter, not itself.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type YookassaPaymentStatus = 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
export type YookassaRefundStatus = 'pending' | 'succeeded' | 'canceled';

export interface YookassaAmount {
  value: string;
  currency: string;
}

export interface YookassaPaymentObject {
  id: string;
  status: YookassaPaymentStatus;
  paid: boolean;
  amount: YookassaAmount;
  income_amount?: YookassaAmount;
  refunded_amount?: YookassaAmount;
  description?: string;
  recipient: { account_id: string; gateway_id: string };
  created_at: string;
  captured_at?: string;
  confirmation?: { type: 'redirect'; return_url: string; confirmation_url: string };
  test: boolean;
  refundable: boolean;
  receipt_registration?: 'pending' | 'succeeded';
  cancellation_details?: { party: string; reason: string };
  metadata: Record<string, string>;
}

export interface YookassaRefundObject {
  id: string;
  payment_id: string;
  status: YookassaRefundStatus;
  created_at: string;
  amount: YookassaAmount;
}

export interface YookassaTestRequest {
  method: string;
  /** Path and query as requested, e.g. /v3/payments */
  path: string;
  headers: IncomingHttpHeaders;
  idempotenceKey: string | null;
  /** Parsed JSON when it parsed, else the raw text ('' for none). */
  body: unknown;
  /** The HTTP status answered (0 while the request is still being delayed). */
  status: number;
}

export interface YookassaTestServerOptions {
  shopId: string;
  secretKey: string;
  /** The shop works under 54-ФЗ, so a payment without a receipt is refused. Default true. */
  requireReceipt?: boolean;
  /** The status a new refund gets. Default 'succeeded' (cards refund at once). */
  refundStatus?: YookassaRefundStatus;
}

export interface YookassaTestServer {
  /** The API base (…/v3): the gateway's apiUrl. */
  url: string;
  /** Where the "hosted page" lives. */
  origin: string;
  payments: Map<string, YookassaPaymentObject>;
  refunds: Map<string, YookassaRefundObject>;
  requests: YookassaTestRequest[];
  /** Moves a payment as the person or the bank would (paid, canceled, …). */
  setStatus(paymentId: string, status: YookassaPaymentStatus): YookassaPaymentObject;
  setRefundStatus(refundId: string, status: YookassaRefundStatus): YookassaRefundObject;
  /** The status refunds made from now on get (the option `refundStatus`, changed mid-test). */
  setNewRefundStatus(status: YookassaRefundStatus): void;
  /**
   * The next `count` API requests answer 5xx. With `afterProcessing` the request is carried out
   * first (a payment is created), as when YooKassa's answer is lost: "the result is unknown".
   */
  failNext(count: number, options?: { status?: 500 | 502 | 503 | 504; afterProcessing?: boolean }): void;
  /** The next `count` API requests are answered only after `ms` (then carried out regardless). */
  delayNext(count: number, ms: number): void;
  /** The body YooKassa would POST to the shop's notification URL for this object as it is now. */
  notification(
    event: 'payment.succeeded' | 'payment.canceled' | 'payment.waiting_for_capture' | 'refund.succeeded',
    objectId: string,
  ): string;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
    readonly parameter?: string,
  ) {
    super(description);
  }
}

const invalid = (description: string, parameter?: string) =>
  new Refusal(400, 'invalid_request', description, parameter);

/** "1234.5" → 123450n kopecks; null when it is not a money amount. */
function kopecksOf(value: unknown): bigint | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

function amountText(kopecks: bigint): string {
  const digits = kopecks.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function moneyOf(value: unknown, parameter: string): bigint {
  const amount = value as Partial<YookassaAmount> | undefined;
  const kopecks = kopecksOf(amount?.value);
  if (typeof amount !== 'object' || amount === null || kopecks === null || kopecks <= 0n)
    throw invalid(`Invalid ${parameter} value`, `${parameter}.value`);
  if (amount.currency !== 'RUB') throw invalid(`Invalid ${parameter} currency`, `${parameter}.currency`);
  return kopecks;
}

/** "1.00" or 1 → thousandths. */
function quantityOf(value: unknown): bigint | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return null;
  const match = /^(\d{1,6})(?:\.(\d{1,3}))?$/.exec(text);
  if (!match) return null;
  const thousandths = BigInt(match[1]!) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
  return thousandths > 0n ? thousandths : null;
}

// Documented values (yookassa.ru/developers/payment-acceptance/receipts/54fz/parameters-values).
const PAYMENT_SUBJECTS = new Set([
  'commodity',
  'excise',
  'job',
  'service',
  'payment',
  'casino',
  'gambling_bet',
  'gambling_prize',
  'lottery',
  'lottery_prize',
  'intellectual_activity',
  'agent_commission',
  'property_right',
  'non_operating_gain',
  'insurance_premium',
  'sales_tax',
  'resort_fee',
  'composite',
  'another',
]);
const PAYMENT_MODES = new Set([
  'full_prepayment',
  'partial_prepayment',
  'advance',
  'full_payment',
  'partial_payment',
  'credit',
  'credit_payment',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkReceipt(receipt: unknown, amount: bigint): void {
  if (!isRecord(receipt)) throw invalid('Receipt is missing or illegal', 'receipt');
  const customer = receipt.customer;
  if (!isRecord(customer) || (typeof customer.email !== 'string' && typeof customer.phone !== 'string'))
    throw invalid('Receipt customer email or phone is required', 'receipt.customer');
  if (typeof customer.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(customer.email))
    throw invalid('Invalid receipt customer email', 'receipt.customer.email');
  const items = receipt.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 100)
    throw invalid('Receipt items are missing or illegal', 'receipt.items');
  let total = 0n;
  items.forEach((item: unknown, index) => {
    const at = `receipt.items[${index}]`;
    if (!isRecord(item)) throw invalid('Receipt item is illegal', at);
    if (
      typeof item.description !== 'string' ||
      item.description.length === 0 ||
      item.description.length > 128
    )
      throw invalid('Receipt item description must be 1 to 128 characters', `${at}.description`);
    const quantity = quantityOf(item.quantity);
    if (quantity === null) throw invalid('Invalid receipt item quantity', `${at}.quantity`);
    const price = moneyOf(item.amount, `${at}.amount`);
    if (!Number.isInteger(item.vat_code) || (item.vat_code as number) < 1 || (item.vat_code as number) > 10)
      throw invalid('Invalid receipt item vat_code', `${at}.vat_code`);
    if (typeof item.payment_subject !== 'string' || !PAYMENT_SUBJECTS.has(item.payment_subject))
      throw invalid('Invalid receipt item payment_subject', `${at}.payment_subject`);
    if (typeof item.payment_mode !== 'string' || !PAYMENT_MODES.has(item.payment_mode))
      throw invalid('Invalid receipt item payment_mode', `${at}.payment_mode`);
    total += price * quantity;
  });
  if (total !== amount * 1000n)
    throw invalid("Sum of the receipt items doesn't match the payment amount", 'receipt.items');
}

function yookassaId(kind: 'payment' | 'refund'): string {
  const uuid = randomUUID();
  return `${uuid.slice(0, 8)}-${kind === 'payment' ? '000f' : '0015'}-5000-8000-${uuid.slice(24)}`;
}

export async function startYookassaTestServer(
  options: YookassaTestServerOptions,
): Promise<YookassaTestServer> {
  const expectedAuthorization = `Basic ${Buffer.from(`${options.shopId}:${options.secretKey}`).toString('base64')}`;
  const requireReceipt = options.requireReceipt ?? true;
  const payments = new Map<string, YookassaPaymentObject>();
  const refunds = new Map<string, YookassaRefundObject>();
  const requests: YookassaTestRequest[] = [];
  const idempotence = new Map<string, { method: string; path: string; body: string; answer: Answer }>();
  const failures: { status: number; afterProcessing: boolean }[] = [];
  const delays: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';
  let newRefundStatus = options.refundStatus ?? 'succeeded';

  function refundedOf(payment: YookassaPaymentObject): bigint {
    return kopecksOf(payment.refunded_amount?.value) ?? 0n;
  }

  function createPayment(body: Record<string, unknown>): YookassaPaymentObject {
    const amount = moneyOf(body.amount, 'amount');
    const confirmation = body.confirmation;
    if (
      !isRecord(confirmation) ||
      confirmation.type !== 'redirect' ||
      typeof confirmation.return_url !== 'string'
    )
      throw invalid('Confirmation of type redirect with return_url is required here', 'confirmation');
    if (body.capture !== undefined && typeof body.capture !== 'boolean')
      throw invalid('Invalid capture', 'capture');
    if (
      body.description !== undefined &&
      (typeof body.description !== 'string' || body.description.length > 128)
    )
      throw invalid('Description is longer than 128 characters', 'description');
    const metadata = body.metadata ?? {};
    if (
      !isRecord(metadata) ||
      Object.keys(metadata).length > 16 ||
      Object.entries(metadata).some(
        ([key, value]) => key.length > 32 || typeof value !== 'string' || value.length > 512,
      )
    )
      throw invalid('Invalid metadata', 'metadata');
    if (body.receipt !== undefined || requireReceipt) checkReceipt(body.receipt, amount);
    const id = yookassaId('payment');
    const payment: YookassaPaymentObject = {
      id,
      status: 'pending',
      paid: false,
      amount: { value: amountText(amount), currency: 'RUB' },
      ...(body.description === undefined ? {} : { description: body.description as string }),
      recipient: { account_id: options.shopId, gateway_id: '2000001' },
      created_at: new Date().toISOString(),
      confirmation: {
        type: 'redirect',
        return_url: confirmation.return_url,
        confirmation_url: `${origin}/checkout/payments/v2/contract?orderId=${id}`,
      },
      test: true,
      refundable: false,
      ...(body.receipt === undefined ? {} : { receipt_registration: 'pending' as const }),
      metadata: metadata as Record<string, string>,
    };
    payments.set(id, payment);
    return payment;
  }

  function createRefund(body: Record<string, unknown>): YookassaRefundObject {
    if (typeof body.payment_id !== 'string') throw invalid('payment_id is required', 'payment_id');
    const payment = payments.get(body.payment_id);
    if (!payment) throw new Refusal(404, 'not_found', "Payment doesn't exist or access denied", 'payment_id');
    if (payment.status !== 'succeeded')
      throw invalid(
        `Payment is in ${payment.status} status; only succeeded payments can be refunded`,
        'payment_id',
      );
    const amount = moneyOf(body.amount, 'amount');
    const pendingRefunds = [...refunds.values()]
      .filter((refund) => refund.payment_id === payment.id && refund.status === 'pending')
      .reduce((sum, refund) => sum + kopecksOf(refund.amount.value)!, 0n);
    if (amount > kopecksOf(payment.amount.value)! - refundedOf(payment) - pendingRefunds)
      throw invalid('Refund amount exceeds the amount left to refund', 'amount');
    const refund: YookassaRefundObject = {
      id: yookassaId('refund'),
      payment_id: payment.id,
      status: 'pending',
      created_at: new Date().toISOString(),
      amount: { value: amountText(amount), currency: 'RUB' },
    };
    refunds.set(refund.id, refund);
    moveRefund(refund, newRefundStatus);
    return refund;
  }

  function moveRefund(refund: YookassaRefundObject, status: YookassaRefundStatus): void {
    if (refund.status === status) return;
    if (refund.status !== 'pending') throw new Error(`refund ${refund.id} is already ${refund.status}`);
    refund.status = status;
    if (status !== 'succeeded') return;
    const payment = payments.get(refund.payment_id)!;
    const refunded = refundedOf(payment) + kopecksOf(refund.amount.value)!;
    payment.refunded_amount = { value: amountText(refunded), currency: 'RUB' };
    payment.refundable = refunded < kopecksOf(payment.amount.value)!;
  }

  function route(method: string, path: string, body: unknown): Answer {
    const [, kind, id, ...rest] = path.split('?')[0]!.replace(/^\/v3/, '').split('/');
    if (rest.length > 0) throw new Refusal(404, 'not_found', 'Resource not found');
    if (method === 'POST' && id === undefined && (kind === 'payments' || kind === 'refunds')) {
      if (!isRecord(body)) throw invalid('Request body must be a JSON object');
      return { status: 200, body: kind === 'payments' ? createPayment(body) : createRefund(body) };
    }
    if (method === 'GET' && id !== undefined && (kind === 'payments' || kind === 'refunds')) {
      const found = kind === 'payments' ? payments.get(id) : refunds.get(id);
      if (!found)
        throw new Refusal(404, 'not_found', `${kind === 'payments' ? 'Payment' : 'Refund'} not found`);
      return { status: 200, body: found };
    }
    if (kind === 'payments' || kind === 'refunds')
      throw new Refusal(405, 'invalid_request', 'Method not allowed');
    throw new Refusal(404, 'not_found', 'Resource not found');
  }

  function errorBody(status: number, code: string, description: string, parameter?: string) {
    return {
      status,
      body: { type: 'error', id: randomUUID(), code, description, ...(parameter ? { parameter } : {}) },
    };
  }

  function answerApi(method: string, path: string, headers: IncomingHttpHeaders, raw: string): Answer {
    if (headers.authorization !== expectedAuthorization)
      return errorBody(
        401,
        'invalid_credentials',
        'Login fails: wrong shopId or secret key, or the key was revoked',
        'Authorization',
      );
    let body: unknown;
    if (method === 'POST') {
      if (!String(headers['content-type'] ?? '').startsWith('application/json'))
        return errorBody(415, 'invalid_request', 'Content-Type must be application/json');
      const key = headers['idempotence-key'];
      if (typeof key !== 'string' || key.length === 0)
        return errorBody(400, 'invalid_request', 'Idempotence key is missing', 'Idempotence-Key');
      if (key.length > 64)
        return errorBody(
          400,
          'invalid_request',
          'Idempotence key is longer than 64 characters',
          'Idempotence-Key',
        );
      try {
        body = JSON.parse(raw);
      } catch {
        return errorBody(400, 'invalid_request', 'Request body is not valid JSON');
      }
      const canonical = JSON.stringify(body);
      const earlier = idempotence.get(key);
      if (earlier) {
        if (earlier.method === method && earlier.path === path && earlier.body === canonical)
          return earlier.answer;
        return errorBody(
          400,
          'invalid_request',
          'Idempotence key duplicated: it was used with another request',
          'Idempotence-Key',
        );
      }
      const answer = carryOut(method, path, body);
      // Only a carried-out request is remembered: a refused one may be corrected and sent again.
      if (answer.status === 200) idempotence.set(key, { method, path, body: canonical, answer });
      return answer;
    }
    return carryOut(method, path, body);
  }

  function carryOut(method: string, path: string, body: unknown): Answer {
    try {
      const answer = route(method, path, body);
      // A snapshot: a replay answers the object as it was, as YooKassa does.
      return { status: answer.status, body: structuredClone(answer.body) };
    } catch (error) {
      if (error instanceof Refusal)
        return errorBody(error.status, error.code, error.message, error.parameter);
      throw error;
    }
  }

  function send(response: ServerResponse, answer: Answer): void {
    if (response.destroyed) return;
    response.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8' });
    response.end(JSON.stringify(answer.body));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';

    if (path.startsWith('/checkout/')) {
      const id = new URL(path, origin).searchParams.get('orderId') ?? '';
      const payment = payments.get(id);
      response.writeHead(payment ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><title>ЮKassa (test)</title><p>${payment ? payment.status : 'unknown payment'}</p>`,
      );
      return;
    }

    const key = request.headers['idempotence-key'];
    let body: unknown = raw;
    try {
      body = raw === '' ? '' : JSON.parse(raw);
    } catch {
      // Logged as received.
    }
    const logged: YookassaTestRequest = {
      method,
      path,
      headers: request.headers,
      idempotenceKey: typeof key === 'string' ? key : null,
      body,
      status: 0,
    };
    requests.push(logged);

    const delay = delays.shift();
    if (delay !== undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delay);
        timers.add(timer);
      });
    }

    const failure = failures.shift();
    let answer: Answer;
    if (failure && !failure.afterProcessing) {
      answer = errorBody(failure.status, 'internal_server_error', 'Internal server error');
    } else {
      answer = answerApi(method, path, request.headers, raw);
      if (failure) answer = errorBody(failure.status, 'internal_server_error', 'Internal server error');
    }
    logged.status = answer.status;
    send(response, answer);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, errorBody(500, 'internal_server_error', `test server: ${(error as Error).message}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/v3`,
    origin,
    payments,
    refunds,
    requests,

    setStatus(paymentId, status) {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`test YooKassa: no payment ${paymentId}`);
      payment.status = status;
      payment.paid = status === 'succeeded' || status === 'waiting_for_capture';
      if (status === 'succeeded') {
        payment.captured_at = new Date().toISOString();
        payment.refundable = true;
        payment.income_amount = { ...payment.amount };
        if (payment.receipt_registration) payment.receipt_registration = 'succeeded';
      }
      if (status === 'canceled')
        payment.cancellation_details = { party: 'yoo_money', reason: 'expired_on_confirmation' };
      return payment;
    },

    setRefundStatus(refundId, status) {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`test YooKassa: no refund ${refundId}`);
      moveRefund(refund, status);
      return refund;
    },

    setNewRefundStatus(status) {
      newRefundStatus = status;
    },

    failNext(count, failOptions = {}) {
      for (let index = 0; index < count; index += 1)
        failures.push({
          status: failOptions.status ?? 500,
          afterProcessing: failOptions.afterProcessing ?? false,
        });
    },

    delayNext(count, ms) {
      for (let index = 0; index < count; index += 1) delays.push(ms);
    },

    notification(event, objectId) {
      const object = event.startsWith('refund.') ? refunds.get(objectId) : payments.get(objectId);
      if (!object) throw new Error(`test YooKassa: no object ${objectId}`);
      return JSON.stringify({ type: 'notification', event, object });
    },

    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
