// TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1 as authenticator apps expect) via @oslojs/otp,
// and recovery codes (10, single use, stored as SHA-256).
import { createHash, randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';

const STEP_SECONDS = 30;
const DIGITS = 6;

export function newTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(20));
}

export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI('Абонент', accountName, decodeBase32IgnorePadding(secret), STEP_SECONDS, DIGITS);
}

/** Accepts the current code and the neighbouring ones (clock drift of ±30 s). */
export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return verifyTOTPWithGracePeriod(
    decodeBase32IgnorePadding(secret),
    STEP_SECONDS,
    DIGITS,
    code,
    STEP_SECONDS,
  );
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
