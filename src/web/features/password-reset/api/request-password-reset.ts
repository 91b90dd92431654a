// POST /api/v1/auth/password-reset — always 202 "check your e-mail", known address or not.
import { useMutation } from '@tanstack/react-query';
import type { Locale } from '../../../../shared/api/auth.ts';
import { checkEmailResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function requestPasswordReset(body: { email: string; locale: Locale }) {
  return apiRequest('/api/v1/auth/password-reset', {
    method: 'POST',
    body,
    schema: checkEmailResponseSchema,
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
