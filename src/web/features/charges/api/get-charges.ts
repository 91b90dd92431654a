// Charges per month (newest first) for the server's default range: GET .../charges.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchCharges } from '../../../lib/account-api.ts';

export function useCharges(accountId: string) {
  return useQuery({
    queryKey: accountKeys.charges(accountId, {}),
    queryFn: ({ signal }) => fetchCharges(accountId, {}, signal),
  });
}
