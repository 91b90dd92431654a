// The submission window for the reading reminder: GET /api/v1/accounts/:accountId/meters. Asked
// together with the summary (not after it), so the reminder appears whole.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchMeters } from '../../../lib/account-api.ts';

export function useMeters(accountId: string) {
  return useQuery({
    queryKey: accountKeys.meters(accountId),
    queryFn: ({ signal }) => fetchMeters(accountId, signal),
  });
}
