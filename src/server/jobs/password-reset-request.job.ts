// Handles a password reset request off the request path: the HTTP answer is the same enqueue for
// known and unknown e-mails, so its timing tells nothing (the bench measured a 2.5 ms difference
// when the token and mail were written inline).
import { z } from 'zod';
import type { JobDefinition } from './job-queue.ts';

export const passwordResetRequestJob = {
  name: 'password-reset-request',
  payload: z.object({ email: z.string(), locale: z.enum(['ru', 'en']), ip: z.string() }),
  retry: { limit: 5, delaySeconds: 10, backoff: true },
} satisfies JobDefinition<z.ZodType>;
