// The subscriber's refund application: POST /api/v1/payments/:paymentId/refund-requests {reason}.
// No Idempotency-Key: the API keeps one open application per payment, so a retry after a lost answer
// gets REFUND_ALREADY_REQUESTED, and the payment, asked again, then shows the application.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CardPayment } from '../../../../shared/api/card-payments.ts';
import { type CreateRefundRequest, refundRequestSchema } from '../../../../shared/api/refunds.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';
import { cardPaymentKeys } from './get-card-payment.ts';

export function useRequestRefund(paymentId: string) {
  const queryClient = useQueryClient();
  const key = cardPaymentKeys.one(paymentId);
  return useMutation({
    mutationFn: (request: CreateRefundRequest) =>
      apiRequest(`/api/v1/payments/${encodeURIComponent(paymentId)}/refund-requests`, {
        method: 'POST',
        body: request,
        schema: refundRequestSchema,
      }),
    onSuccess: (refund) => {
      // The application shows at once; the timeline's «refund requested» comes with the refetch.
      queryClient.setQueryData<CardPayment>(key, (payment) => (payment ? { ...payment, refund } : payment));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      // The payment changed under the page (applied from another tab, refunded meanwhile): show it as it is.
      if (isPaymentStateChanged(error)) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

/** The answer means the page's picture of the payment is out of date. */
export function isPaymentStateChanged(error: unknown): boolean {
  return (
    isApiError(error) && (error.code === 'REFUND_ALREADY_REQUESTED' || error.code === 'REFUND_NOT_ALLOWED')
  );
}
