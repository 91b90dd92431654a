// Payments (newest first) for the server's default range: GET .../payments.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchPayments } from '../../../lib/account-api.ts';

export function usePayments(accountId: string) {
  return useQuery({
    queryKey: accountKeys.payments(accountId, {}),
    queryFn: ({ signal }) => fetchPayments(accountId, {}, signal),
  });
}
