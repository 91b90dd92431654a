// A local stand-in for T-Bank Acquiring API v2, for tests only: Init, GetState and Cancel over real
// HTTP with the documented rules (every request signed with the terminal's Token, Success:false
// with ErrorCode/Message/Details, Init idempotent on OrderId while unpaid, the receipt checked
// against the amount), knobs for HTTP 500s and slow answers, and correctly signed notifications.
// The person's side (card form, 3-D Secure) is not imitated: tests move a payment with setStatus.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tbankToken, verifyTbankToken } from './tbank-token.ts';

export type TbankStatus =
  | 'NEW'
  | 'FORM_SHOWED'
  | 'AUTHORIZING'
  | '3DS_CHECKING'
  | '3DS_CHECKED'
  | 'AUTHORIZED'
  | 'CONFIRMING'
  | 'CONFIRM_CHECKING'
  | 'CONFIRMED'
  | 'REVERSING'
  | 'PARTIAL_REVERSED'
  | 'REVERSED'
  | 'REFUNDING'
  | 'ASYNC_REFUNDING'
  | 'PARTIAL_REFUNDED'
  | 'REFUNDED'
  | 'CANCELED'
  | 'DEADLINE_EXPIRED'
  | 'ATTEMPTS_EXPIRED'
  | 'REJECTED'
  | 'AUTH_FAIL';

export interface TbankTestPayment {
  paymentId: string;
  orderId: string;
  /** Kopecks, as in Init. */
  amount: number;
  /** Kopecks refunded so far. */
  refunded: number;
  /** Kopecks of the last Cancel (what a refund notification reports). */
  lastRefund: number;
  status: TbankStatus;
  description: string | undefined;
  notificationUrl: string | undefined;
  successUrl: string | undefined;
  failUrl: string | undefined;
  receipt: unknown;
  paymentUrl: string;
  /** ExternalRequestId of each Cancel already done. */
  cancelRequests: Set<string>;
}

export interface TbankLoggedRequest {
  /** 'Init', 'GetState', 'Cancel', or whatever else was asked for. */
  method: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed body, or null when it was not a JSON object. */
  body: Record<string, unknown> | null;
  /** What the server answered: 200 with `answer`, or 500 from `failNext`. */
  httpStatus: number;
  answer: Record<string, unknown> | null;
}

export interface TbankTestServerOptions {
  terminalKey: string;
  password: string;
  /** A 54-ФЗ terminal refuses Init without Receipt (ErrorCode 309). Default true. */
  receiptRequired?: boolean;
  /**
   * A Cancel of a confirmed payment answers ASYNC_REFUNDING, and the money goes back only when a
   * test sets the payment REFUNDED (as the bank does later, then notifying). Default false.
   */
  asyncRefunds?: boolean;
}

export interface TbankTestServer {
  /** The API base, to pass as the gateway's apiUrl: http://127.0.0.1:port/v2 */
  url: string;
  /** By PaymentId. */
  payments: ReadonlyMap<string, TbankTestPayment>;
  requests: TbankLoggedRequest[];
  /** Moves a payment as the person's actions at the bank would (CONFIRMED = paid; REFUNDED = in full). */
  setStatus(paymentId: string, status: TbankStatus): void;
  /**
   * The next `count` API requests answer HTTP 500. With afterProcessing the request takes effect
   * first and only the answer is lost, as when a proxy fails after the bank did the work.
   */
  failNext(count: number, options?: { afterProcessing?: boolean }): void;
  /** The next `count` API requests wait `ms` before they are processed and answered. */
  delayNext(count: number, ms: number): void;
  /** The notification the bank would send now for this payment, signed; `fields` are added before signing. */
  notification(paymentId: string, fields?: Record<string, unknown>): Record<string, unknown>;
  /** POSTs that notification as JSON (to the payment's NotificationURL unless told otherwise). */
  notify(
    paymentId: string,
    notificationUrl?: string,
    fields?: Record<string, unknown>,
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const TAXATIONS = new Set(['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent']);
const TAXES = new Set([
  'none',
  'vat0',
  'vat5',
  'vat7',
  'vat10',
  'vat20',
  'vat105',
  'vat107',
  'vat110',
  'vat120',
]);
const PAYMENT_METHODS = new Set([
  'full_prepayment',
  'prepayment',
  'advance',
  'full_payment',
  'partial_payment',
  'credit',
  'credit_payment',
]);
const PAYMENT_OBJECTS = new Set([
  'commodity',
  'excise',
  'job',
  'service',
  'gambling_bet',
  'gambling_prize',
  'lottery',
  'lottery_prize',
  'intellectual_activity',
  'payment',
  'agent_commission',
  'composite',
  'another',
]);
/** The person may still pay: a repeated Init with the same OrderId gets this payment back. */
const OPEN = new Set<TbankStatus>([
  'NEW',
  'FORM_SHOWED',
  'AUTHORIZING',
  '3DS_CHECKING',
  '3DS_CHECKED',
  'CONFIRMING',
  'CONFIRM_CHECKING',
]);
/** Ended without money: a repeated Init with the same OrderId starts a new attempt. */
const FAILED = new Set<TbankStatus>([
  'REJECTED',
  'AUTH_FAIL',
  'DEADLINE_EXPIRED',
  'ATTEMPTS_EXPIRED',
  'CANCELED',
  'REVERSED',
]);
/** Notifications of these say Success: false with the issuer's reason. */
const UNSUCCESSFUL = new Set<TbankStatus>(['REJECTED', 'AUTH_FAIL', 'DEADLINE_EXPIRED', 'ATTEMPTS_EXPIRED']);

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKopecks(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function lengthOf(text: string): number {
  return Array.from(text).length;
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly bankMessage: string,
    readonly details = '',
  ) {
    super(bankMessage);
  }
}

const invalid = (details: string) => new Refusal('9999', 'Неверные параметры.', details);

export async function startTbankTestServer(options: TbankTestServerOptions): Promise<TbankTestServer> {
  const { terminalKey, password } = options;
  const receiptRequired = options.receiptRequired ?? true;
  const payments = new Map<string, TbankTestPayment>();
  const requests: TbankLoggedRequest[] = [];
  const failures: { afterProcessing: boolean }[] = [];
  const delays: number[] = [];
  let nextPaymentId = 3_000_000_001;
  let origin = '';

  function find(paymentIdField: unknown): TbankTestPayment {
    if (paymentIdField === undefined || paymentIdField === '')
      throw new Refusal('201', 'Поле PaymentId не должно быть пустым');
    const payment = payments.get(String(paymentIdField));
    // The public documentation leaves this code unclear; the point here is a refusal, not the number.
    if (!payment) throw new Refusal('255', 'Платеж не найден', `PaymentId ${String(paymentIdField)}`);
    return payment;
  }

  function checkReceipt(receipt: unknown, amount: number): void {
    if (receipt === undefined) {
      if (receiptRequired) throw new Refusal('309', 'Поле Receipt не должно быть пустым');
      return;
    }
    if (!isRecord(receipt)) throw invalid('Receipt должен быть объектом');
    const email = receipt.Email;
    const phone = receipt.Phone;
    if (!(typeof email === 'string' && /^[^@\s]+@[^@\s]+$/.test(email)) && typeof phone !== 'string')
      throw new Refusal('206', 'email не может быть пустым');
    if (typeof receipt.Taxation !== 'string' || !TAXATIONS.has(receipt.Taxation))
      throw invalid(`Неверное значение Taxation: ${String(receipt.Taxation)}`);
    const items = receipt.Items;
    if (!Array.isArray(items) || items.length === 0) throw invalid('Items не должен быть пустым');
    let total = 0;
    for (const item of items) {
      if (!isRecord(item)) throw invalid('Позиция чека должна быть объектом');
      const { Name, Price, Quantity, Amount, Tax, PaymentMethod, PaymentObject } = item;
      if (typeof Name !== 'string' || lengthOf(Name) < 1 || lengthOf(Name) > 128)
        throw invalid('Размер поля Name должен быть от 1 до 128');
      if (!isKopecks(Price) || typeof Quantity !== 'number' || Quantity <= 0 || !isKopecks(Amount))
        throw invalid('Price, Quantity и Amount позиции должны быть положительными числами');
      if (Math.round(Price * Quantity) !== Amount)
        throw invalid('Amount позиции должен быть равен Price × Quantity');
      if (typeof Tax !== 'string' || !TAXES.has(Tax)) throw invalid(`Неверное значение Tax: ${String(Tax)}`);
      if (PaymentMethod !== undefined && !PAYMENT_METHODS.has(String(PaymentMethod)))
        throw invalid(`Неверное значение PaymentMethod: ${String(PaymentMethod)}`);
      if (PaymentObject !== undefined && !PAYMENT_OBJECTS.has(String(PaymentObject)))
        throw invalid(`Неверное значение PaymentObject: ${String(PaymentObject)}`);
      total += Amount;
    }
    if (total !== amount)
      throw new Refusal('308', 'Сумма всех позиций в чеке должна равняться сумме всех видов оплаты');
  }

  function answerAbout(payment: TbankTestPayment, extra: Fields = {}): Fields {
    return {
      Success: true,
      ErrorCode: '0',
      TerminalKey: terminalKey,
      Status: payment.status,
      PaymentId: payment.paymentId,
      OrderId: payment.orderId,
      Amount: payment.amount,
      ...extra,
    };
  }

  function init(body: Fields): Fields {
    const { Amount, OrderId, Description } = body;
    if (!isKopecks(Amount))
      throw new Refusal('251', 'Неверная сумма. Сумма должна быть больше или равна 1 копеек');
    if (typeof OrderId !== 'string' || lengthOf(OrderId) < 1 || lengthOf(OrderId) > 36)
      throw new Refusal('212', 'Размер поля OrderId должен быть от 1 до 36');
    if (Description !== undefined && (typeof Description !== 'string' || lengthOf(Description) > 140))
      throw new Refusal('213', 'Размер поля Description должен быть от 0 до 140');
    if (body.PayType !== undefined && body.PayType !== 'O' && body.PayType !== 'T')
      throw invalid(`Неверное значение PayType: ${String(body.PayType)}`);
    for (const key of ['NotificationURL', 'SuccessURL', 'FailURL'] as const) {
      const url = body[key];
      if (url !== undefined && (typeof url !== 'string' || !URL.canParse(url)))
        throw invalid(`Неверный формат ${key}`);
    }
    checkReceipt(body.Receipt, Amount);

    const earlier = [...payments.values()].filter((payment) => payment.orderId === OrderId).at(-1);
    if (earlier && OPEN.has(earlier.status)) return answerAbout(earlier, { PaymentURL: earlier.paymentUrl });
    if (earlier && !FAILED.has(earlier.status))
      throw new Refusal('8', 'Неверный статус транзакции', `Заказ ${OrderId} уже оплачен`);

    const paymentId = String(nextPaymentId++);
    const payment: TbankTestPayment = {
      paymentId,
      orderId: OrderId,
      amount: Amount,
      refunded: 0,
      lastRefund: 0,
      status: 'NEW',
      description: Description as string | undefined,
      notificationUrl: body.NotificationURL as string | undefined,
      successUrl: body.SuccessURL as string | undefined,
      failUrl: body.FailURL as string | undefined,
      receipt: body.Receipt,
      paymentUrl: `${origin}/new/${paymentId}`,
      cancelRequests: new Set(),
    };
    payments.set(paymentId, payment);
    return answerAbout(payment, { PaymentURL: payment.paymentUrl });
  }

  function cancel(body: Fields): Fields {
    const payment = find(body.PaymentId);
    const originalAmount = payment.amount - payment.refunded;
    const requestId = typeof body.ExternalRequestId === 'string' ? body.ExternalRequestId : '';
    // A Cancel repeated with its ExternalRequestId answers the payment's state and refunds nothing.
    if (requestId && payment.cancelRequests.has(requestId))
      return answerAbout(payment, { OriginalAmount: originalAmount, NewAmount: originalAmount });
    const amount = body.Amount === undefined ? originalAmount : body.Amount;
    if (OPEN.has(payment.status)) {
      // Nothing was taken yet: the whole payment is canceled whatever Amount says.
      payment.status = 'CANCELED';
      payment.lastRefund = payment.amount;
    } else if (
      payment.status === 'AUTHORIZED' ||
      payment.status === 'CONFIRMED' ||
      payment.status === 'PARTIAL_REFUNDED'
    ) {
      if (!isKopecks(amount) || amount > originalAmount)
        throw invalid(`Сумма отмены ${String(amount)} больше остатка платежа ${originalAmount}`);
      if (options.asyncRefunds && payment.status === 'CONFIRMED') {
        // Booked when the test moves it on to REFUNDED (setStatus).
        payment.status = 'ASYNC_REFUNDING';
        if (requestId) payment.cancelRequests.add(requestId);
        return answerAbout(payment, { OriginalAmount: originalAmount, NewAmount: originalAmount });
      }
      payment.refunded += amount;
      payment.lastRefund = amount;
      const whole = payment.refunded === payment.amount;
      payment.status =
        payment.status === 'AUTHORIZED'
          ? whole
            ? 'REVERSED'
            : 'PARTIAL_REVERSED'
          : whole
            ? 'REFUNDED'
            : 'PARTIAL_REFUNDED';
    } else {
      throw new Refusal(
        '4',
        'Запрашиваемое состояние транзакции является неверным. Изменение статуса недопустимо.',
        `Платеж в статусе ${payment.status}`,
      );
    }
    if (requestId) payment.cancelRequests.add(requestId);
    return answerAbout(payment, {
      OriginalAmount: originalAmount,
      NewAmount: payment.amount - payment.refunded,
    });
  }

  /** Answers one API call: the token first, as the bank does, then the method's own rules. */
  function process(method: string, rawBody: string): { body: Fields | null; answer: Fields } {
    let body: Fields | null = null;
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (isRecord(parsed)) body = parsed;
    } catch {}
    try {
      if (!body)
        throw new Refusal('9999', 'Внутренняя ошибка системы', 'Тело запроса не является JSON-объектом');
      if (body.TerminalKey !== terminalKey)
        throw new Refusal(
          '205',
          'Неверный токен. Проверьте пару TerminalKey/SecretKey',
          'Указанный терминал не найден',
        );
      if (!verifyTbankToken(body, password))
        throw new Refusal(
          '204',
          'Неверные параметры.',
          'Неверный токен. Проверьте пару TerminalKey/SecretKey.',
        );
      if (method === 'Init') return { body, answer: init(body) };
      if (method === 'GetState') return { body, answer: answerAbout(find(body.PaymentId)) };
      return { body, answer: cancel(body) };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const answer: Fields = { Success: false, ErrorCode: error.code, Message: error.bankMessage };
      if (error.details) answer.Details = error.details;
      return { body, answer };
    }
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (request.method === 'GET' && path.startsWith('/new/')) {
        // The hosted form, reduced to a page that exists.
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<h1>T-Bank test form</h1>');
        return;
      }
      const method = /^\/v2\/([A-Za-z0-9]+)$/.exec(path)?.[1];
      if (request.method !== 'POST' || !method || !['Init', 'GetState', 'Cancel'].includes(method)) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      const entry: TbankLoggedRequest = {
        method,
        headers: request.headers,
        rawBody,
        body: null,
        httpStatus: 0,
        answer: null,
      };
      requests.push(entry);
      const delay = delays.shift();
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      const failure = failures.shift();
      if (failure && !failure.afterProcessing) {
        entry.httpStatus = 500;
        response
          .writeHead(500, { 'content-type': 'text/html' })
          .end('<html><body>500 Internal Server Error</body></html>');
        return;
      }
      let processed: ReturnType<typeof process>;
      try {
        processed = process(method, rawBody);
      } catch (error) {
        entry.httpStatus = 500;
        response.writeHead(500, { 'content-type': 'text/plain' }).end((error as Error).message);
        return;
      }
      const { body, answer } = processed;
      entry.body = body;
      if (failure) {
        entry.httpStatus = 500;
        response
          .writeHead(500, { 'content-type': 'text/html' })
          .end('<html><body>500 Internal Server Error</body></html>');
        return;
      }
      entry.httpStatus = 200;
      entry.answer = answer;
      if (!response.destroyed)
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function notification(paymentId: string, fields: Fields = {}): Fields {
    const payment = payments.get(paymentId);
    if (!payment) throw new Error(`the test bank has no payment ${paymentId}`);
    const refund = payment.status === 'REFUNDED' || payment.status === 'PARTIAL_REFUNDED';
    const failed = UNSUCCESSFUL.has(payment.status);
    const unsigned: Fields = {
      TerminalKey: terminalKey,
      OrderId: payment.orderId,
      Success: !failed,
      Status: payment.status,
      PaymentId: Number(payment.paymentId),
      ErrorCode: failed ? '1051' : '0',
      Amount: refund ? payment.lastRefund : payment.amount,
      CardId: 10452,
      Pan: '430000******0777',
      ExpDate: '1230',
      // Nested objects are not signed; one is here so that a verifier has to leave it out.
      Data: { Source: 'cards' },
      ...fields,
    };
    return { ...unsigned, Token: tbankToken(unsigned, password) };
  }

  return {
    url: `${origin}/v2`,
    payments,
    requests,
    setStatus(paymentId, status) {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`the test bank has no payment ${paymentId}`);
      // Set straight to REFUNDED, a payment is refunded in full, as a Cancel without Amount would.
      if (status === 'REFUNDED' && payment.refunded < payment.amount) {
        payment.lastRefund = payment.amount - payment.refunded;
        payment.refunded = payment.amount;
      }
      payment.status = status;
    },
    failNext(count, failOptions) {
      for (let index = 0; index < count; index++)
        failures.push({ afterProcessing: failOptions?.afterProcessing ?? false });
    },
    delayNext(count, ms) {
      for (let index = 0; index < count; index++) delays.push(ms);
    },
    notification,
    async notify(paymentId, notificationUrl, fields) {
      const url = notificationUrl ?? payments.get(paymentId)?.notificationUrl;
      if (!url) throw new Error(`payment ${paymentId} has no NotificationURL; pass one`);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(notification(paymentId, fields)),
      });
      return { status: response.status, body: await response.text() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
