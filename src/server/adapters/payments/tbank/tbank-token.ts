// T-Bank Acquiring v2 request and notification signature (DOMAIN.md "Card payments"): the root-level
// scalar fields only (not Receipt, DATA, Token or any other object or array), plus Password, sorted
// by key; their values concatenated (booleans as true/false, numbers as written); SHA-256, hex.
import { createHash, timingSafeEqual } from 'node:crypto';

type Scalar = string | number | boolean;

export function tbankToken(fields: Record<string, unknown>, password: string): string {
  const pairs: [string, string][] = [['Password', password]];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'Token' || value === null || value === undefined || typeof value === 'object') continue;
    pairs.push([key, String(value as Scalar)]);
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(pairs.map(([, value]) => value).join(''), 'utf8')
    .digest('hex');
}

/** True when `fields.Token` is the token of the other fields with this password (constant time). */
export function verifyTbankToken(fields: Record<string, unknown>, password: string): boolean {
  const presented = fields.Token;
  if (typeof presented !== 'string' || !/^[0-9a-f]{64}$/i.test(presented)) return false;
  const expected = Buffer.from(tbankToken(fields, password), 'hex');
  return timingSafeEqual(expected, Buffer.from(presented.toLowerCase(), 'hex'));
}
