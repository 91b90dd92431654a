// One month's receipt as data: GET .../receipts/:period (404 RECEIPT_NOT_FOUND without a statement).
import { useQuery } from '@tanstack/react-query';
import { receiptSchema } from '../../../../shared/api/receipts.ts';
import type { Period } from '../../../../shared/period.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';
import { receiptKeys } from './get-receipts.ts';
import { receiptApiPath } from './receipts-path.ts';

export function useReceipt(accountId: string, period: Period) {
  return useQuery({
    queryKey: receiptKeys.one(accountId, period),
    queryFn: ({ signal }) => apiRequest(receiptApiPath(accountId, period), { schema: receiptSchema, signal }),
  });
}

/** The month has no statement, so no receipt: the page says so instead of showing an error. */
export function isReceiptMissing(error: unknown): boolean {
  return isApiError(error) && error.code === 'RECEIPT_NOT_FOUND';
}
