// One uploaded import file to check and apply (issue 7). The runner is safe to run again: a batch
// that was applied or rejected is left alone, one that stopped midway starts over.
import { z } from 'zod';
import type { JobDefinition } from './job-queue.ts';

export const importBatchJob = {
  name: 'import-batch',
  payload: z.object({ importId: z.uuid() }),
  retry: { limit: 2, delaySeconds: 30, backoff: true },
} satisfies JobDefinition<z.ZodType>;
