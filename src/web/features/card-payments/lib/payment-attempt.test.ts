// Retrying a payment: the same attempt keeps its Idempotency-Key unless the server refused the key.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { keyAfterFailure } from './payment-attempt.ts';

const failure = (code: ApiError['code'], status: number) => new ApiError({ code, message: code, status });

describe('keyAfterFailure', () => {
  it('keeps the key after a lost answer, a bank that did not answer or a server error', () => {
    expect(keyAfterFailure('key-1', failure('NETWORK_ERROR', 0))).toBe('key-1');
    expect(keyAfterFailure('key-1', failure('GATEWAY_UNAVAILABLE', 502))).toBe('key-1');
    expect(keyAfterFailure('key-1', failure('INTERNAL_ERROR', 500))).toBe('key-1');
    expect(keyAfterFailure('key-1', new TypeError('fetch failed'))).toBe('key-1');
  });

  it('drops the key the server saw with other values, so the next try is a new attempt', () => {
    expect(keyAfterFailure('key-1', failure('IDEMPOTENCY_KEY_REUSED', 422))).toBeNull();
  });
});
