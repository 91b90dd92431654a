// POST /api/v1/auth/password-reset/confirm — sets the new password and ends every session.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { passwordChangedResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest, setCsrfToken } from '../../../lib/api-client.ts';

export function confirmPasswordReset(body: { token: string; password: string }) {
  return apiRequest('/api/v1/auth/password-reset/confirm', {
    method: 'POST',
    body,
    schema: passwordChangedResponseSchema,
  });
}

export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmPasswordReset,
    // A session this browser may have had is over now; nothing cached from it may show.
    onSuccess: () => {
      setCsrfToken(null);
      queryClient.removeQueries();
    },
  });
}
