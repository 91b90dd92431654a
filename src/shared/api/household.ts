// Contracts of account membership: linking more accounts, households (members and viewers),
// invitations by owners and by operators.
import { z } from 'zod';
import { emailSchema, newPasswordSchema, registerRequestSchema } from './registration.ts';

export const memberRoleSchema = z.enum(['owner', 'member', 'viewer']);

export const linkAccountRequestSchema = registerRequestSchema.pick({
  organizationId: true,
  accountNumber: true,
  proof: true,
});

export const linkedAccountResponseSchema = z.object({ accountId: z.uuid(), accountNumber: z.string() });

export const membersResponseSchema = z.object({
  members: z.array(
    z.object({
      userId: z.uuid(),
      email: z.string(),
      name: z.string().nullable(),
      role: memberRoleSchema,
      you: z.boolean(),
    }),
  ),
  invitations: z.array(
    z.object({ id: z.uuid(), email: z.string(), role: memberRoleSchema, expiresAt: z.iso.datetime() }),
  ),
});

export const inviteMemberRequestSchema = z.object({
  email: emailSchema,
  /** `member` pays, submits readings and sees everything; `viewer` only reads. */
  role: z.enum(['member', 'viewer']),
});

export const operatorInvitationRequestSchema = z.object({ email: emailSchema });

export const memberParamsSchema = z.object({ accountId: z.uuid(), userId: z.uuid() });

export const invitationParamsSchema = z.object({ accountId: z.uuid(), invitationId: z.uuid() });

export const invitationTokenSchema = z.object({ token: z.string().min(20).max(200) });

export const invitationDetailsSchema = z.object({
  organizationName: z.string(),
  accountNumber: z.string(),
  role: memberRoleSchema,
  email: z.string(),
  /** No user has this e-mail yet: accepting needs a password and consent. */
  needsPassword: z.boolean(),
});

export const acceptInvitationRequestSchema = z.object({
  token: z.string().min(20).max(200),
  password: newPasswordSchema.optional(),
  consent: z.literal(true).optional(),
});

export const acceptInvitationResponseSchema = z.object({
  status: z.literal('linked'),
  email: z.string(),
  accountNumber: z.string(),
});
