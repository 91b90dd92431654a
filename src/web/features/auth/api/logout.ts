// POST /api/v1/auth/logout: ends the session; the cache and the CSRF token go with it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiRequest, setCsrfToken } from '../../../lib/api-client.ts';

export function logout(): Promise<void> {
  return apiRequest('/api/v1/auth/logout', { method: 'POST' });
}

/**
 * On failure the user stays where they are and sees the error: pretending to be logged out while
 * the session cookie lives on would be worse on a shared computer. (A 401 means the session is
 * already gone; the API client then leads to the login page by itself.)
 */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      setCsrfToken(null);
      await navigate('/login', { replace: true });
      queryClient.removeQueries();
    },
  });
}
