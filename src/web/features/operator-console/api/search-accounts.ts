// Account search in the console: GET /api/v1/operator/accounts?q=&limit=&offset=.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { accountSearchResponseSchema } from '../../../../shared/api/operator-console.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export const SEARCH_PAGE_SIZE = 20;

export function useAccountSearch(organizationId: string, q: string, page: number) {
  return useQuery({
    queryKey: ['operator', organizationId, 'accounts', q, page],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/operator/accounts', {
        query: {
          organizationId,
          q: q || undefined,
          limit: String(SEARCH_PAGE_SIZE),
          offset: String((page - 1) * SEARCH_PAGE_SIZE),
        },
        schema: accountSearchResponseSchema,
        signal,
      }),
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
