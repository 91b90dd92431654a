// Contracts of an organization's card-payment gateway (issue 6): which acquirer, its public merchant
// id, and the receipt's VAT. The secret (YooKassa secret key, T-Bank password) is write-only.
import { z } from 'zod';

export const paymentGatewayKindSchema = z.enum(['sandbox', 'yookassa', 'tbank']);
export const paymentVatSchema = z
  .enum(['none', 'vat0', 'vat10', 'vat20'])
  .describe('VAT of the fiscal receipt items (54-ФЗ): none = без НДС');
export const paymentTaxationSchema = z
  .enum(['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent'])
  .describe("The organization's tax system (T-Bank's Receipt.Taxation)");

export const paymentGatewaySettingsSchema = z.object({
  /** null: the organization takes no card payments (people pay by the receipt's QR code). */
  gateway: paymentGatewayKindSchema.nullable(),
  /** YooKassa shopId or T-Bank TerminalKey. */
  merchantId: z.string().nullable(),
  /** Whether a secret is stored; the secret itself is never returned. */
  hasSecret: z.boolean(),
  apiUrl: z.url().nullable(),
  vat: paymentVatSchema,
  taxation: paymentTaxationSchema,
  /** Where this organization's gateway must send its notifications. */
  notificationUrl: z.url().nullable(),
});
export type PaymentGatewaySettings = z.infer<typeof paymentGatewaySettingsSchema>;

export const updatePaymentGatewaySettingsSchema = z.object({
  gateway: paymentGatewayKindSchema,
  merchantId: z.string().trim().min(1).max(100).nullable().optional(),
  /** Omit to keep the stored secret. */
  secret: z.string().min(1).max(500).optional(),
  /** Only for tests against a local bank; production uses the acquirer's documented address. */
  apiUrl: z.url().max(500).nullable().optional(),
  vat: paymentVatSchema.default('none'),
  taxation: paymentTaxationSchema.default('usn_income'),
});
export type UpdatePaymentGatewaySettings = z.infer<typeof updatePaymentGatewaySettingsSchema>;
