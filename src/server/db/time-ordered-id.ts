// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows written at month's end
// with such keys land at the right edge of their B-tree indexes instead of all over them, so a
// write dirties one hot page rather than a random one (and PostgreSQL logs fewer full pages after
// each checkpoint). For high-volume tables keyed by uuid (reading submissions).
import { randomBytes } from 'node:crypto';

export function timeOrderedUuid(now = Date.now()): string {
  const bytes = randomBytes(16);
  // 48-bit big-endian milliseconds; Number keeps integers exact up to 2^53.
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
