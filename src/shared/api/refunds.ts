// Contracts of refunds (issue 6): the subscriber's written application for a card payment, the
// operator's decision, and the 30-day deadline both of them see. Money is integer kopecks.
import { z } from 'zod';
import { kopecksSchema } from './accounts.ts';

/** How long the organization has to decide and return the money (the seed's policy). */
export const REFUND_DEADLINE_DAYS = 30;

/**
 * requested: waits for the operator; approved: the bank is refunding it right now; rejected: the
 * operator refused (`decisionNote` says why); refunded: the money went back to the card and the
 * payment left the balance; failed: the bank refused the refund for good.
 */
export const refundRequestStatusSchema = z.enum(['requested', 'approved', 'rejected', 'refunded', 'failed']);
export type RefundRequestStatus = z.infer<typeof refundRequestStatusSchema>;

export const createRefundRequestSchema = z.object({
  /** The written application: why the money should go back. */
  reason: z.string().trim().min(10).max(2000),
});
export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>;

export const refundRequestSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  status: refundRequestStatusSchema,
  reason: z.string(),
  requestedAt: z.iso.datetime({ offset: true }),
  /** requestedAt + 30 days: the organization's deadline. */
  dueAt: z.iso.datetime({ offset: true }),
  /** Still undecided after dueAt. */
  overdue: z.boolean(),
  /** Whole days until dueAt (negative once overdue); null once decided. */
  daysLeft: z.number().int().nullable(),
  decidedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The operator's reason for a rejection, visible to the subscriber. */
  decisionNote: z.string().nullable(),
});
export type RefundRequest = z.infer<typeof refundRequestSchema>;

export const refundRequestParamsSchema = z.object({ refundRequestId: z.uuid() });

const organizationIdSchema = z.object({
  /** Needed only by staff of more than one organization. */
  organizationId: z.uuid().optional(),
});
export const operatorRefundScopeQuerySchema = organizationIdSchema;

export const operatorRefundRequestsQuerySchema = organizationIdSchema.extend({
  status: refundRequestStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OperatorRefundRequestsQuery = z.infer<typeof operatorRefundRequestsQuerySchema>;

export const operatorRefundRequestSchema = refundRequestSchema.extend({
  accountId: z.uuid(),
  accountNumber: z.string(),
  /** The payment's amount: a refund returns all of it. */
  amount: kopecksSchema,
  gateway: z.enum(['sandbox', 'yookassa', 'tbank']),
  paidAt: z.iso.datetime({ offset: true }),
});
export type OperatorRefundRequest = z.infer<typeof operatorRefundRequestSchema>;

export const operatorRefundRequestsResponseSchema = z.object({
  organizationId: z.uuid(),
  total: z.number().int(),
  /** Open requests first, the nearest deadline first; then decided ones, newest first. */
  items: z.array(operatorRefundRequestSchema),
});
export type OperatorRefundRequestsResponse = z.infer<typeof operatorRefundRequestsResponseSchema>;

export const rejectRefundRequestSchema = z.object({
  /** Why not: the subscriber reads it. */
  note: z.string().trim().min(3).max(2000),
});

const DAY_MS = 24 * 60 * 60 * 1000;

export function isOpenRefundStatus(status: RefundRequestStatus): boolean {
  return status === 'requested' || status === 'approved';
}

/** Whether an undecided request is past its deadline, and how many days are left (null once decided). */
export function refundDeadline(
  status: RefundRequestStatus,
  dueAt: Date | string,
  now: Date,
): { overdue: boolean; daysLeft: number | null } {
  if (!isOpenRefundStatus(status)) return { overdue: false, daysLeft: null };
  const left = new Date(dueAt).getTime() - now.getTime();
  // "1 day left" until the last moment; "-1" from the first moment past the deadline.
  return { overdue: left < 0, daysLeft: left >= 0 ? Math.ceil(left / DAY_MS) : Math.floor(left / DAY_MS) };
}
