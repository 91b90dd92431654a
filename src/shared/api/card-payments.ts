// Contracts of card payments (issue 6): start a payment on the bank's page, follow its timeline.
// Money is integer kopecks.
import { z } from 'zod';
import { kopecksSchema } from './accounts.ts';
import { refundRequestSchema } from './refunds.ts';
import { emailSchema } from './registration.ts';

/** One payment: from 1 ₽ to 1,000,000 ₽. */
export const MAX_CARD_PAYMENT = 100_000_000;

export const createCardPaymentRequestSchema = z.object({
  amount: z.number().int().min(100).max(MAX_CARD_PAYMENT).describe('Kopecks, 100 (1 ₽) to 100,000,000'),
  /** The fiscal receipt (54-ФЗ) goes to this address. */
  email: emailSchema,
});
export type CreateCardPaymentRequest = z.infer<typeof createCardPaymentRequestSchema>;

export const cardPaymentStatusSchema = z.enum(['created', 'pending', 'succeeded', 'canceled', 'refunded']);
export type CardPaymentStatusValue = z.infer<typeof cardPaymentStatusSchema>;

export const createCardPaymentResponseSchema = z.object({
  paymentId: z.uuid(),
  /** The bank's hosted page: send the person there. */
  redirectUrl: z.url(),
  status: cardPaymentStatusSchema,
});
export type CreateCardPaymentResponse = z.infer<typeof createCardPaymentResponseSchema>;

export const timelineEventSchema = z.object({
  kind: z.enum([
    'created',
    'redirected',
    'paid_at_bank',
    'confirmed',
    'credited',
    'canceled',
    'accepted_by_billing',
    'conflict',
    'refund_requested',
    'refunded',
  ]),
  at: z.iso.datetime(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const cardPaymentSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  amount: kopecksSchema,
  status: cardPaymentStatusSchema,
  /** True once the money counts in the account's balance. */
  credited: z.boolean(),
  gateway: z.enum(['sandbox', 'yookassa', 'tbank']),
  /** The bank's page while the payment is not finished; null after. */
  redirectUrl: z.url().nullable(),
  createdAt: z.iso.datetime(),
  timeline: z.array(timelineEventSchema),
  /** The newest refund request of this payment (open or decided); null when there is none. */
  refund: refundRequestSchema.nullable().optional(),
});
export type CardPayment = z.infer<typeof cardPaymentSchema>;

export const cardPaymentParamsSchema = z.object({ paymentId: z.uuid() });
