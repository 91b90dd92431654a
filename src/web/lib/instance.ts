// GET /api/v1/instance: whether this installation is a demo, and its demo logins. Public pages
// (login, check-your-mail screens) use it for their demo hints.
import { useQuery } from '@tanstack/react-query';
import { instanceResponseSchema } from '../../shared/api/instance.ts';
import { apiRequest } from './api-client.ts';

export function useInstance() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: ({ signal }) => apiRequest('/api/v1/instance', { schema: instanceResponseSchema, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
