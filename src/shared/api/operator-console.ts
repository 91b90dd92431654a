// Contracts of the operator console: /api/v1/operator/overview and /api/v1/operator/accounts*.
// Staff of one organization see its accounts unmasked; every account view is audited (152-ФЗ).
import { z } from 'zod';
import {
  chargesResponseSchema,
  dateSchema,
  kopecksSchema,
  organizationKindSchema,
  paymentsResponseSchema,
  periodSchema,
  summaryResponseSchema,
} from './accounts.ts';
import { memberRoleSchema } from './household.ts';
import { metersResponseSchema } from './readings.ts';

export const consoleOrganizationQuerySchema = z.object({
  /** Needed only by staff of more than one organization. */
  organizationId: z.uuid().optional(),
});

export const importBatchSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.string(),
  fileName: z.string().nullable(),
  /** Rows read from the file so far, and the rows refused. */
  rowsRead: z.number().int(),
  errorCount: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const operatorOverviewSchema = z.object({
  organization: z.object({
    id: z.uuid(),
    name: z.string(),
    kind: organizationKindSchema,
    timezone: z.string(),
  }),
  /** Today in the organization's time zone. */
  today: dateSchema,
  accounts: z.object({
    total: z.number().int(),
    /** Accounts with an owner in the portal. */
    registered: z.number().int(),
    /** registered / total, 0…1 (0 without accounts). */
    registeredShare: z.number(),
  }),
  readings: z.object({
    /** The period readings count for now (as subscribers see it). */
    period: periodSchema,
    windowOpen: z.boolean(),
    /** Active meters with a reading that counts (accepted or included) for the period. */
    metersRead: z.number().int(),
    metersActive: z.number().int(),
  }),
  paymentsToday: z.object({ count: z.number().int(), amount: kopecksSchema }),
  /** Payments credited per day over the last 14 days (organization time zone), oldest first. */
  paymentsByDay: z.array(z.object({ date: dateSchema, count: z.number().int(), amount: kopecksSchema })),
  /** Tickets arrive with a later issue: until then `available` is false and `open` is 0. */
  tickets: z.object({ available: z.boolean(), open: z.number().int() }),
  /** The latest import batches, newest first. */
  recentImports: z.array(importBatchSchema),
});
export type OperatorOverview = z.infer<typeof operatorOverviewSchema>;

export const ACCOUNT_SEARCH_MAX_LIMIT = 100;

export const accountSearchQuerySchema = consoleOrganizationQuerySchema.extend({
  /** Account number (prefix), address or holder name (substring, any case); empty lists all. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ACCOUNT_SEARCH_MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AccountSearchQuery = z.infer<typeof accountSearchQuerySchema>;

export const accountSearchItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  address: z.string().nullable(),
  holderName: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  /** Has an owner in the portal. */
  registered: z.boolean(),
});
export type AccountSearchItem = z.infer<typeof accountSearchItemSchema>;

export const accountSearchResponseSchema = z.object({
  total: z.number().int(),
  items: z.array(accountSearchItemSchema),
});
export type AccountSearchResponse = z.infer<typeof accountSearchResponseSchema>;

export const operatorAccountParamsSchema = z.object({ accountId: z.uuid() });

export const operatorAccountMemberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: memberRoleSchema,
});

/** The account as its subscriber sees it, plus who is on it: read-only, and each read is audited. */
export const operatorAccountResponseSchema = z.object({
  account: z.object({
    id: z.uuid(),
    number: z.string(),
    address: z.string().nullable(),
    holderName: z.string().nullable(),
    status: z.enum(['active', 'closed']),
    openedAt: dateSchema.nullable(),
  }),
  summary: summaryResponseSchema,
  charges: chargesResponseSchema,
  payments: paymentsResponseSchema,
  meters: metersResponseSchema,
  members: z.array(operatorAccountMemberSchema),
});
export type OperatorAccountResponse = z.infer<typeof operatorAccountResponseSchema>;

export const operatorInvitationsResponseSchema = z.object({
  invitations: z.array(
    z.object({ id: z.uuid(), email: z.string(), role: memberRoleSchema, expiresAt: z.iso.datetime() }),
  ),
});
export type OperatorInvitationsResponse = z.infer<typeof operatorInvitationsResponseSchema>;

export const operatorInvitationParamsSchema = z.object({ accountId: z.uuid(), invitationId: z.uuid() });

export const operatorMemberParamsSchema = z.object({ accountId: z.uuid(), userId: z.uuid() });

export const passwordResetSentSchema = z.object({ status: z.literal('sent') });
