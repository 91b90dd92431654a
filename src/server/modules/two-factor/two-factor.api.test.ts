import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';

const codeFor = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

describe.each(databaseKinds)('two-factor authentication on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, totp?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, ...(totp ? { totp } : {}) },
    });

  async function enableFor(user: { email: string; password: string }) {
    const session = await logIn(t.app, user.email, user.password);
    const setup = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/profile/two-factor/setup',
        headers: bearer(session),
      })
    ).json();
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/two-factor/enable',
      headers: bearer(session),
      payload: { code: '000000' },
    });
    expect(wrong.json().error.code).toBe('TOTP_INVALID');
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/two-factor/enable',
      headers: bearer(session),
      payload: { code: codeFor(setup.secret) },
    });
    expect(enabled.statusCode).toBe(200);
    return {
      session,
      secret: setup.secret as string,
      recoveryCodes: enabled.json().recoveryCodes as string[],
    };
  }

  it('asks for the code after the right password, refuses a wrong one, accepts the right one', async () => {
    const user = await buildUser(t.database.db);
    const { secret, recoveryCodes } = await enableFor(user);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const noCode = await login(user.email, user.password);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    const wrongPassword = await login(user.email, 'wrong-password', codeFor(secret));
    expect(wrongPassword.json().error.code).toBe('INVALID_CREDENTIALS');
    const wrongCode = await login(user.email, user.password, '123456');
    expect(wrongCode.json().error.code).toBe('TOTP_INVALID');
    const right = await login(user.email, user.password, codeFor(secret));
    expect(right.statusCode).toBe(200);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(right.json()) })).json();
    expect(me.twoFactor).toEqual({ enabled: true, required: false });
  });

  it('accepts each recovery code once', async () => {
    const user = await buildUser(t.database.db);
    const { recoveryCodes } = await enableFor(user);
    const code = recoveryCodes[3]!;
    expect((await login(user.email, user.password, code.toUpperCase())).statusCode).toBe(200);
    expect((await login(user.email, user.password, code)).json().error.code).toBe('TOTP_INVALID');
    const stored = await t.database.db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('lets a subscriber turn it off with password and code, but never staff', async () => {
    const user = await buildUser(t.database.db);
    const { session, secret } = await enableFor(user);
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/two-factor/disable',
      headers: bearer(session),
      payload: { password: user.password, code: codeFor(secret) },
    });
    expect(off.statusCode).toBe(204);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    const actions = (
      await t.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('actor_user_id', '=', session.userId)
        .execute()
    ).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['2fa.enabled', '2fa.disabled']));

    const organization = await buildOrganization(t.database.db);
    const operator = await buildUser(t.database.db);
    await t.database.db
      .insertInto('staff')
      .values({ user_id: operator.id, organization_id: organization.id, role: 'operator' })
      .execute();
    const operatorSession = await logIn(t.app, operator.email, operator.password);
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: bearer(operatorSession) })).json().twoFactor,
    ).toEqual({ enabled: false, required: true });
    const staff = await enableFor(operator);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/two-factor/disable',
      headers: bearer(staff.session),
      payload: { password: operator.password, code: codeFor(staff.secret) },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('TWO_FACTOR_REQUIRED');
  });
});
