import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../../tests/support/factories.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';

describe.each(databaseKinds)('profile on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('changes name, phone (normalised to +7…) and language', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/profile',
      headers: bearer(session),
      payload: { name: 'Ольга Петрова', phone: '8 (912) 555-10-20', locale: 'en' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Ольга Петрова', phone: '+79125551020', locale: 'en' });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/profile',
      headers: bearer(session),
      payload: { phone: '12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/profile', headers: bearer(session) })).json().phone).toBe(
      '+79125551020',
    );
  });

  it('needs the CSRF header to change the profile through the cookie', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/profile',
      headers: { cookie: session.cookie },
      payload: { name: 'X' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_FAILED');
  });

  it('changes the password only with the current one, ends the other sessions and keeps this one', async () => {
    const user = await buildUser(t.database.db);
    const here = await logIn(t.app, user.email, user.password);
    const elsewhere = await logIn(t.app, user.email, user.password);
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/profile/password',
        headers: bearer(here),
        payload: { currentPassword, newPassword },
      });

    const wrong = await change('not-the-password', 'Sovsem-Novyj-Parol-1');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await change(user.password, 'password123');
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(elsewhere) })).statusCode).toBe(200);

    expect((await change(user.password, 'Sovsem-Novyj-Parol-1')).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(here) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(elsewhere) })).statusCode).toBe(401);
    await logIn(t.app, user.email, 'Sovsem-Novyj-Parol-1');
    const notice = await t.database.db
      .selectFrom('mail_messages')
      .select('template')
      .where('recipient', '=', user.email)
      .execute();
    expect(notice.map((row) => row.template)).toContain('password_changed');
  });

  it('limits guesses of the current password like logins', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/profile/password',
        headers: bearer(session),
        payload: { currentPassword: `guess-${attempt}`, newPassword: 'Sovsem-Novyj-Parol-2' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('lists sessions, signs out one and all others, and never touches another user’s', async () => {
    const user = await buildUser(t.database.db);
    const other = await buildUser(t.database.db);
    const here = await logIn(t.app, user.email, user.password, '203.0.113.1');
    const phone = await logIn(t.app, user.email, user.password, '203.0.113.2');
    const laptop = await logIn(t.app, user.email, user.password, '203.0.113.3');
    const foreign = await logIn(t.app, other.email, other.password);

    const list = (await t.app.inject({ url: '/api/v1/profile/sessions', headers: bearer(here) })).json()
      .sessions;
    expect(list).toHaveLength(3);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phoneSession = list.find((s: { ip: string }) => s.ip === '203.0.113.2');

    const foreignId = (
      await t.app.inject({ url: '/api/v1/profile/sessions', headers: bearer(foreign) })
    ).json().sessions[0].id;
    const notMine = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/profile/sessions/${foreignId}`,
      headers: bearer(here),
    });
    expect(notMine.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(foreign) })).statusCode).toBe(200);

    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/profile/sessions/${phoneSession.id}`,
          headers: bearer(here),
        })
      ).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(phone) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(laptop) })).statusCode).toBe(200);

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/profile/sessions/revoke-others',
          headers: bearer(here),
        })
      ).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(laptop) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(here) })).statusCode).toBe(200);

    const activity = (await t.app.inject({ url: '/api/v1/profile/activity', headers: bearer(here) })).json()
      .events;
    const actions = activity.map((event: { action: string }) => event.action);
    expect(actions).toContain('session.revoked');
    expect(actions).toContain('session.revoked_others');
    expect(actions).toContain('auth.login');
    expect(JSON.stringify(activity)).not.toContain(other.email);
  });
});

describe.each(databaseKinds)('changing the login e-mail on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const mailTo = (recipient: string, template: string) =>
    t.database.db
      .selectFrom('mail_messages')
      .select('text_body')
      .where('recipient', '=', recipient)
      .where('template', '=', template)
      .executeTakeFirst();

  it('changes it only after the link sent to the new address, and tells the old one', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const newEmail = `moved-${user.id.slice(0, 8)}@example.test`;
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email',
      headers: bearer(session),
      payload: { newEmail, password: 'nope' },
    });
    expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    const requested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email',
      headers: bearer(session),
      payload: { newEmail, password: user.password },
    });
    expect(requested.statusCode).toBe(202);
    expect(await mailTo(user.email, 'email_change_notice')).toBeDefined();
    // Nothing changed yet: the old address still logs in.
    await logIn(t.app, user.email, user.password);

    const link = (await mailTo(newEmail, 'email_change_confirm'))!.text_body;
    const token = /confirm-email\?token=([\w-]+)/.exec(link)![1]!;
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email/confirm',
      payload: { token },
    });
    expect(confirmed.json()).toEqual({ status: 'email_changed', email: newEmail });
    await logIn(t.app, newEmail, user.password);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(old.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({ method: 'POST', url: '/api/v1/profile/email/confirm', payload: { token } })
      ).json().error.code,
    ).toBe('TOKEN_INVALID');
  });

  it('refuses an address that another login took in the meantime', async () => {
    const user = await buildUser(t.database.db);
    const session = await logIn(t.app, user.email, user.password);
    const contested = `contested-${user.id.slice(0, 8)}@example.test`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email',
      headers: bearer(session),
      payload: { newEmail: contested, password: user.password },
    });
    await buildUser(t.database.db, { email: contested });
    const token = /confirm-email\?token=([\w-]+)/.exec(
      (await mailTo(contested, 'email_change_confirm'))!.text_body,
    )![1]!;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email/confirm',
      payload: { token },
    });
    expect(response.json().error.code).toBe('EMAIL_TAKEN');
  });
});
