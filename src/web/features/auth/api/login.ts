// POST /api/v1/auth/login: starts a cookie session and hands us the CSRF token.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type LoginRequest, type LoginResponse, loginResponseSchema } from '../../../../shared/api/auth.ts';
import { apiRequest, setCsrfToken } from '../../../lib/api-client.ts';

export async function login(body: LoginRequest): Promise<LoginResponse> {
  const response = await apiRequest('/api/v1/auth/login', {
    method: 'POST',
    body,
    schema: loginResponseSchema,
  });
  setCsrfToken(response.csrfToken);
  return response;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // Whatever was cached belonged to the previous session.
    onSuccess: () => queryClient.removeQueries(),
  });
}
