import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, SecretBoxError, sealSecret } from './secret-box.ts';

const key = randomBytes(32);
const place = 'organization:7f0c…:yookassa';

describe('secret box (AES-256-GCM)', () => {
  it('opens what it sealed, and seals the same value differently each time', () => {
    const secret = 'live_SeCrEt-ключ';
    const first = sealSecret(key, secret, place);
    const second = sealSecret(key, secret, place);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(openSecret(key, first, place)).toBe(secret);
    expect(openSecret(key, second, place)).toBe(secret);
  });

  it('refuses another key, another place, altered bytes and damaged text', () => {
    const sealed = sealSecret(key, 'secret', place);
    expect(() => openSecret(randomBytes(32), sealed, place)).toThrow(SecretBoxError);
    expect(() => openSecret(key, sealed, 'organization:other:yookassa')).toThrow(SecretBoxError);
    const [version, nonce, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openSecret(key, `${version}.${nonce}.${flipped.toString('base64url')}`, place)).toThrow(
      SecretBoxError,
    );
    for (const damaged of ['', 'v2.a.b', 'v1.a', `v1.${nonce}.`, `${sealed}.x`])
      expect(() => openSecret(key, damaged, place), damaged).toThrow(SecretBoxError);
  });

  it('wants a 32-byte key', () => {
    expect(() => sealSecret(randomBytes(16), 'x', place)).toThrow(/32 bytes/);
  });
});
