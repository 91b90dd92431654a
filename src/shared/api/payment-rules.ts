// Contracts of an organization's own «Правила оплаты» (issue 6, item 5): the public page's text and
// the staff settings that change it. The text is plain text — paragraphs separated by blank lines,
// lines starting with "- " as list items — and never HTML; the web app renders it as text.
import { z } from 'zod';
import { localeSchema } from './auth.ts';

/** The most characters (Unicode code points, as PostgreSQL's length() counts them) one text may have. */
export const PAYMENT_RULES_MAX_LENGTH = 20_000;

/** The text as it is stored: one kind of line break, no blank lines or spaces around it. */
export function normalizePaymentRulesText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/**
 * Whether the text can be stored and shown as it is: no control characters but tab and line breaks
 * (PostgreSQL refuses NUL in text, and the rest have no place in a page of rules), and no lone
 * surrogates (they cannot be encoded as UTF-8).
 */
export function isStorablePaymentRulesText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code < 0x20 || code === 0x7f) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

const paymentRulesTextSchema = z
  .string()
  .refine(isStorablePaymentRulesText, {
    message: 'The text may not contain control characters.',
  })
  .refine((text) => [...normalizePaymentRulesText(text)].length <= PAYMENT_RULES_MAX_LENGTH, {
    message: `At most ${PAYMENT_RULES_MAX_LENGTH} characters.`,
  })
  .describe(
    'Plain text, not HTML: paragraphs separated by a blank line, lines starting with "- " are list items',
  );

/** GET /api/v1/organizations/:organizationId/payment-rules — public: the rules are a public offer. */
export const paymentRulesParamsSchema = z.object({ organizationId: z.uuid() });
export const paymentRulesQuerySchema = z.object({ locale: localeSchema.default('ru') });

export const publicPaymentRulesSchema = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  locale: localeSchema,
  /** null: the organization has no text of its own in this language; show the default rules. */
  body: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PublicPaymentRules = z.infer<typeof publicPaymentRulesSchema>;

/** GET/PUT /api/v1/operator/settings/payment-rules — the organization's texts per language. */
export const paymentRulesSettingsSchema = z.object({
  ru: z.string().nullable(),
  en: z.string().nullable(),
});
export type PaymentRulesSettings = z.infer<typeof paymentRulesSettingsSchema>;

export const updatePaymentRulesSchema = z.object({
  /** null or an empty text removes the organization's text, so the default rules show again. */
  ru: paymentRulesTextSchema.nullable(),
  en: paymentRulesTextSchema.nullable(),
});
export type UpdatePaymentRules = z.infer<typeof updatePaymentRulesSchema>;
