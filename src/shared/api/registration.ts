// Contracts of self-registration, e-mail confirmation and password reset (/api/v1/organizations,
// /api/v1/auth/register, /confirm, /password-reset).
import { z } from 'zod';
import { parseRubles } from '../money.ts';
import { localeSchema } from './auth.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PERSONAL_DATA_POLICY_VERSION = '2026-11-01';

export const emailSchema = z.string().trim().max(254).pipe(z.email());
export const newPasswordSchema = z.string().min(1).max(1024);

export const organizationSearchQuerySchema = z.object({ query: z.string().trim().min(2).max(100) });

export const publicOrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(['housing', 'isp']),
  city: z.string().nullable(),
  inn: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  registrationMode: z.enum(['self', 'invite', 'both']),
  /** What the subscriber must type as proof: the last payment, or "итого к оплате" of the last receipt. */
  proofType: z.enum(['last_payment', 'last_receipt_total']),
});
export type PublicOrganization = z.infer<typeof publicOrganizationSchema>;

export const organizationSearchResponseSchema = z.object({
  organizations: z.array(publicOrganizationSchema),
});

export const registerRequestSchema = z.object({
  organizationId: z.uuid(),
  accountNumber: z.string().trim().min(1).max(30),
  /** Rubles as people type them: `1234,56`, `1 234.56`, `1234`. */
  proof: z
    .string()
    .max(40)
    .refine((text) => parseRubles(text) !== null, 'Expected an amount in rubles, e.g. 1234,56'),
  email: emailSchema,
  password: newPasswordSchema,
  /** Consent to the personal data processing policy (152-ФЗ); required. */
  consent: z.literal(true),
  locale: localeSchema.default('ru'),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const checkEmailResponseSchema = z.object({ status: z.literal('check_email') });

export const tokenRequestSchema = z.object({ token: z.string().min(20).max(200) });

/** Following the registration link needs the password chosen at registration (proves it is the registrant). */
export const confirmRequestSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(1).max(1024),
});

export const confirmResponseSchema = z.object({
  status: z.literal('registered'),
  email: z.string(),
  accountNumber: z.string(),
});

export const passwordResetRequestSchema = z.object({
  email: emailSchema,
  locale: localeSchema.default('ru'),
});

export const passwordResetConfirmSchema = z.object({
  token: z.string().min(20).max(200),
  password: newPasswordSchema,
});

export const passwordChangedResponseSchema = z.object({ status: z.literal('password_changed') });

export type PasswordProblem = 'too_short' | 'common' | 'contains_email';

/** The checks the browser can make itself (the common-password list stays on the server). */
export function quickPasswordProblems(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  const lowered = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  if (address && (lowered === address || (localPart.length >= 4 && lowered.includes(localPart)))) {
    problems.push('contains_email');
  }
  return problems;
}
