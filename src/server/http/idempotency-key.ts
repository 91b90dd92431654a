// The `Idempotency-Key` request header of the routes that create something (readings, payments).
import { AppError } from '../errors.ts';

/** Optional; printable ASCII, at most 200 characters (a UUID is typical). */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers['idempotency-key'];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value))
    throw new AppError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 1–200 printable ASCII characters, such as a UUID.',
      { fields: ['headers.idempotency-key'] },
    );
  return value;
}
