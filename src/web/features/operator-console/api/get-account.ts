// One account as its subscriber sees it: GET /api/v1/operator/accounts/:accountId. The server
// records every read in the audit log, so the page does not refetch it on focus or by itself.
import { useQuery } from '@tanstack/react-query';
import { operatorAccountResponseSchema } from '../../../../shared/api/operator-console.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function useOperatorAccount(organizationId: string, accountId: string) {
  return useQuery({
    queryKey: ['operator', organizationId, 'account', accountId],
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/operator/accounts/${encodeURIComponent(accountId)}`, {
        query: { organizationId },
        schema: operatorAccountResponseSchema,
        signal,
      }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}
