// The organization at a glance: GET /api/v1/operator/overview.
import { useQuery } from '@tanstack/react-query';
import { operatorOverviewSchema } from '../../../../shared/api/operator-console.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function useOverview(organizationId: string) {
  return useQuery({
    queryKey: ['operator', organizationId, 'overview'],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/operator/overview', {
        query: { organizationId },
        schema: operatorOverviewSchema,
        signal,
      }),
    // Payments and readings arrive all day; a minute-old picture is fine.
    staleTime: 60_000,
  });
}
