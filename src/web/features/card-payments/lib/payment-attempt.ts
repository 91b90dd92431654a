// One Idempotency-Key per attempt at paying: the same amount and e-mail sent again after a lost
// answer or a bank that did not answer reuse it, so the server finds the order it already opened
// instead of opening a second one. Changed values, or a key the server saw with other values, start
// a new attempt.
import { isApiError } from '../../../lib/api-client.ts';

/** The key to keep after a failed try; null when the next try must start a new attempt. */
export function keyAfterFailure(key: string, error: unknown): string | null {
  return isApiError(error) && error.code === 'IDEMPOTENCY_KEY_REUSED' ? null : key;
}
