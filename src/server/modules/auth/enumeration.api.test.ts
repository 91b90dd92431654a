// Unknown and known e-mails must cost the same: count argon2 calls instead of timing them.
import * as argon2 from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildUser } from '../../../../tests/support/factories.ts';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.ts';

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const original = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...original, hash: vi.fn(original.hash), verify: vi.fn(original.verify) };
});

describe('the same work for known and unknown e-mails', () => {
  let t: TestApp;
  let organizationId: string;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    organizationId = (
      await t.database.db
        .insertInto('organizations')
        .values({
          kind: 'housing',
          name: 'ООО «Перечень»',
          short_name: 'Перечень',
          inn: '7707083893',
          bank_name: 'ПАО СБЕРБАНК',
          bic: '044525225',
          settlement_account: '40702810138250123017',
          correspondent_account: '30101810400000000225',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const argonCalls = async (work: () => Promise<unknown>) => {
    vi.mocked(argon2.hash).mockClear();
    vi.mocked(argon2.verify).mockClear();
    await work();
    return {
      hash: vi.mocked(argon2.hash).mock.calls.length,
      verify: vi.mocked(argon2.verify).mock.calls.length,
    };
  };

  it('login: one argon2 verification whether or not the e-mail exists', async () => {
    const user = await buildUser(t.database.db);
    const login = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'wrong-password' },
      });
    // Warm the decoy hash so that its one-time creation is not counted.
    await login('warm-up@example.test');
    const known = await argonCalls(() => login(user.email));
    const unknown = await argonCalls(() => login('never-registered@example.test'));
    expect(known).toEqual({ hash: 0, verify: 1 });
    expect(unknown).toEqual(known);
  });

  it('registration: one argon2 hash whether or not the e-mail exists', async () => {
    const user = await buildUser(t.database.db);
    const register = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: {
          organizationId,
          accountNumber: '42',
          proof: '100',
          email,
          password: 'Dlinnyj-Parol-2026',
          consent: true,
        },
      });
    const known = await argonCalls(() => register(user.email));
    const unknown = await argonCalls(() => register('another-new@example.test'));
    expect(known).toEqual({ hash: 1, verify: 0 });
    expect(unknown).toEqual(known);
  });
});
