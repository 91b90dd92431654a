// Signed-in devices (/api/v1/profile/sessions) and the security activity log.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { securityActivitySchema, sessionListSchema } from '../../../../shared/api/profile.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { profileKeys } from './profile.ts';

export function useSessions() {
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: ({ signal }) => apiRequest('/api/v1/profile/sessions', { schema: sessionListSchema, signal }),
    staleTime: 0,
  });
}

export function useActivity() {
  return useQuery({
    queryKey: profileKeys.activity,
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/profile/activity', { schema: securityActivitySchema, signal }),
    staleTime: 0,
  });
}

function useAfterSignOut() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: profileKeys.sessions });
    void queryClient.invalidateQueries({ queryKey: profileKeys.activity });
  };
}

export function useSignOutSession() {
  const refresh = useAfterSignOut();
  return useMutation({
    mutationFn: (sessionId: string) =>
      apiRequest(`/api/v1/profile/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
    // A 404 means the session had already ended: the fresh list says so.
    onSettled: refresh,
  });
}

export function useSignOutOtherSessions() {
  const refresh = useAfterSignOut();
  return useMutation({
    mutationFn: () => apiRequest('/api/v1/profile/sessions/revoke-others', { method: 'POST' }),
    onSettled: refresh,
  });
}
