// Contracts of the operator's exports for other systems (issue 7): the period's card payments for
// the billing system and the registered subscribers for reconciliation with ГИС ЖКХ. Readings have
// their own batches (readings.ts). Files are CSV (";", header row, UTF-8 with BOM or Windows-1251)
// or JSON, streamed.
import { z } from 'zod';
import { periodSchema } from './accounts.ts';

export const exportEncodingSchema = z.enum(['utf-8', 'windows-1251']);
export type ExportEncoding = z.infer<typeof exportEncodingSchema>;
export const exportFormatSchema = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

const fileQuery = {
  /** Needed only by staff of more than one organization. */
  organizationId: z.uuid().optional(),
  format: exportFormatSchema.default('csv'),
  /** Of the CSV file; JSON is always UTF-8. */
  encoding: exportEncodingSchema.default('utf-8'),
};

export const paymentsExportQuerySchema = z.object({
  ...fileQuery,
  /** The month the payments were credited in, in the organization's time zone. */
  period: periodSchema,
});
export type PaymentsExportQuery = z.infer<typeof paymentsExportQuerySchema>;

export const subscribersExportQuerySchema = z.object(fileQuery);
export type SubscribersExportQuery = z.infer<typeof subscribersExportQuerySchema>;

/** One line of the payments file (JSON keys; the CSV has the same columns in this order). */
export const paymentExportLineSchema = z.object({
  accountNumber: z.string(),
  /** Kopecks in JSON; rubles with a comma in CSV. */
  amount: z.number().int(),
  /** ISO time in JSON; dd.mm.yyyy hh:mm in the organization's time zone in CSV. */
  paidAt: z.string(),
  paymentId: z.uuid(),
  gateway: z.string().nullable(),
  gatewayPaymentId: z.string().nullable(),
  status: z.enum(['credited', 'refunded']),
});
export type PaymentExportLine = z.infer<typeof paymentExportLineSchema>;

/** One line of the subscribers file: no e-mail, phone or name (152-ФЗ: not needed to reconcile). */
export const subscriberExportLineSchema = z.object({
  accountNumber: z.string(),
  els: z.string().nullable(),
  izhku: z.string().nullable(),
  address: z.string().nullable(),
  role: z.enum(['owner', 'member', 'viewer']),
  /** When the person linked the account (ISO in JSON, dd.mm.yyyy in CSV). */
  registeredAt: z.string(),
  emailConfirmed: z.boolean(),
});
export type SubscriberExportLine = z.infer<typeof subscriberExportLineSchema>;
