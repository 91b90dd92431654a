// Starting a card payment: POST /api/v1/accounts/:accountId/payments with an Idempotency-Key, so a
// retry after a lost answer or a 502 reuses the same order instead of opening a second one. The answer
// names the bank's page; the caller sends the browser there.
import { useMutation } from '@tanstack/react-query';
import {
  type CreateCardPaymentRequest,
  createCardPaymentResponseSchema,
} from '../../../../shared/api/card-payments.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';

export interface StartCardPaymentInput {
  request: CreateCardPaymentRequest;
  /** One per attempt at the same amount and e-mail; a new one when either changes. */
  idempotencyKey: string;
}

export function useStartCardPayment(accountId: string) {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: StartCardPaymentInput) =>
      apiRequest(`/api/v1/accounts/${encodeURIComponent(accountId)}/payments`, {
        method: 'POST',
        body: request,
        headers: { 'Idempotency-Key': idempotencyKey },
        schema: createCardPaymentResponseSchema,
      }),
  });
}

/** The key went with other values (another tab, an edited form): the next try needs a new one. */
export function isKeyReused(error: unknown): boolean {
  return isApiError(error) && error.code === 'IDEMPOTENCY_KEY_REUSED';
}
