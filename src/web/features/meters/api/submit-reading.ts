// Submitting a reading: POST .../readings with an Idempotency-Key, so a retry after a lost answer
// (or the second try with `confirm`) never saves the reading twice. A 409 asks to confirm warnings;
// a 422 names the rule that refused it. Success refreshes the meters, their history and the summary.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type ReadingWarning,
  readingErrorSchema,
  readingWarningSchema,
  submitReadingResponseSchema,
} from '../../../../shared/api/readings.ts';
import { accountKeys } from '../../../lib/account-api.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';
import type { RegisterValue } from './preview-reading.ts';
import { readingsPath } from './readings-path.ts';

export interface SubmitReadingInput {
  values: RegisterValue[];
  confirm: boolean;
  /** One per attempt at the same values; a new one when the values change. */
  idempotencyKey: string;
}

export function useSubmitReading(accountId: string, meterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, confirm, idempotencyKey }: SubmitReadingInput) =>
      apiRequest(readingsPath(accountId, meterId), {
        method: 'POST',
        body: confirm ? { values, confirm: true } : { values },
        headers: { 'Idempotency-Key': idempotencyKey },
        schema: submitReadingResponseSchema,
      }),
    // Not awaited: the form clears at once while the meters, each meter's history (under the
    // meters key) and the summary's list of meters due refresh.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.meters(accountId) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.summary(accountId) });
    },
  });
}

/** The warnings a 409 READING_CONFIRMATION_REQUIRED asks to confirm (`details.warnings`). */
export function warningsToConfirm(error: unknown): ReadingWarning[] {
  if (!isApiError(error) || error.code !== 'READING_CONFIRMATION_REQUIRED') return [];
  const parsed = readingWarningSchema
    .array()
    .safeParse((error.details as { warnings?: unknown } | undefined)?.warnings);
  return parsed.success ? parsed.data : [];
}

/** The per-register reasons of a 422 (`details.errors`). */
export function refusalsOf(error: unknown) {
  if (!isApiError(error) || error.status !== 422) return [];
  const parsed = readingErrorSchema
    .array()
    .safeParse((error.details as { errors?: unknown } | undefined)?.errors);
  return parsed.success ? parsed.data : [];
}
