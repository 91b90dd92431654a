// Contracts of the platform admin's pages (issue 7): organizations of the instance, inviting an
// organization's first staff member, and the instance's health with its job queue. The requisites
// are checked here so that the web form and the API refuse the same things.
import { z } from 'zod';
import { checkRequisites, type RequisiteField } from '../requisites.ts';
import { emailSchema, newPasswordSchema } from './registration.ts';

const digits = (text: string) => text.replace(/\s+/g, '');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable()
    .optional();

export const organizationKindSchema = z.enum(['housing', 'isp']);

/**
 * Fields whose requisites fail their control checks (empty when all pass) — the checks of
 * src/shared/requisites.ts that the organization settings use too, so the web form and the API
 * refuse the same things.
 */
export function requisitesProblems(requisites: {
  inn: string;
  kpp?: string | null;
  bic: string;
  settlementAccount: string;
  correspondentAccount: string;
}): RequisiteField[] {
  return Object.keys(checkRequisites(requisites)) as RequisiteField[];
}

export const createOrganizationRequestSchema = z
  .object({
    kind: organizationKindSchema,
    name: z.string().trim().min(3).max(300),
    shortName: z.string().trim().min(2).max(160),
    inn: z.string().transform(digits),
    kpp: z
      .string()
      .transform((value) => digits(value).toUpperCase() || null)
      .nullable()
      .optional(),
    /** At most 45 characters: the payment QR code (ГОСТ Р 56042) allows no more. */
    bankName: z.string().trim().min(2).max(45),
    bic: z.string().transform(digits),
    settlementAccount: z.string().transform(digits),
    correspondentAccount: z.string().transform(digits),
    address: optionalText(500),
    phone: optionalText(50),
    email: emailSchema.nullable().optional(),
    /** IANA name, e.g. Europe/Moscow. */
    timezone: z.string().trim().min(1).max(64).default('Europe/Moscow'),
  })
  .superRefine((body, context) => {
    for (const field of requisitesProblems(body))
      context.addIssue({ code: 'custom', path: [field], message: `The ${field} fails its control check.` });
  });
export type CreateOrganizationRequest = z.input<typeof createOrganizationRequestSchema>;

export const adminOrganizationSchema = z.object({
  id: z.uuid(),
  kind: organizationKindSchema,
  name: z.string(),
  shortName: z.string(),
  inn: z.string(),
  kpp: z.string().nullable(),
  timezone: z.string(),
  accountCount: z.number().int(),
  /** Accounts with at least one registered person. */
  registeredAccountCount: z.number().int(),
  staffCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type AdminOrganization = z.infer<typeof adminOrganizationSchema>;

export const adminOrganizationsResponseSchema = z.object({ organizations: z.array(adminOrganizationSchema) });

export const adminOrganizationParamsSchema = z.object({ organizationId: z.uuid() });

export const staffInvitationRequestSchema = z.object({
  email: emailSchema,
  /** The first staff member is usually the organization's administrator. */
  role: z.enum(['operator', 'admin']).default('admin'),
});
export type StaffInvitationRequest = z.input<typeof staffInvitationRequestSchema>;

export const staffInvitationResponseSchema = z.object({
  status: z.literal('invited'),
  email: z.string(),
  role: z.enum(['operator', 'admin']),
  expiresAt: z.iso.datetime(),
});

/** The invited person's side: what the link is for, then accepting it. */
export const staffInvitationTokenSchema = z.object({ token: z.string().min(20).max(200) });

export const staffInvitationDetailsSchema = z.object({
  organizationName: z.string(),
  role: z.enum(['operator', 'admin']),
  email: z.string(),
  /** No user has this e-mail yet: accepting needs a password and consent. */
  needsPassword: z.boolean(),
});

export const acceptStaffInvitationRequestSchema = z.object({
  token: z.string().min(20).max(200),
  password: newPasswordSchema.optional(),
  consent: z.literal(true).optional(),
});

export const acceptStaffInvitationResponseSchema = z.object({
  status: z.literal('joined'),
  email: z.string(),
  organizationName: z.string(),
});

export const jobQueueStatsSchema = z.object({
  name: z.string(),
  /** Waiting to run (created or waiting for a retry). */
  queued: z.number().int(),
  active: z.number().int(),
  /** Failed for good within the last 24 hours. */
  failedLastDay: z.number().int(),
  completedLastDay: z.number().int(),
});

export const failedJobSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  failedAt: z.iso.datetime(),
  retries: z.number().int(),
  /** The error message pg-boss kept, cut to 300 characters. */
  error: z.string().nullable(),
});

export const instanceHealthSchema = z.object({
  database: z.object({
    kind: z.enum(['postgres', 'pglite']),
    ok: z.boolean(),
    latencyMs: z.number(),
  }),
  /** The newest applied migration and how many there are. */
  migrations: z.object({ latest: z.string().nullable(), applied: z.number().int() }),
  uptimeSeconds: z.number().int(),
  memory: z.object({ rssBytes: z.number().int(), heapUsedBytes: z.number().int() }),
  nodeVersion: z.string(),
  worker: z.boolean(),
  queues: z.array(jobQueueStatsSchema),
  failedJobs: z.array(failedJobSchema),
  checkedAt: z.iso.datetime(),
});
export type InstanceHealth = z.infer<typeof instanceHealthSchema>;
