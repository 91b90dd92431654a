// Contract of GET /api/v1/instance: what a visitor may know about this installation before login.
import { z } from 'zod';

export const instanceResponseSchema = z.object({
  demo: z.boolean(),
  /** Only in demo mode: the logins printed by `npm start`, for the login page's hint. */
  demoLogins: z.array(
    z.object({ role: z.enum(['subscriber', 'operator']), email: z.string(), password: z.string() }),
  ),
});
export type InstanceResponse = z.infer<typeof instanceResponseSchema>;
