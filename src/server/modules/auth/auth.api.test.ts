import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../../tests/support/factories.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';

describe.each(databaseKinds)('auth API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, ip = '203.0.113.10') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('logs in with the right password: a Bearer token, an HttpOnly SameSite=Lax cookie and a CSRF token', async () => {
    const user = await buildUser(t.database.db);
    const response = await login(user.email, user.password);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^[\w-]{43}$/);
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(body.user.email).toBe(user.email);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`abonent_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(body) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('stores only a hash of the session token', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const rows = await t.database.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(session.token).digest('hex'));
    const stored = await t.database.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(session.token);
  });

  it('accepts the e-mail in any letter case and with surrounding spaces', async () => {
    const user = await buildUser(t.database.db);
    const response = await login(`  ${user.email.toUpperCase()} `, user.password);
    expect(response.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const user = await buildUser(t.database.db);
    const wrong = await login(user.email, 'not the password', '203.0.113.20');
    const unknown = await login('nobody-here@example.test', 'not the password', '203.0.113.21');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses the 11th attempt for one e-mail within 15 minutes with 429 and Retry-After, even with the right password', async () => {
    const user = await buildUser(t.database.db);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await login(user.email, `wrong-${attempt}`, `198.18.0.${attempt}`);
      expect(response.statusCode).toBe(401);
    }
    const eleventh = await login(user.email, user.password, '198.18.1.1');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'auth.login_blocked')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('lets no more than 10 guesses through even when 40 arrive at once', async () => {
    const user = await buildUser(t.database.db);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, attempt) =>
        login(user.email, `parallel-${attempt}`, `198.20.${attempt}.1`),
      ),
    );
    const checked = responses.filter((response) => response.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(responses.filter((response) => response.statusCode === 429).length).toBe(40 - checked);
    // Refused attempts were never checked and do not count; the checked ones do.
    const failures = await t.database.db
      .selectFrom('auth_failures')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('email_normalized', '=', user.email.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBe(checked);
  });

  it('slides the cookie’s expiry together with the session’s', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const fresh = await t.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(fresh.headers['set-cookie']).toBeUndefined();
    await t.database.db
      .updateTable('sessions')
      .set({
        last_seen_at: new Date(Date.now() - 2 * 3600_000),
        expires_at: new Date(Date.now() + 86400_000),
      })
      .where('user_id', '=', user.id)
      .execute();
    const later = await t.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } });
    const cookie = String(later.headers['set-cookie']);
    expect(cookie).toContain(`abonent_session=${session.token}`);
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]!).getTime();
    expect(expires).toBeGreaterThan(Date.now() + 29 * 86400_000);
    const stored = await t.database.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
  });

  it('refuses a NUL character in the e-mail as bad input, not a server error', async () => {
    const response = await login('x\u0000@example.test', 'whatever');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('limits an IP address to 100 failures in 15 minutes across e-mails', async () => {
    const ip = '192.0.2.200';
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await login(`spray-${attempt}@example.test`, 'guess', ip);
      expect(response.statusCode).toBe(401);
    }
    const user = await buildUser(t.database.db);
    expect((await login(user.email, user.password, ip)).statusCode).toBe(429);
    expect((await login(user.email, user.password, '192.0.2.201')).statusCode).toBe(200);
  });

  it('forgets an e-mail’s failures after a successful login', async () => {
    const user = await buildUser(t.database.db);
    for (let attempt = 0; attempt < 9; attempt++) await login(user.email, 'wrong', '198.19.0.1');
    expect((await login(user.email, user.password, '198.19.0.2')).statusCode).toBe(200);
    for (let attempt = 0; attempt < 9; attempt++) {
      expect((await login(user.email, 'wrong', '198.19.0.3')).statusCode).toBe(401);
    }
  });

  it('rejects a malformed login body with 400 and writes nothing', async () => {
    const before = await t.database.db
      .selectFrom('auth_failures')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const payload of [
      {},
      { email: 'a@b.c' },
      { email: 42, password: 'x' },
      { email: 'a@b.c', password: '' },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('VALIDATION_FAILED');
    const after = await t.database.db
      .selectFrom('auth_failures')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('requires the CSRF header for a cookie-authenticated logout, but not for a Bearer one', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const withoutHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(withoutHeader.statusCode).toBe(403);
    expect(withoutHeader.json().error.code).toBe('CSRF_FAILED');
    const wrongHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrongHeader.statusCode).toBe(403);
    // The session survived both refused attempts.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(200);

    const withHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(withHeader.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);

    const other = await logIn(t.app, user.email, user.password);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(other) })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(other) })).statusCode,
    ).toBe(401);
  });

  it('answers 401 UNAUTHENTICATED without a session or with a made-up token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer made-up' },
      { authorization: 'Basic abc' },
      { cookie: 'abonent_session=x' },
    ]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses an expired session', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    await t.database.db
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 40 * 86400_000), expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(session) })).statusCode,
    ).toBe(401);
  });

  it('records logins and failures in the audit log without the password', async () => {
    const user = await buildUser(t.database.db);
    await login(user.email, 'secret-wrong-password', '203.0.113.99');
    await logIn(t.app, user.email, user.password);
    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('actor_user_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.action)).toEqual(['auth.login_failed', 'auth.login']);
    expect(JSON.stringify(events)).not.toContain('secret-wrong-password');
  });
});
