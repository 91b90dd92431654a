// Contracts of the organization's settings in the operator console (issue 7): requisites, registration,
// receipt options, branding and support. Staff read them; administrators change them. The requisites'
// control checks (src/shared/requisites.ts) run on the server and in the form alike; a failed check
// is a 400 VALIDATION_FAILED whose `details.fields` names each bad field.
import { z } from 'zod';
import type { RequisiteField, RequisiteProblem } from '../requisites.ts';
import { isStorablePaymentRulesText } from './payment-rules.ts';

/** The largest logo accepted, in bytes. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const RECEIPT_NOTE_MAX_LENGTH = 500;
export const OFFICE_HOURS_MAX_LENGTH = 500;

/** Text on one line: no control characters at all. */
const lineSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((text) => isStorablePaymentRulesText(text) && !/[\t\n\r]/.test(text), {
      message: 'One line of text without control characters.',
    });

/** Text over several lines (tab and line breaks allowed); blank means none. */
const notesSchema = (max: number) =>
  z
    .string()
    .refine(isStorablePaymentRulesText, { message: 'The text may not contain control characters.' })
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .refine((text) => [...text].length <= max, { message: `At most ${max} characters.` })
    .nullable();

/** Digits (and for KPP capital letters) only; the control checks decide the rest. */
const requisiteSchema = z.string().trim().max(20);

export const registrationModeSchema = z
  .enum(['self', 'invite', 'both'])
  .describe('self: subscribers register themselves; invite: by invitation only; both');
export const proofTypeSchema = z
  .enum(['last_payment', 'last_receipt_total'])
  .describe('What a subscriber proves the account with at registration');

export const accentColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour as #rrggbb.')
  .transform((color) => color.toLowerCase());

export const organizationSettingsSchema = z.object({
  organizationId: z.uuid(),
  kind: z.enum(['housing', 'isp']),
  /** Whether the caller may change them (administrators); operators read only. */
  canEdit: z.boolean(),
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
  registrationMode: registrationModeSchema,
  proofType: proofTypeSchema,
  /** The day of the month the receipt's amount is due. */
  paymentDueDay: z.number().int(),
  receiptShowQr: z.boolean(),
  receiptNote: z.string().nullable(),
  accentColor: z.string().nullable(),
  /** Where the logo is served (public, cached); null: no logo. Changes when the logo does. */
  logoUrl: z.string().nullable(),
  supportDeadlineDays: z.number().int(),
  officeHours: z.string().nullable(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/** PUT /api/v1/operator/settings/organization — every field, as GET returns them (administrators). */
export const updateOrganizationSettingsSchema = z.object({
  /** The full name as in the charter (e.g. ООО «…»), up to 300 characters. */
  name: lineSchema(300).pipe(z.string().min(1)),
  /** How subscribers know it, up to 160 characters. */
  shortName: lineSchema(160).pipe(z.string().min(1)),
  inn: requisiteSchema,
  /** null or empty: none (a person's 12-digit INN has no KPP). */
  kpp: requisiteSchema.nullable(),
  /** As printed in the payment QR code, which allows 45 characters. */
  bankName: lineSchema(45).pipe(z.string().min(1)),
  bic: requisiteSchema,
  settlementAccount: requisiteSchema,
  correspondentAccount: requisiteSchema,
  address: lineSchema(500).nullable(),
  phone: lineSchema(30).nullable(),
  email: z.union([z.literal(''), z.email().max(254)]).nullable(),
  registrationMode: registrationModeSchema,
  proofType: proofTypeSchema,
  paymentDueDay: z.number().int().min(1).max(28),
  receiptShowQr: z.boolean(),
  receiptNote: notesSchema(RECEIPT_NOTE_MAX_LENGTH),
  /** null: the portal's own colour. */
  accentColor: accentColorSchema.nullable(),
  /** Working days within which support answers a request. */
  supportDeadlineDays: z.number().int().min(1).max(30),
  officeHours: notesSchema(OFFICE_HOURS_MAX_LENGTH),
});
export type UpdateOrganizationSettings = z.input<typeof updateOrganizationSettingsSchema>;

/** `details` of the 400 a failed control check answers: the bad fields and why each failed. */
export interface RequisitesErrorDetails {
  fields: RequisiteField[];
  problems: Partial<Record<RequisiteField, RequisiteProblem>>;
}

export const organizationLogoParamsSchema = z.object({ organizationId: z.uuid() });
