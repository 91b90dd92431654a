// The account's balance card data: GET /api/v1/accounts/:accountId/summary.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchSummary } from '../../../lib/account-api.ts';

export function useSummary(accountId: string) {
  return useQuery({
    queryKey: accountKeys.summary(accountId),
    queryFn: ({ signal }) => fetchSummary(accountId, signal),
  });
}
