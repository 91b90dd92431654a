// A scan for receipts to mail to the people who asked for them (profile: «Присылать квитанции на
// e-mail»). Queued every few minutes with the reminder scans; idempotent (receipt_deliveries).
import { z } from 'zod';
import type { JobDefinition } from './job-queue.ts';

export const receiptEmailsJob = {
  name: 'receipt-emails',
  payload: z.object({}),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
} satisfies JobDefinition<z.ZodType>;
