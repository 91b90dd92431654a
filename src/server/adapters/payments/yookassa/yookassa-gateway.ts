// YooKassa API v3 as a PaymentGateway (DOMAIN.md "Card payments", ADR 0011): payments with a 54-ФЗ
// receipt on YooKassa's hosted page, their state, refunds, and webhooks. YooKassa signs nothing, so a
// notification is only a hint: the state and amount returned are always those re-read from the API.
// Every POST carries an Idempotence-Key and is retried with the same key and the same bytes, so a
// 500, a timeout or a dropped connection never makes a second payment or refund.
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type {
  GatewayEvent,
  GatewayPayment,
  GatewayPaymentState,
  PaymentGateway,
  ReceiptItem,
} from '../gateway.ts';

export const YOOKASSA_API_URL = 'https://api.yookassa.ru/v3';

/**
 * The addresses YooKassa sends notifications from (yookassa.ru/developers/using-api/webhooks, "IP").
 * YooKassa may change them: configuration can replace the list.
 */
export const YOOKASSA_NOTIFICATION_IPS: readonly string[] = [
  '185.71.76.0/27',
  '185.71.77.0/27',
  '77.75.153.0/25',
  '77.75.156.11',
  '77.75.156.35',
  '77.75.154.128/25',
  '2a02:5180::/32',
];

export interface YookassaGatewayOptions {
  /** Default https://api.yookassa.ru/v3 */
  apiUrl?: string;
  shopId: string;
  secretKey: string;
  /**
   * CIDRs or single addresses notifications may come from. Default YOOKASSA_NOTIFICATION_IPS;
   * null = any address (behind a proxy that hides the peer; the re-read still guards).
   */
  ipAllowlist?: readonly string[] | null;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** For a 5xx, a timeout or a network error. Default 3 attempts, 200 ms doubling between them. */
  retry?: { attempts: number; delayMs: number };
  /** Per attempt, including reading the answer. Default 15 s. */
  timeoutMs?: number;
}

/** YooKassa's limit for a payment's and a receipt line's description. */
const DESCRIPTION_LIMIT = 128;

const vatCodeOf: Record<ReceiptItem['vat'], number> = { none: 1, vat0: 2, vat10: 3, vat20: 4 };

const stateByStatus: Record<PaymentStatus, GatewayPaymentState> = {
  pending: 'pending',
  waiting_for_capture: 'pending',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

/** Kopecks → YooKassa's "1234.56", by string arithmetic only. */
export function formatAmount(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0) throw new Error(`Not an amount in kopecks: ${kopecks}`);
  const digits = String(kopecks).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** YooKassa's "1234.5" or "1234.56" → kopecks; anything else is refused. */
export function parseAmount(value: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new Error(`Not a YooKassa amount: ${JSON.stringify(value.slice(0, 40))}`);
  const kopecks = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(kopecks)) throw new Error(`YooKassa amount out of range: ${value.slice(0, 40)}`);
  return kopecks;
}

/** Truncated by characters, never in the middle of a surrogate pair. */
function limited(text: string, limit: number): string {
  const characters = Array.from(text);
  return characters.length <= limit ? text : characters.slice(0, limit).join('');
}

const amountSchema = z.object({ value: z.string(), currency: z.string() });
const paymentStatusSchema = z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']);
type PaymentStatus = z.infer<typeof paymentStatusSchema>;
const paymentSchema = z.object({
  id: z.string().min(1),
  status: paymentStatusSchema,
  amount: amountSchema,
  confirmation: z.object({ type: z.string(), confirmation_url: z.string().optional() }).optional(),
  captured_at: z.string().optional(),
  refunded_amount: amountSchema.optional(),
});
type YookassaPayment = z.infer<typeof paymentSchema>;
const refundSchema = z.object({
  id: z.string().min(1),
  payment_id: z.string().min(1),
  status: z.enum(['pending', 'succeeded', 'canceled']),
  amount: amountSchema,
});
const errorSchema = z.object({
  type: z.literal('error'),
  id: z.string().optional(),
  code: z.string(),
  description: z.string().optional(),
  parameter: z.string().optional(),
});
// YooKassa's ids are UUID-like; anything else in a notification is not theirs (and must not reach a URL).
const objectIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const notificationSchema = z.object({
  type: z.literal('notification'),
  event: z.string(),
  object: z.object({ id: objectIdSchema }),
});

function kopecksOf(amount: z.infer<typeof amountSchema>): number {
  if (amount.currency !== 'RUB')
    throw new Error(`YooKassa amount in ${amount.currency.slice(0, 8)}, not RUB`);
  return parseAmount(amount.value);
}

/** A definite answer from YooKassa that is not a success (4xx, or a 5xx after the last attempt). */
export class YookassaError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'YookassaError';
  }
}

const RETRIED_STATUSES = new Set([500, 502, 503, 504]);

// ---------------------------------------------------------------------------------------------------
// IP allowlist

interface Address {
  version: 4 | 6;
  value: bigint;
}

function parseAddress(text: string): Address | null {
  const address = text.trim().replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) {
    return { version: 4, value: address.split('.').reduce((sum, part) => (sum << 8n) | BigInt(part), 0n) };
  }
  if (version !== 6) return null;
  let groups: string[];
  const [head, tail, ...rest] = address.toLowerCase().split('::');
  if (rest.length > 0 || head === undefined) return null;
  const toGroups = (part: string): string[] => {
    if (part === '') return [];
    const pieces = part.split(':');
    const last = pieces.at(-1)!;
    if (last.includes('.')) {
      const v4 = parseAddress(last);
      if (v4?.version !== 4) return ['invalid'];
      pieces.splice(-1, 1, (v4.value >> 16n).toString(16), (v4.value & 0xffffn).toString(16));
    }
    return pieces;
  };
  if (tail === undefined) {
    groups = toGroups(head);
  } else {
    const left = toGroups(head);
    const right = toGroups(tail);
    groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  }
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  const value = groups.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
  // ::ffff:a.b.c.d is an IPv4 peer seen through an IPv6 socket.
  if (value >> 32n === 0xffffn) return { version: 4, value: value & 0xffffffffn };
  return { version: 6, value };
}

interface Network {
  version: 4 | 6;
  value: bigint;
  prefix: number;
}

function parseNetwork(cidr: string): Network {
  const [base = '', prefixText, ...rest] = cidr.trim().split('/');
  const bitsOf = (version: 4 | 6) => (version === 4 ? 32 : 128);
  const raw = /^[0-9a-fA-F:.]+$/.test(base) ? parseAddress(base) : null;
  // parseAddress folds ::ffff:0:0/96 into IPv4; the prefix follows it.
  const mappedV6 = raw?.version === 4 && base.includes(':');
  const prefix =
    prefixText === undefined ? null : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!raw || rest.length > 0 || Number.isNaN(prefix)) throw new Error(`Not an IP address or CIDR: ${cidr}`);
  let bits = prefix ?? (mappedV6 ? 128 : bitsOf(raw.version));
  if (mappedV6) {
    if (bits < 96) throw new Error(`An IPv4-mapped CIDR needs a prefix of at least 96: ${cidr}`);
    bits -= 96;
  }
  if (bits > bitsOf(raw.version)) throw new Error(`Prefix too long in ${cidr}`);
  return { version: raw.version, value: raw.value, prefix: bits };
}

/** A test for "is this peer address in these CIDRs" (IPv4, IPv6, IPv4-mapped IPv6). Bad CIDRs throw. */
export function createIpAllowlist(cidrs: readonly string[]): (ip: string) => boolean {
  const networks = cidrs.map(parseNetwork);
  return (ip) => {
    const address = parseAddress(ip);
    if (!address) return false;
    const bits = BigInt(address.version === 4 ? 32 : 128);
    return networks.some((network) => {
      if (network.version !== address.version) return false;
      const shift = bits - BigInt(network.prefix);
      return address.value >> shift === network.value >> shift;
    });
  };
}

// ---------------------------------------------------------------------------------------------------

export function yookassaGateway(options: YookassaGatewayOptions): PaymentGateway {
  const apiUrl = (options.apiUrl ?? YOOKASSA_API_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const attempts = Math.max(1, options.retry?.attempts ?? 3);
  const delayMs = options.retry?.delayMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const authorization = `Basic ${Buffer.from(`${options.shopId}:${options.secretKey}`).toString('base64')}`;
  const allowed =
    options.ipAllowlist === null ? null : createIpAllowlist(options.ipAllowlist ?? YOOKASSA_NOTIFICATION_IPS);

  // Whatever YooKassa or the network says, the secret key never leaves in a message.
  const redact = (text: string): string =>
    options.secretKey ? text.split(options.secretKey).join('***') : text;

  async function call(
    method: 'GET' | 'POST',
    path: string,
    post?: { body: unknown; idempotenceKey: string },
  ): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    // The same bytes on every attempt: YooKassa refuses a reused key with a different body.
    const body = post ? JSON.stringify(post.body) : undefined;
    if (post) {
      headers['Content-Type'] = 'application/json';
      headers['Idempotence-Key'] = post.idempotenceKey;
    }
    const what = `YooKassa ${method} ${path}`;
    let lastFailure = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) {
        const wait = delayMs * 2 ** (attempt - 2);
        log(
          `yookassa: ${method} ${path} attempt ${attempt - 1} failed (${lastFailure}); retrying in ${wait} ms`,
        );
        await sleep(wait);
      }
      let status: number;
      let text: string;
      try {
        const response = await doFetch(`${apiUrl}${path}`, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        const name = (error as Error).name;
        lastFailure =
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${timeoutMs} ms`
            : `network: ${redact((error as Error).message)}`;
        continue;
      }
      if (status >= 200 && status < 300) {
        try {
          return JSON.parse(text);
        } catch {
          throw new Error(`${what} answered ${status} with a body that is not JSON`);
        }
      }
      const failure = describeError(status, text);
      if (RETRIED_STATUSES.has(status)) {
        lastFailure = failure.text;
        continue;
      }
      throw new YookassaError(redact(`${what} refused: ${failure.text}`), status, failure.code);
    }
    const [, status = '0'] = /^(\d{3}) /.exec(lastFailure) ?? [];
    throw new YookassaError(
      redact(`${what} failed after ${attempts} attempts: ${lastFailure}`),
      Number(status),
      'unavailable',
    );
  }

  function describeError(status: number, text: string): { code: string; text: string } {
    let parsed: z.infer<typeof errorSchema> | null = null;
    try {
      const result = errorSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // A proxy's HTML page, or nothing: the status says enough.
    }
    if (!parsed) return { code: `http_${status}`, text: `${status} (no YooKassa error body)` };
    const description = parsed.description ? ` — ${limited(parsed.description, 300)}` : '';
    const parameter = parsed.parameter ? ` (parameter ${limited(parsed.parameter, 60)})` : '';
    const id = parsed.id ? ` [error id ${limited(parsed.id, 60)}]` : '';
    return { code: parsed.code, text: `${status} ${parsed.code}${description}${parameter}${id}` };
  }

  function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const result = schema.safeParse(value);
    if (!result.success) throw new Error(`YooKassa answered ${what} in an unexpected shape`);
    return result.data;
  }

  function pathOf(kind: 'payments' | 'refunds', id: string): string {
    if (!objectIdSchema.safeParse(id).success) throw new Error(`Not a YooKassa id: ${limited(id, 64)}`);
    return `/${kind}/${id}`;
  }

  async function readPayment(id: string): Promise<YookassaPayment> {
    return parsed(paymentSchema, await call('GET', pathOf('payments', id)), 'a payment');
  }

  function toGatewayPayment(payment: YookassaPayment): GatewayPayment {
    const paidAt = payment.captured_at ? new Date(payment.captured_at) : null;
    return {
      gatewayPaymentId: payment.id,
      state: stateByStatus[payment.status],
      amount: kopecksOf(payment.amount),
      paidAt: paidAt && !Number.isNaN(paidAt.getTime()) ? paidAt : null,
      // The sum of its succeeded refunds; a pending refund is not in it yet.
      refundedAmount: payment.refunded_amount ? kopecksOf(payment.refunded_amount) : 0,
    };
  }

  /** The object if YooKassa knows it; null for its 404 (a notification about nothing of ours). */
  async function knownOrNull<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof YookassaError && error.status === 404) return null;
      throw error;
    }
  }

  return {
    kind: 'yookassa',

    async create(request) {
      const total = request.items.reduce((sum, item) => sum + item.amount * item.quantity, 0);
      if (total !== request.amount)
        throw new Error(`Receipt items add up to ${total} kopecks, the payment is ${request.amount}`);
      const body = {
        amount: { value: formatAmount(request.amount), currency: 'RUB' },
        capture: true,
        confirmation: { type: 'redirect', return_url: request.returnUrl },
        description: limited(request.description, DESCRIPTION_LIMIT),
        metadata: { paymentId: request.paymentId },
        receipt: {
          customer: { email: request.customerEmail },
          items: request.items.map((item) => ({
            description: limited(item.description, DESCRIPTION_LIMIT),
            quantity: `${item.quantity}.00`,
            amount: { value: formatAmount(item.amount), currency: 'RUB' },
            vat_code: vatCodeOf[item.vat],
            payment_subject: item.paymentSubject,
            payment_mode: 'full_payment',
          })),
        },
      };
      const payment = parsed(
        paymentSchema,
        await call('POST', '/payments', { body, idempotenceKey: request.paymentId }),
        'a new payment',
      );
      const redirectUrl = payment.confirmation?.confirmation_url;
      if (!redirectUrl)
        throw new Error(`YooKassa payment ${payment.id} (${payment.status}) has no confirmation_url`);
      return { gatewayPaymentId: payment.id, redirectUrl, state: stateByStatus[payment.status] };
    },

    async get(gatewayPaymentId) {
      return toGatewayPayment(await readPayment(gatewayPaymentId));
    },

    async refund(gatewayPaymentId, amount, idempotencyKey) {
      const refund = parsed(
        refundSchema,
        await call('POST', '/refunds', {
          body: { payment_id: gatewayPaymentId, amount: { value: formatAmount(amount), currency: 'RUB' } },
          idempotenceKey: idempotencyKey,
        }),
        'a refund',
      );
      // A repeated POST with the same key answers the refund as it was then, so a pending one is
      // read again: an approval asking once more is also how it learns how the refund stands.
      const current =
        refund.status === 'pending'
          ? parsed(refundSchema, await call('GET', pathOf('refunds', refund.id)), 'a refund')
          : refund;
      if (current.status === 'canceled')
        log(`yookassa: refund ${refund.id} of payment ${gatewayPaymentId} was canceled by YooKassa`);
      // pending: YooKassa finishes it later and says so with refund.succeeded.
      return current.status;
    },

    async verifyNotification({ rawBody, ip }): Promise<GatewayEvent | null> {
      if (allowed && !allowed(ip)) {
        log(
          `yookassa: notification refused from ${limited(ip, 64)}: not a YooKassa address (${rawBody.length} bytes)`,
        );
        return null;
      }
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      const notification = notificationSchema.safeParse(json);
      if (!notification.success) {
        log(`yookassa: notification from ${limited(ip, 64)} refused: not a YooKassa notification`);
        return null;
      }
      const { event, object } = notification.data;

      if (
        event === 'payment.succeeded' ||
        event === 'payment.canceled' ||
        event === 'payment.waiting_for_capture'
      ) {
        // The body's status and amount are claims; only the re-read counts.
        const payment = await knownOrNull(() => readPayment(object.id));
        if (!payment || payment.id !== object.id) {
          log(`yookassa: notification ${event} about unknown payment ${object.id} refused`);
          return null;
        }
        const current = toGatewayPayment(payment);
        return { gatewayPaymentId: current.gatewayPaymentId, state: current.state, amount: current.amount };
      }

      if (event === 'refund.succeeded') {
        const refund = await knownOrNull(async () =>
          parsed(refundSchema, await call('GET', pathOf('refunds', object.id)), 'a refund'),
        );
        if (!refund || refund.id !== object.id || refund.status !== 'succeeded') {
          log(
            `yookassa: notification refund.succeeded refused: refund ${object.id} is ${refund?.status ?? 'unknown'}`,
          );
          return null;
        }
        const payment = await knownOrNull(() => readPayment(refund.payment_id));
        if (!payment) {
          log(`yookassa: refund ${refund.id} is of unknown payment ${refund.payment_id}`);
          return null;
        }
        const amount = kopecksOf(payment.amount);
        const refunded = payment.refunded_amount ? kopecksOf(payment.refunded_amount) : 0;
        // Abonent refunds whole payments; a partial refund made elsewhere is for reconciliation.
        if (refunded !== amount) {
          log(`yookassa: payment ${payment.id} is refunded ${refunded} of ${amount} kopecks; not applied`);
          return null;
        }
        return { gatewayPaymentId: payment.id, state: 'refunded', amount };
      }

      log(`yookassa: notification ${limited(event, 40)} ignored: not an event Abonent uses`);
      return null;
    },

    notificationAnswer: { status: 200, contentType: 'application/json', body: '{}' },
  };
}
