// Twelve months of charges ending with the latest statement, for the chart and this month's list.
import { useQuery } from '@tanstack/react-query';
import type { Period } from '../../../../shared/period.ts';
import { accountKeys, fetchCharges } from '../../../lib/account-api.ts';
import { lastTwelveMonths } from '../../../lib/format.ts';

export function useChargeHistory(accountId: string, currentPeriod: Period | null) {
  const range = currentPeriod ? lastTwelveMonths(currentPeriod) : {};
  return useQuery({
    queryKey: accountKeys.charges(accountId, range),
    queryFn: ({ signal }) => fetchCharges(accountId, range, signal),
    enabled: currentPeriod !== null,
  });
}
