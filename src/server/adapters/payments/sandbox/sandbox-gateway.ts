// Abonent's side of the sandbox bank: the PaymentGateway that the demo and tests pay through. It
// reads the bank's books directly (same database) and trusts a notification only when its HMAC
// signature verifies. A refunded payment still reads as `succeeded` (it was paid); the refund itself
// arrives as a `refunded` event.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, SandboxBankPaymentStatus } from '../../../db/schema.ts';
import type { GatewayEvent, GatewayPaymentState, PaymentGateway } from '../gateway.ts';
import { findPayment, openPayment, refundPayment, SandboxBankRefusal } from './sandbox-bank.service.ts';
import { createNotifier, SIGNATURE_HEADER, signatureMatches } from './sandbox-notifier.ts';

export interface SandboxGatewayOptions {
  db: Kysely<DB>;
  /** Where the bank's pages are served: PUBLIC_URL of this Abonent. */
  publicUrl: string;
  /** Signs and verifies notifications (config.sandboxBank.secret). */
  secret: string;
  /** Sends the notifications of refunds. */
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

const stateByStatus: Record<SandboxBankPaymentStatus, GatewayPaymentState> = {
  new: 'pending',
  awaiting_3ds: 'pending',
  succeeded: 'succeeded',
  declined: 'canceled',
  refunded: 'succeeded',
};

const notificationSchema = z.object({
  id: z.uuid(),
  orderId: z.string().min(1),
  status: z.enum(['succeeded', 'declined', 'refunded']),
  amount: z.number().int().positive(),
});

function parseNotification(rawBody: string): z.infer<typeof notificationSchema> | null {
  try {
    const parsed = notificationSchema.safeParse(JSON.parse(rawBody));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const eventStateByStatus = { succeeded: 'succeeded', declined: 'canceled', refunded: 'refunded' } as const;

export function sandboxGateway(options: SandboxGatewayOptions): PaymentGateway {
  const log = options.log ?? (() => {});
  const bank = {
    db: options.db,
    notifier: createNotifier({ secret: options.secret, fetch: options.fetch, log }),
  };
  const publicUrl = options.publicUrl.replace(/\/+$/, '');

  return {
    kind: 'sandbox',

    async create(request) {
      const payment = await openPayment(options.db, request);
      return {
        gatewayPaymentId: payment.id,
        redirectUrl: `${publicUrl}/sandbox-bank/pay/${payment.id}`,
        state: stateByStatus[payment.status],
      };
    },

    async get(gatewayPaymentId) {
      const payment = await findPayment(options.db, gatewayPaymentId);
      if (!payment) throw new SandboxBankRefusal('PAYMENT_NOT_FOUND', `No payment ${gatewayPaymentId}.`);
      return {
        gatewayPaymentId: payment.id,
        state: stateByStatus[payment.status],
        amount: payment.amount,
        paidAt: payment.paidAt,
        // The sum of its refunds, booked with each of them.
        refundedAmount: payment.refundedAmount,
      };
    },

    async refund(gatewayPaymentId, amount, idempotencyKey) {
      // The sandbox bank refunds at once or refuses (thrown); it never leaves a refund pending.
      await refundPayment(bank, gatewayPaymentId, amount, idempotencyKey);
      return 'succeeded';
    },

    async verifyNotification({ headers, rawBody, ip }): Promise<GatewayEvent | null> {
      const signature = headers[SIGNATURE_HEADER];
      if (typeof signature !== 'string' || !signatureMatches(rawBody, signature, options.secret)) {
        log(
          `sandbox bank: notification refused from ${ip}: ${signature === undefined ? 'no' : 'a bad'} signature (${rawBody.length} bytes)`,
        );
        return null;
      }
      const notification = parseNotification(rawBody);
      if (!notification) {
        log(`sandbox bank: signed notification from ${ip} refused: not a sandbox notification`);
        return null;
      }
      return {
        gatewayPaymentId: notification.id,
        state: eventStateByStatus[notification.status],
        amount: notification.amount,
      };
    },

    notificationAnswer: { status: 200, contentType: 'text/plain', body: 'OK' },
  };
}
