// One card payment with its timeline: GET /api/v1/payments/:paymentId, asked again every second while
// the bank has not answered. When it is credited, the account's summary and payments are refreshed so
// the dashboard shows the new balance without a reload.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type CardPayment, cardPaymentSchema } from '../../../../shared/api/card-payments.ts';
import { accountKeys } from '../../../lib/account-api.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';

const POLL_INTERVAL_MS = 1000;

export const cardPaymentKeys = {
  one: (paymentId: string) => ['card-payments', paymentId] as const,
};

/** Created or at the bank: the status may still change by itself. */
export function isAwaitingBank(payment: Pick<CardPayment, 'status'>): boolean {
  return payment.status === 'created' || payment.status === 'pending';
}

export function useCardPayment(paymentId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: cardPaymentKeys.one(paymentId),
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/payments/${encodeURIComponent(paymentId)}`, { schema: cardPaymentSchema, signal }),
    staleTime: 0,
    refetchInterval: ({ state }) => {
      if (state.data) return isAwaitingBank(state.data) ? POLL_INTERVAL_MS : false;
      // No such payment will not appear by asking again; a lost connection may come back.
      return isPaymentMissing(state.error) ? false : POLL_INTERVAL_MS;
    },
  });

  const accountId = query.data?.accountId;
  const credited = query.data?.credited ?? false;
  useEffect(() => {
    if (accountId && credited) void queryClient.invalidateQueries({ queryKey: accountKeys.all(accountId) });
  }, [accountId, credited, queryClient]);

  return query;
}

/** Someone else's payment and no payment look the same to the API: a 404. */
export function isPaymentMissing(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.code === 'VALIDATION_FAILED');
}
