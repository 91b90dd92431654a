// Contracts of /api/v1/auth/* and /api/v1/me.
import { z } from 'zod';
import { accountListItemSchema } from './accounts.ts';

export const localeSchema = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const loginRequestSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  /** The authenticator code (6 digits) or a recovery code, when two-factor is on. */
  totp: z.string().trim().min(6).max(20).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  locale: localeSchema,
});
export type User = z.infer<typeof userSchema>;

export const staffRoleSchema = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  role: z.enum(['operator', 'admin']),
});

export const loginResponseSchema = z.object({
  /** Session token: send as `Authorization: Bearer <token>` (apps, curl). The browser uses the cookie. */
  token: z.string(),
  /** Send as the `X-CSRF-Token` header with state-changing requests authenticated by the cookie. */
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({
  user: userSchema,
  accounts: z.array(accountListItemSchema),
  staff: z.array(staffRoleSchema),
  /** `required` for staff and platform admins: until it is enabled, staff routes answer 403 TWO_FACTOR_REQUIRED. */
  twoFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
  /** Runs this instance (organizations, staff invitations, health): shows the admin entry. */
  platformAdmin: z.boolean(),
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'abonent_session';
