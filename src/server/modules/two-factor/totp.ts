// TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1 as authenticator apps expect) via @oslojs/otp,
// and recovery codes (10, single use, stored as SHA-256).
import { createHash, randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';

const STEP_SECONDS = 30;
const DIGITS = 6;

export function newTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(20));
}

export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI('Абонент', accountName, decodeBase32IgnorePadding(secret), STEP_SECONDS, DIGITS);
}

/**
 * The time step whose code this is — the current one or a neighbour (clock drift of ±30 s) — or
 * null. Callers remember the last accepted step so that a code cannot be used twice.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = decodeBase32IgnorePadding(secret);
  const current = Math.floor(now / 1000 / STEP_SECONDS);
  for (const step of [current - 1, current, current + 1]) {
    if (generateHOTP(key, BigInt(step), DIGITS) === code) return step;
  }
  return null;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const text = encodeBase32UpperCaseNoPadding(randomBytes(5)).toLowerCase();
    return `${text.slice(0, 4)}-${text.slice(4, 8)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/\s/g, '')).digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z2-7]{4}-[a-z2-7]{4}$/i.test(code.trim());
}
