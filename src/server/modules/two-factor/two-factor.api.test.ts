import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';

/** The code of the time step `offset` steps from now (−1, 0, +1 are all accepted once each). */
const codeFor = (secret: string, offset = 0) =>
  generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + offset), 6);

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
      payload: { code: codeFor(setup.secret, -1) },
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
    // The same code a second time is a replay.
    expect((await login(user.email, user.password, codeFor(secret))).json().error.code).toBe('TOTP_INVALID');
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

  it('limits wrong codes when turning it off, like wrong passwords', async () => {
    const user = await buildUser(t.database.db);
    const { session } = await enableFor(user);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/profile/two-factor/disable',
        headers: bearer(session),
        payload: { password: user.password, code: String(100000 + attempt) },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it('lets staff use staff routes only from a session that passed the second factor', async () => {
    const organization = await buildOrganization(t.database.db);
    const operator = await buildUser(t.database.db);
    await t.database.db
      .insertInto('staff')
      .values({ user_id: operator.id, organization_id: organization.id, role: 'operator' })
      .execute();
    const account = await t.database.db
      .insertInto('accounts')
      .values({ organization_id: organization.id, number: 'STAFF-1' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await logIn(t.app, operator.email, operator.password);
    const invite = (session: { token: string }) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/operator/accounts/${account.id}/invitations`,
        headers: bearer(session),
        payload: { email: 'holder@example.test' },
      });
    expect((await invite(before)).json().error.code).toBe('TWO_FACTOR_REQUIRED');
    // Turning it on in another session ends this one; a password-only session never passes.
    const { session: setupSession, secret } = await enableFor(operator);
    expect((await invite(setupSession)).statusCode).toBe(202);
    expect((await invite(before)).statusCode).toBe(401);
    const withCode = await login(operator.email, operator.password, codeFor(secret));
    expect((await invite(withCode.json())).statusCode).toBe(202);
  });

  it('lets a subscriber turn it off with password and code, but never staff', async () => {
    const user = await buildUser(t.database.db);
    const { session, secret } = await enableFor(user);
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/two-factor/disable',
      headers: bearer(session),
      payload: { password: user.password, code: codeFor(secret, 1) },
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
      payload: { password: operator.password, code: codeFor(staff.secret, 1) },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('TWO_FACTOR_REQUIRED');
  });
});
