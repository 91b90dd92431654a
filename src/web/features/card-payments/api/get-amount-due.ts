// The amount the pay form proposes: what the account's summary says is due now, and by when.
// Same cache entry as the dashboard's summary, so a credited payment refreshes both.
import { useQuery } from '@tanstack/react-query';
import { accountKeys, fetchSummary } from '../../../lib/account-api.ts';

export function useAmountDue(accountId: string) {
  return useQuery({
    queryKey: accountKeys.summary(accountId),
    queryFn: ({ signal }) => fetchSummary(accountId, signal),
    select: (summary) => ({ amountDue: summary.amountDue, dueDate: summary.dueDate }),
  });
}
