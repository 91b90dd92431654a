// Contracts of /api/v1/profile: personal details, password change, sessions, security activity.
import { z } from 'zod';
import { localeSchema, userSchema } from './auth.ts';
import { emailSchema, newPasswordSchema } from './registration.ts';

export const profileSchema = userSchema.extend({
  phone: z.string().nullable(),
  /** E-mail on the first day of the reading window when a meter still needs a reading. */
  readingReminders: z.boolean(),
  /** E-mail 30 days before a meter's verification date. */
  verificationReminders: z.boolean(),
  /** «Присылать квитанции на e-mail»: each month's receipt PDF, once per period and version. */
  receiptEmails: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profileUpdateSchema = z
  .object({
    name: z.string().trim().max(200).nullable(),
    /** Russian numbers as people type them; stored as +7XXXXXXXXXX. */
    phone: z
      .string()
      .trim()
      .max(30)
      .transform((text) => text.replace(/[\s()-]/g, ''))
      .pipe(z.string().regex(/^(\+7|8)\d{10}$/, 'Expected a phone number like +7 900 123-45-67'))
      .transform((digits) => `+7${digits.slice(-10)}`)
      .nullable(),
    locale: localeSchema,
    readingReminders: z.boolean(),
    verificationReminders: z.boolean(),
    receiptEmails: z.boolean(),
  })
  .partial()
  .refine((update) => Object.keys(update).length > 0, 'Nothing to change');

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: newPasswordSchema,
});

export const sessionListSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.uuid(),
      createdAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});

export const sessionIdParamsSchema = z.object({ sessionId: z.uuid() });

export const securityActivitySchema = z.object({
  events: z.array(z.object({ action: z.string(), at: z.iso.datetime(), ip: z.string().nullable() })),
});

export const emailChangeSchema = z.object({ newEmail: emailSchema, password: z.string().min(1).max(1024) });

export const emailChangeConfirmSchema = z.object({ token: z.string().min(20).max(200) });

export const emailChangedResponseSchema = z.object({ status: z.literal('email_changed'), email: z.string() });
