// The account's meters with their last readings and the submission window: GET .../meters.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchMeters } from '../../../lib/account-api.ts';

export function useMeters(accountId: string) {
  return useQuery({
    queryKey: accountKeys.meters(accountId),
    queryFn: ({ signal }) => fetchMeters(accountId, signal),
  });
}
