// One meter's submissions (newest first) and 24 months of consumption: GET .../meters/:id/readings.
import { useQuery } from '@tanstack/react-query';
import { historyResponseSchema } from '../../../../shared/api/readings.ts';
import { accountKeys } from '../../../lib/account-api.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { readingsPath } from './readings-path.ts';

/** Under the meters key, so refreshing the meters after a submission refreshes the history too. */
export const historyKey = (accountId: string, meterId: string) =>
  [...accountKeys.meters(accountId), meterId, 'readings'] as const;

export function useReadingHistory(accountId: string, meterId: string) {
  return useQuery({
    queryKey: historyKey(accountId, meterId),
    queryFn: ({ signal }) =>
      apiRequest(readingsPath(accountId, meterId), { schema: historyResponseSchema, signal }),
  });
}
