// Keys for the `Idempotency-Key` header of submissions that may be retried (readings, card payments):
// one per attempt, reused when the same submission is sent again after a lost answer.

/** A fresh key. randomUUID exists only on https and localhost; the fallback works everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
