// A scan for reading and verification reminders that are due. Queued every few minutes by each
// web process running workers; the scan is idempotent (reminders_sent), so overlaps are harmless.
import { z } from 'zod';
import type { JobDefinition } from './job-queue.ts';

export const readingRemindersJob = {
  name: 'reading-reminders',
  payload: z.object({}),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
} satisfies JobDefinition<z.ZodType>;

/** Queues a scan now and every `minutes`; returns the function that stops it. */
export function scheduleReminderScans(send: () => Promise<void>, minutes: number): () => void {
  const tick = () =>
    void send().catch((error: Error) => console.error('reminder scan not queued:', error.message));
  tick();
  const timer = setInterval(tick, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
