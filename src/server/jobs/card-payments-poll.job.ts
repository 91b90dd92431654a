// Asks the gateways about card payments still open after 5 minutes: the fallback when a
// notification is lost (ADR 0011). Queued every 2 minutes by each process running workers;
// applying a gateway's answer is idempotent, so overlapping polls are harmless.
import { z } from 'zod';
import type { JobDefinition } from './job-queue.ts';

export const cardPaymentsPollJob = {
  name: 'card-payments-poll',
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 30, backoff: true },
} satisfies JobDefinition<z.ZodType>;
