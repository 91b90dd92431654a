// Secrets at rest (gateway credentials per organization, issue 6): AES-256-GCM with a key from
// configuration, a fresh 96-bit nonce per value, and associated data binding a value to its place
// (say `organization:<id>:yookassa`), so a sealed value copied to another row does not open.
// Stored as `v1.<base64url nonce>.<base64url ciphertext+tag>`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const TAG_BYTES = 16;

export class SecretBoxError extends Error {}

function checkKey(key: Buffer): void {
  if (key.length !== 32)
    throw new SecretBoxError('The secrets key must be 32 bytes (base64 of 32 random bytes).');
}

export function sealSecret(key: Buffer, plaintext: string, associatedData: string): string {
  checkKey(key);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
}

export function openSecret(key: Buffer, sealed: string, associatedData: string): string {
  checkKey(key);
  const [version, nonceText, bodyText, ...rest] = sealed.split('.');
  if (version !== VERSION || !nonceText || !bodyText || rest.length > 0)
    throw new SecretBoxError('Not a sealed secret of this version.');
  const nonce = Buffer.from(nonceText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (nonce.length !== 12 || body.length < TAG_BYTES) throw new SecretBoxError('A sealed secret is damaged.');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // Wrong key, wrong place or altered bytes: GCM cannot tell which, and neither do we.
    throw new SecretBoxError('A sealed secret does not open with this key for this place.');
  }
}
