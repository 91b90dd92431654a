// What applying a batch did, read from its `result` (a free-form object on the wire): each kind
// reports its own counts, so each shape is checked here before the page puts it into words.
import { z } from 'zod';

const periodResultSchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/),
  replaced: z.number(),
  inserted: z.number(),
});
const accountsResultSchema = z.object({ created: z.number(), updated: z.number() });
const servicesResultSchema = accountsResultSchema.extend({ tariffs: z.number() });
const paymentsResultSchema = z.object({
  added: z.number(),
  alreadyImported: z.number(),
  matchedCard: z.number(),
  flagged: z.array(z.object({ row: z.number(), reason: z.string() })),
});

export type ImportResult =
  | ({ shape: 'period' } & z.infer<typeof periodResultSchema>)
  | ({ shape: 'accounts' } & z.infer<typeof accountsResultSchema>)
  | ({ shape: 'services' } & z.infer<typeof servicesResultSchema>)
  | ({ shape: 'payments' } & z.infer<typeof paymentsResultSchema>)
  | { shape: 'unknown' };

export function readImportResult(kind: string, result: Record<string, unknown>): ImportResult {
  if (kind === 'statements' || kind === 'charges') {
    const parsed = periodResultSchema.safeParse(result);
    if (parsed.success) return { shape: 'period', ...parsed.data };
  }
  if (kind === 'accounts') {
    const parsed = accountsResultSchema.safeParse(result);
    if (parsed.success) return { shape: 'accounts', ...parsed.data };
  }
  if (kind === 'services') {
    const parsed = servicesResultSchema.safeParse(result);
    if (parsed.success) return { shape: 'services', ...parsed.data };
  }
  if (kind === 'payments') {
    const parsed = paymentsResultSchema.safeParse(result);
    if (parsed.success) return { shape: 'payments', ...parsed.data };
  }
  return { shape: 'unknown' };
}
