// Contracts of /api/v1/accounts/:accountId/receipts/*: the monthly payment document (ЕПД) as data.
// Money is integer kopecks; periods 'YYYY-MM'; dates 'YYYY-MM-DD'; volumes and tariffs exact decimals.
// The PDF (…/receipts/:period.pdf) is drawn from exactly this data, so both always agree.
import { z } from 'zod';
import {
  chargeLineSchema,
  dateSchema,
  decimalSchema,
  kopecksSchema,
  organizationKindSchema,
  periodSchema,
} from './accounts.ts';
import { meterResourceSchema } from './readings.ts';

export const receiptParamsSchema = z.object({ accountId: z.uuid(), period: periodSchema });

export const receiptListItemSchema = z.object({
  period: periodSchema,
  /** What the period's statement charged: charged + recalculation − benefit + penalties. */
  charged: kopecksSchema,
  /** The statement's closing balance (debt > 0, advance < 0). */
  closing: kopecksSchema,
  /** max(closing, 0): the sum printed on the receipt and in its QR code. */
  amountDue: kopecksSchema,
  dueDate: dateSchema,
});
export type ReceiptListItem = z.infer<typeof receiptListItemSchema>;

export const receiptsResponseSchema = z.object({
  accountId: z.uuid(),
  /** Newest first; one per month with a statement. */
  receipts: z.array(receiptListItemSchema),
});
export type ReceiptsResponse = z.infer<typeof receiptsResponseSchema>;

/** A charge line (volume × tariff = charged; charged + recalculation − benefit = total) with its formula. */
export const receiptLineSchema = chargeLineSchema.extend({
  /** The same, written out in rubles: "3.25 × 45.67 = 148.43; 148.43 + 0.00 − 0.00 = 148.43". */
  formula: z.string(),
});
export type ReceiptLine = z.infer<typeof receiptLineSchema>;

export const receiptMeterSchema = z.object({
  meterId: z.uuid(),
  resource: meterResourceSchema,
  serialNumber: z.string(),
  /** 1-based; a multi-tariff electricity meter has a row per register. */
  register: z.number().int().min(1).max(3),
  /** 'день', 'ночь', … for multi-register meters; null for a single register. */
  registerName: z.string().nullable(),
  unit: z.string(),
  /** The value that counted for the latest earlier period. */
  previous: z.object({ period: periodSchema, value: decimalSchema }).nullable(),
  /** The value that counts for this period; `estimated` when the organization charged by an average. */
  current: z.object({ period: periodSchema, value: decimalSchema, estimated: z.boolean() }).nullable(),
});
export type ReceiptMeter = z.infer<typeof receiptMeterSchema>;

export const receiptSchema = z.object({
  accountId: z.uuid(),
  kind: organizationKindSchema,
  period: periodSchema,
  /** Changes whenever any data printed on the receipt changes (a hash of this document). */
  dataVersion: z.string(),
  payer: z.object({
    accountNumber: z.string(),
    holderName: z.string().nullable(),
    address: z.string().nullable(),
    /** Total area, m² (housing only). */
    area: decimalSchema.nullable(),
    residents: z.number().int().nullable(),
  }),
  payee: z.object({
    name: z.string(),
    shortName: z.string(),
    inn: z.string(),
    kpp: z.string().nullable(),
    bankName: z.string(),
    bic: z.string(),
    settlementAccount: z.string(),
    correspondentAccount: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  dueDate: dateSchema,
  lines: z.array(receiptLineSchema),
  /** closing = opening + charged + recalculation − benefit + penalties − paid */
  totals: z.object({
    /** Debt (> 0) or advance (< 0) at the start of the period. */
    opening: kopecksSchema,
    /** Sum of the lines' `charged`. */
    charged: kopecksSchema,
    recalculation: kopecksSchema,
    benefit: kopecksSchema,
    penalties: kopecksSchema,
    /** Payments received during the period. */
    paid: kopecksSchema,
    closing: kopecksSchema,
    /** max(closing, 0): to pay by `dueDate`. */
    amountDue: kopecksSchema,
  }),
  /** Housing: readings of the period and the one before; ISP: empty. */
  meters: z.array(receiptMeterSchema),
  /** ISP: the last day the account's money covers its monthly services; housing: null. */
  paidUntil: dateSchema.nullable(),
  /** The ГОСТ Р 56042-2014 payload printed as the QR code (ST00012…). */
  qrPayload: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;
