// The signed-in session as the API describes it (GET /api/v1/me): user, accounts and the CSRF token.
import { useQuery } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { type MeResponse, meResponseSchema } from '../../shared/api/auth.ts';
import { apiRequest, setCsrfToken } from './api-client.ts';

export const meQueryKey = ['me'] as const;

export async function getMe(signal?: AbortSignal): Promise<MeResponse> {
  const me = await apiRequest('/api/v1/me', { schema: meResponseSchema, signal });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });
}

/**
 * Filled by the session guard (app/require-session.tsx) once /me has loaded. A context rather than
 * the query itself: after logout the cache is cleared while the old page may still be rendering.
 */
export const SessionContext = createContext<MeResponse | null>(null);

export function useSession(): MeResponse {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() used outside the session guard');
  return session;
}
