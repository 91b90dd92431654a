// The latest payments (server's default range, newest first); the dashboard shows three.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchPayments } from '../../../lib/account-api.ts';

export function useRecentPayments(accountId: string) {
  return useQuery({
    queryKey: accountKeys.payments(accountId, {}),
    queryFn: ({ signal }) => fetchPayments(accountId, {}, signal),
    select: (response) => response.payments.slice(0, 3),
  });
}
