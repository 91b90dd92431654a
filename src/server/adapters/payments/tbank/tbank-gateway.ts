// T-Bank Acquiring API v2 (DOMAIN.md "Card payments", ADR 0011): `Init` sends the person to the bank's
// hosted page, `GetState` reads a payment, `Cancel` refunds it, and a notification is trusted only
// when its Token verifies with the terminal's password. Paid means CONFIRMED (one-stage payments).
import { z } from 'zod';
import type {
  GatewayEvent,
  GatewayPaymentState,
  PaymentGateway,
  ReceiptItem,
  RefundOutcome,
} from '../gateway.ts';
import { tbankToken, verifyTbankToken } from './tbank-token.ts';

export const TBANK_API_URL = 'https://securepay.tinkoff.ru/v2';

/** The seller's tax system (54-ФЗ), `Receipt.Taxation`. */
export type TbankTaxation = 'osn' | 'usn_income' | 'usn_income_outcome' | 'esn' | 'patent';

export interface TbankGatewayOptions {
  /** Default https://securepay.tinkoff.ru/v2 */
  apiUrl?: string;
  terminalKey: string;
  /** The terminal's password: signs requests and verifies notifications; never sent or logged. */
  password: string;
  /** Default 'usn_income'. */
  taxation?: TbankTaxation;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** For HTTP 5xx/429, network errors and timeouts only; a refusal (Success: false) is final. */
  retry?: { attempts: number; delayMs: number };
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
}

// Init's limits in T-Bank's documentation: the bank refuses longer values, so they are cut here.
const DESCRIPTION_MAX = 140;
const ITEM_NAME_MAX = 128;

/** The bank answered and said no (`Success: false`): a business refusal, never retried. */
export class TbankRefusal extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly bankMessage: string,
    readonly details: string,
  ) {
    super(
      `T-Bank ${method} refused: ErrorCode ${code}${bankMessage ? ` ${bankMessage}` : ''}${details ? ` (${details})` : ''}`,
    );
    this.name = 'TbankRefusal';
  }
}

const failedStatuses = new Set([
  'REJECTED',
  'CANCELED',
  'DEADLINE_EXPIRED',
  'AUTH_FAIL',
  'REVERSED',
  // Final in the bank's list of statuses: the person opened the form too many times.
  'ATTEMPTS_EXPIRED',
]);
// Taken from the person; a refund of it arrives as its own event, as with the sandbox bank.
const paidStatuses = new Set(['CONFIRMED', 'REFUNDING', 'ASYNC_REFUNDING', 'PARTIAL_REFUNDED', 'REFUNDED']);

/** A payment's state as GetState reports it. Anything not final yet (NEW … CONFIRMING) is pending. */
export function stateOfTbankStatus(status: string): GatewayPaymentState {
  if (paidStatuses.has(status)) return 'succeeded';
  if (failedStatuses.has(status)) return 'canceled';
  return 'pending';
}

/** What a notification with this status says happened. */
export function eventStateOfTbankStatus(status: string): GatewayEvent['state'] {
  if (status === 'CONFIRMED') return 'succeeded';
  if (status === 'REFUNDED') return 'refunded';
  if (failedStatuses.has(status)) return 'canceled';
  return 'pending';
}

/**
 * What a Cancel's answer says of the refund. A refusal comes as Success:false (thrown); so among the
 * statuses of an accepted Cancel none means "refused": an unknown one is null.
 */
export function refundOutcomeOfTbankStatus(status: string): RefundOutcome | null {
  if (status === 'REFUNDED' || status === 'PARTIAL_REFUNDED' || status === 'REVERSED') return 'succeeded';
  if (status === 'REFUNDING' || status === 'ASYNC_REFUNDING') return 'pending';
  return null;
}

/** GetState says no sum refunded: REFUNDED is all of it, PARTIAL_REFUNDED some (read as 1 kopeck). */
function refundedAmountOf(status: string, amount: number): number {
  if (status === 'REFUNDED') return amount;
  if (status === 'PARTIAL_REFUNDED') return Math.min(1, amount);
  return 0;
}

const taxOfVat: Record<ReceiptItem['vat'], string> = {
  none: 'none',
  vat0: 'vat0',
  vat10: 'vat10',
  vat20: 'vat20',
};

const paymentIdSchema = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform(String);
const kopecksSchema = z.number().int().nonnegative();

const initAnswerSchema = z.object({
  PaymentId: paymentIdSchema,
  PaymentURL: z.url(),
  Status: z.string(),
});

const stateAnswerSchema = z.object({
  PaymentId: paymentIdSchema,
  Status: z.string(),
  Amount: kopecksSchema,
});

const notificationSchema = z.object({
  PaymentId: paymentIdSchema,
  Status: z.string().min(1),
  Amount: kopecksSchema,
});

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cuts to `max` characters (code points, as the bank counts them). */
function clip(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : characters.slice(0, max).join('');
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? clip(String(value), 300) : '';
}

function assertKopecks(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new Error(`${what} must be a positive whole number of kopecks, got ${amount}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function tbankGateway(options: TbankGatewayOptions): PaymentGateway {
  const apiUrl = (options.apiUrl ?? TBANK_API_URL).replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const taxation = options.taxation ?? 'usn_income';
  const attempts = Math.max(1, options.retry?.attempts ?? 3);
  const delayMs = options.retry?.delayMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { terminalKey, password } = options;

  /**
   * One signed call. Retrying is safe for the three methods used here: Init is idempotent on
   * OrderId, GetState only reads, Cancel carries ExternalRequestId.
   */
  async function call(method: 'Init' | 'GetState' | 'Cancel', fields: Fields): Promise<Fields> {
    const request: Fields = { TerminalKey: terminalKey, ...fields };
    request.Token = tbankToken(request, password);
    const body = JSON.stringify(request);
    let problem = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        const wait = delayMs * 2 ** (attempt - 2);
        log(`T-Bank ${method} attempt ${attempt - 1} failed: ${problem}; retrying in ${wait} ms`);
        await sleep(wait);
      }
      let text: string;
      let status: number;
      try {
        const response = await send(`${apiUrl}/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        if (status >= 500 || status === 429) {
          await response.body?.cancel();
          problem = `HTTP ${status}`;
          continue;
        }
        text = await response.text();
      } catch (error) {
        const name = (error as Error).name;
        problem =
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${timeoutMs} ms`
            : `network error: ${(error as Error).message}`;
        continue;
      }
      if (status < 200 || status >= 300) throw new Error(`T-Bank ${method} answered HTTP ${status}`);
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        throw new Error(`T-Bank ${method} answered HTTP ${status} with no JSON (${text.length} bytes)`);
      }
      if (!isRecord(answer)) throw new Error(`T-Bank ${method} answered with JSON that is not an object`);
      if (answer.Success !== true) {
        const refusal = new TbankRefusal(
          method,
          textOf(answer.ErrorCode) || '?',
          textOf(answer.Message),
          textOf(answer.Details),
        );
        log(refusal.message);
        throw refusal;
      }
      return answer;
    }
    throw new Error(`T-Bank ${method} failed after ${attempts} attempts: ${problem}`);
  }

  function parsed<T>(method: string, schema: z.ZodType<T>, answer: Fields): T {
    const result = schema.safeParse(answer);
    if (!result.success) {
      const fields = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
      throw new Error(`T-Bank ${method} answered Success without a valid ${fields}`);
    }
    return result.data;
  }

  return {
    kind: 'tbank',

    async create(request) {
      assertKopecks(request.amount, 'The payment amount');
      const items = request.items.map((item) => {
        assertKopecks(item.amount, 'A receipt item amount');
        return {
          Name: clip(item.description, ITEM_NAME_MAX),
          Price: item.amount / item.quantity,
          Quantity: item.quantity,
          Amount: item.amount,
          Tax: taxOfVat[item.vat],
          PaymentMethod: 'full_payment',
          PaymentObject: item.paymentSubject,
        };
      });
      const itemsTotal = items.reduce((sum, item) => sum + item.Amount, 0);
      // The bank refuses such a receipt (ErrorCode 308); saying so here names the real culprit.
      if (itemsTotal !== request.amount)
        throw new Error(`Receipt items add up to ${itemsTotal} kopecks, the payment is ${request.amount}`);

      const answer = await call('Init', {
        Amount: request.amount,
        OrderId: request.paymentId,
        Description: clip(request.description, DESCRIPTION_MAX),
        // One-stage whatever the terminal's default: paid means CONFIRMED, no Confirm call follows.
        PayType: 'O',
        NotificationURL: request.notificationUrl,
        SuccessURL: request.returnUrl,
        FailURL: request.returnUrl,
        Receipt: { Email: request.customerEmail, Taxation: taxation, Items: items },
      });
      const init = parsed('Init', initAnswerSchema, answer);
      return {
        gatewayPaymentId: init.PaymentId,
        redirectUrl: init.PaymentURL,
        state: stateOfTbankStatus(init.Status),
      };
    },

    async get(gatewayPaymentId) {
      const answer = await call('GetState', { PaymentId: gatewayPaymentId });
      const state = parsed('GetState', stateAnswerSchema, answer);
      if (state.PaymentId !== gatewayPaymentId)
        throw new Error(`T-Bank GetState for ${gatewayPaymentId} answered about payment ${state.PaymentId}`);
      // GetState tells no time of payment; the caller uses the time it learned of it.
      return {
        gatewayPaymentId,
        state: stateOfTbankStatus(state.Status),
        amount: state.Amount,
        paidAt: null,
        refundedAmount: refundedAmountOf(state.Status, state.Amount),
      };
    },

    async refund(gatewayPaymentId, amount, idempotencyKey) {
      assertKopecks(amount, 'The refund amount');
      // ExternalRequestId makes a repeated Cancel answer with the first one's result, not refund twice.
      const answer = await call('Cancel', {
        PaymentId: gatewayPaymentId,
        Amount: amount,
        ExternalRequestId: idempotencyKey,
      });
      const status = textOf(answer.Status);
      log(`T-Bank Cancel of payment ${gatewayPaymentId}: ${status || 'no status'}`);
      const outcome = refundOutcomeOfTbankStatus(status);
      // The bank accepted the Cancel but names a state that is neither: not taken as done or refused.
      if (!outcome)
        throw new Error(`T-Bank Cancel of payment ${gatewayPaymentId} answered status ${status || 'none'}`);
      return outcome;
    },

    async verifyNotification({ rawBody, ip }): Promise<GatewayEvent | null> {
      const refuse = (reason: string) => {
        log(`T-Bank: notification refused from ${ip}: ${reason} (${rawBody.length} bytes)`);
        return null;
      };
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return refuse('not JSON');
      }
      if (!isRecord(body)) return refuse('not a JSON object');
      if (body.TerminalKey !== terminalKey) return refuse('another terminal');
      if (!verifyTbankToken(body, password))
        return refuse(body.Token === undefined ? 'no token' : 'a token that does not verify');
      const notification = notificationSchema.safeParse(body);
      if (!notification.success) return refuse('signed, but without a valid PaymentId, Status and Amount');
      return {
        gatewayPaymentId: notification.data.PaymentId,
        state: eventStateOfTbankStatus(notification.data.Status),
        amount: notification.data.Amount,
      };
    },

    notificationAnswer: { status: 200, contentType: 'text/plain', body: 'OK' },
  };
}
