// The account's receipts, one per month with a statement (newest first): GET .../receipts.
import { useQuery } from '@tanstack/react-query';
import { receiptsResponseSchema } from '../../../../shared/api/receipts.ts';
import type { Period } from '../../../../shared/period.ts';
import { accountKeys } from '../../../lib/account-api.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { receiptsApiPath } from './receipts-path.ts';

/** Under the account's key, so refreshing an account refreshes its receipts too. */
export const receiptKeys = {
  list: (accountId: string) => [...accountKeys.all(accountId), 'receipts'] as const,
  one: (accountId: string, period: Period) => [...accountKeys.all(accountId), 'receipts', period] as const,
};

export function useReceipts(accountId: string) {
  return useQuery({
    queryKey: receiptKeys.list(accountId),
    queryFn: ({ signal }) =>
      apiRequest(receiptsApiPath(accountId), { schema: receiptsResponseSchema, signal }),
  });
}
