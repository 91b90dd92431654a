// POST /api/v1/auth/confirm — the e-mail link plus the password chosen at registration: creates the
// user and links the account.
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { type confirmRequestSchema, confirmResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export type ConfirmRegistrationRequest = z.input<typeof confirmRequestSchema>;

export function confirmRegistration(request: ConfirmRegistrationRequest) {
  return apiRequest('/api/v1/auth/confirm', {
    method: 'POST',
    body: request,
    schema: confirmResponseSchema,
  });
}

export function useConfirmRegistration() {
  // Never retried by itself: a consumed token would only say TOKEN_INVALID, and a wrong password
  // counts toward the attempt limit.
  return useMutation({ mutationFn: confirmRegistration, retry: false });
}
