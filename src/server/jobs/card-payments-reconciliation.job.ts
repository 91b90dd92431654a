// The daily reconciliation of card payments with their gateways (ADR 0011). Queued every hour by
// each process running workers, so a restart or a failed run does not lose the day; each
// organization is reconciled at most once per day in its time zone (a stored report per
// organization and day, claimed before the gateway is asked), so the overlaps are harmless.
import { z } from 'zod';
import type { JobDefinition } from './job-queue.ts';

export const cardPaymentsReconciliationJob = {
  name: 'card-payments-reconciliation',
  payload: z.object({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
} satisfies JobDefinition<z.ZodType>;
