// POST /api/v1/auth/confirm — the e-mail link: creates the user and links the account.
import { useMutation } from '@tanstack/react-query';
import { confirmResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function confirmRegistration(token: string) {
  return apiRequest('/api/v1/auth/confirm', {
    method: 'POST',
    body: { token },
    schema: confirmResponseSchema,
  });
}

export function useConfirmRegistration() {
  // Never retried by itself: a second call with a consumed token would only say TOKEN_INVALID.
  return useMutation({ mutationFn: confirmRegistration, retry: false });
}
