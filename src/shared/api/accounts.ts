// Contracts of the subscriber read API: /api/v1/accounts/*. Money is integer kopecks;
// periods are 'YYYY-MM'; dates 'YYYY-MM-DD'; volumes and tariffs are exact decimal strings.
import { z } from 'zod';
import { isPeriod } from '../period.ts';

export const kopecksSchema = z.number().int().describe('Integer kopecks');
export const periodSchema = z.string().refine(isPeriod, 'Expected a month as YYYY-MM');
export const dateSchema = z.iso.date();
export const decimalSchema = z.string().regex(/^-?\d+(\.\d+)?$/);

export const organizationKindSchema = z.enum(['housing', 'isp']);

export const accountIdParamsSchema = z.object({ accountId: z.uuid() });

export const accountListItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  address: z.string().nullable(),
  holderName: z.string().nullable(),
  role: z.enum(['owner', 'member', 'viewer']),
  organization: z.object({ id: z.uuid(), name: z.string(), kind: organizationKindSchema }),
});
export type AccountListItem = z.infer<typeof accountListItemSchema>;

export const accountsResponseSchema = z.object({ accounts: z.array(accountListItemSchema) });

export const statementSchema = z.object({
  period: periodSchema,
  opening: kopecksSchema,
  charged: kopecksSchema,
  recalculation: kopecksSchema,
  benefit: kopecksSchema,
  penalties: kopecksSchema,
  paid: kopecksSchema,
  closing: kopecksSchema,
  dueDate: dateSchema,
});
export type Statement = z.infer<typeof statementSchema>;

export const chargeLineSchema = z.object({
  serviceCode: z.string(),
  serviceName: z.string(),
  unit: z.string(),
  volume: decimalSchema.nullable(),
  tariff: decimalSchema,
  charged: kopecksSchema,
  recalculation: kopecksSchema,
  benefit: kopecksSchema,
  /** charged + recalculation − benefit */
  total: kopecksSchema,
});
export type ChargeLine = z.infer<typeof chargeLineSchema>;

export const paymentSchema = z.object({
  id: z.uuid(),
  amount: kopecksSchema,
  paidAt: z.iso.datetime({ offset: true }),
  source: z.enum(['card', 'bank', 'cash_office', 'gis_zhkh']),
  status: z.enum(['pending', 'credited', 'failed', 'refunded']),
});
export type Payment = z.infer<typeof paymentSchema>;

export const summaryResponseSchema = z.object({
  accountId: z.uuid(),
  /** Debt when positive, advance when negative: last statement's closing minus payments after it. */
  balance: kopecksSchema,
  /** What to pay now: max(balance, 0). */
  amountDue: kopecksSchema,
  /** Something is still owed after the due date (in the organization's time zone). */
  overdue: z.boolean(),
  /** Period of the latest statement (receipt), null before the first one. */
  currentPeriod: periodSchema.nullable(),
  dueDate: dateSchema.nullable(),
  statement: statementSchema.nullable(),
  /** Credited payments made after the latest statement's period. */
  paidSinceStatement: kopecksSchema,
  lastPayment: paymentSchema.nullable(),
  metersDue: z.array(z.object({ meterId: z.uuid(), resource: z.string(), serialNumber: z.string() })),
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;

export const periodRangeQuerySchema = z.object({
  from: periodSchema.optional(),
  to: periodSchema.optional(),
});

export const chargesResponseSchema = z.object({
  accountId: z.uuid(),
  from: periodSchema,
  to: periodSchema,
  /** Newest first; only periods that have a statement or charges. */
  periods: z.array(
    z.object({
      period: periodSchema,
      statement: statementSchema.nullable(),
      lines: z.array(chargeLineSchema),
      total: kopecksSchema,
    }),
  ),
});
export type ChargesResponse = z.infer<typeof chargesResponseSchema>;

/** A payment in the history: a card payment made here links to its order and timeline. */
export const paymentHistoryItemSchema = paymentSchema.extend({
  /** The card payment (GET /api/v1/payments/:paymentId) this money came from; null for other channels. */
  cardPaymentId: z.uuid().nullable(),
});
export type PaymentHistoryItem = z.infer<typeof paymentHistoryItemSchema>;

export const paymentsResponseSchema = z.object({
  accountId: z.uuid(),
  from: periodSchema,
  to: periodSchema,
  /** Newest first. */
  payments: z.array(paymentHistoryItemSchema),
  total: kopecksSchema,
});
export type PaymentsResponse = z.infer<typeof paymentsResponseSchema>;
