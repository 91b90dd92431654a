// Turns any thrown value into the translated, user-facing text for its error code.
import type { TFunction } from 'i18next';
import { isApiError } from './api-client.ts';

export interface ErrorText {
  message: string;
  /** Shown for INTERNAL_ERROR so support can find the log line. */
  requestId: string | null;
}

export function describeError(t: TFunction, error: unknown): ErrorText {
  if (!isApiError(error)) return { message: t('errors.UNEXPECTED_RESPONSE'), requestId: null };
  return {
    message: t(`errors.${error.code}`),
    requestId: error.code === 'INTERNAL_ERROR' ? error.requestId : null,
  };
}
