// Contracts of imports from the billing system (issue 7) and of the organization's API keys.
// A file is sent as the request body as it is (CSV, XLSX or JSON); the answer is its batch, whose
// progress the client polls until it is applied or rejected. Docs: docs/import-formats.md.
import { z } from 'zod';

export const importKinds = ['accounts', 'services', 'charges', 'statements', 'payments', 'readings'] as const;
export const importKindSchema = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKindSchema>;
/** The kinds this version accepts; the rest are documented as planned. */
export const supportedImportKinds = [
  'accounts',
  'services',
  'charges',
  'statements',
  'payments',
] as const satisfies readonly ImportKind[];

export const importStatusSchema = z.enum(['queued', 'checking', 'applying', 'applied', 'rejected', 'failed']);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const API_KEY_HEADER = 'x-api-key';
/** The largest file one import takes (a month of charges for 100,000 accounts is about 60 MB). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export const importIssueSchema = z.object({
  row: z.number().int().describe('CSV line or sheet row (the header is 1); JSON item from 1; 0 = the file'),
  column: z.string(),
  value: z.string(),
  code: z.string().describe('Stable reason code, e.g. unknown_account, money_format'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string().describe("The reason in the requested language (?lang=ru|en, default the caller's)"),
});

export const importBatchSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  kind: importKindSchema,
  format: z.enum(['csv', 'xlsx', 'json']),
  fileName: z.string().nullable(),
  byteSize: z.number().int(),
  status: importStatusSchema,
  rowsRead: z.number().int(),
  rowsChecked: z.number().int(),
  rowsApplied: z.number().int(),
  errorCount: z.number().int(),
  result: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const importDetailsSchema = importBatchSchema.extend({
  /** The first bad rows (all of them are in the report download). */
  issues: z.array(importIssueSchema),
});
export type ImportDetails = z.infer<typeof importDetailsSchema>;

export const createImportResponseSchema = z.object({
  import: importBatchSchema,
  /** The same file (same bytes) was sent before: this is that batch, and nothing was done again. */
  duplicate: z.boolean(),
});

export const importKindParamsSchema = z.object({ kind: importKindSchema });
export const importParamsSchema = z.object({ importId: z.uuid() });
export const createImportQuerySchema = z.object({
  organizationId: z.uuid().optional(),
  fileName: z.string().max(255).optional(),
});
export const importQuerySchema = z.object({
  organizationId: z.uuid().optional(),
  lang: z.enum(['ru', 'en']).optional(),
});
export const importsListQuerySchema = z.object({
  organizationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const importsListResponseSchema = z.object({ imports: z.array(importBatchSchema) });

export const apiKeyScopeSchema = z.enum(['imports', 'exports']);
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export const apiKeysResponseSchema = z.object({ keys: z.array(apiKeySchema) });
export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiKeyScopeSchema).min(1).max(2),
});
export const createApiKeyResponseSchema = z.object({
  key: apiKeySchema,
  /** Shown once: only its SHA-256 is kept. */
  secret: z.string(),
});
export const apiKeyParamsSchema = z.object({ keyId: z.uuid() });
