// POST /api/v1/auth/register — always 202 "check your e-mail" when accepted.
import { useMutation } from '@tanstack/react-query';
import { checkEmailResponseSchema, type RegisterRequest } from '../../../../shared/api/registration.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function register(body: RegisterRequest) {
  return apiRequest('/api/v1/auth/register', { method: 'POST', body, schema: checkEmailResponseSchema });
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
