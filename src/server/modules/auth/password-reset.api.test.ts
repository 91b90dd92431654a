import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { linkToken, SmtpPeer } from '../../../../tests/support/smtp-peer.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { formatMoney } from '../../../shared/money.ts';

const NEW_PASSWORD = 'Novyj-Parol-Oka-2026';

describe.each(databaseKinds)('password reset and mail delivery on %s', (kind) => {
  const smtp = new SmtpPeer();
  const logLines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    const logStream = new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    });
    t = await createTestApp(kind, { SMTP_URL: smtp.url, LOG_LEVEL: 'trace' }, undefined, logStream);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const requestReset = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
  const confirmReset = (token: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password },
    });

  it('answers known and unknown addresses identically, and mails only the known one', async () => {
    const user = await buildUser(t.database.db);
    const known = await requestReset(user.email);
    const unknown = await requestReset('nobody-at-all@example.test');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    await smtp.waitFor(user.email, /Восстановление пароля/);
    // Wait until the worker has handled the unknown address too; then check it wrote no mail.
    const deadline = Date.now() + 15_000;
    let handledUnknown = false;
    while (!handledUnknown && Date.now() < deadline) {
      const rows = await t.database.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'password_reset.requested')
        .execute();
      handledUnknown = rows.some((row) => (row.details as { known: boolean }).known === false);
      if (!handledUnknown) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(handledUnknown).toBe(true);
    const unknownMail = await t.database.db
      .selectFrom('mail_messages')
      .select('id')
      .where('recipient', '=', 'nobody-at-all@example.test')
      .execute();
    expect(unknownMail).toEqual([]);
  });

  it('sets a new password with the link: the old one fails, the new one works, every session ends, a notice goes out', async () => {
    const user = await buildUser(t.database.db);
    const sessionA = await logIn(t.app, user.email, user.password);
    const sessionB = await logIn(t.app, user.email, user.password);
    await requestReset(user.email);
    const token = linkToken(
      (await smtp.waitFor(user.email, /Восстановление пароля/)).text,
      '/reset-password',
    );

    const changed = await confirmReset(token, NEW_PASSWORD);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ status: 'password_changed' });

    for (const session of [sessionA, sessionB]) {
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(session) })).statusCode).toBe(401);
    }
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(old.statusCode).toBe(401);
    await logIn(t.app, user.email, NEW_PASSWORD);
    await smtp.waitFor(user.email, /Пароль изменён/);

    const reused = await confirmReset(token, `${NEW_PASSWORD}-again`);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('TOKEN_INVALID');
  });

  it('mails one address at most 3 reset links an hour, answering every request the same', async () => {
    const user = await buildUser(t.database.db);
    const responses = [];
    for (let n = 0; n < 5; n++) responses.push(await requestReset(user.email));
    expect(new Set(responses.map((response) => `${response.statusCode} ${response.body}`))).toEqual(
      new Set(['202 {"status":"check_email"}']),
    );
    // Wait until the worker has handled all five requests.
    const deadline = Date.now() + 20_000;
    let handled = 0;
    while (handled < 5 && Date.now() < deadline) {
      const rows = await t.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'password_reset.requested')
        .where('actor_user_id', '=', user.id)
        .execute();
      handled = rows.length;
      if (handled < 5) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(handled).toBe(5);
    const mails = await t.database.db
      .selectFrom('mail_messages')
      .select('id')
      .where('recipient', '=', user.email)
      .execute();
    expect(mails).toHaveLength(3);
  });

  it('keeps the link usable when the new password is refused as weak', async () => {
    const user = await buildUser(t.database.db);
    await requestReset(user.email);
    const token = linkToken(
      (await smtp.waitFor(user.email, /Восстановление пароля/)).text,
      '/reset-password',
    );
    const weak = await confirmReset(token, 'qwertyuiop');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { problems: ['common'] } });
    expect((await confirmReset(token, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses made-up and expired links', async () => {
    const user = await buildUser(t.database.db);
    expect((await confirmReset('x'.repeat(43), NEW_PASSWORD)).json().error.code).toBe('TOKEN_INVALID');
    await requestReset(user.email);
    const token = linkToken(
      (await smtp.waitFor(user.email, /Восстановление пароля/)).text,
      '/reset-password',
    );
    await t.database.db
      .updateTable('tokens')
      .set({ created_at: new Date(Date.now() - 2 * 3600_000), expires_at: new Date(Date.now() - 3600_000) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await confirmReset(token, NEW_PASSWORD)).json().error.code).toBe('TOKEN_INVALID');
  });

  it('retries mail while the SMTP server is down and delivers it once it is back', async () => {
    const user = await buildUser(t.database.db);
    await smtp.stop();
    try {
      expect((await requestReset(user.email)).statusCode).toBe(202);
      // Wait until at least one delivery attempt has failed.
      const deadline = Date.now() + 15_000;
      let failed = false;
      while (!failed && Date.now() < deadline) {
        const row = await t.database.db
          .selectFrom('mail_messages')
          .select(['attempts', 'status'])
          .where('recipient', '=', user.email)
          .executeTakeFirst();
        failed = Boolean(row && row.attempts >= 1 && row.status === 'queued');
        if (!failed) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(failed).toBe(true);
    } finally {
      await smtp.start();
    }
    await smtp.waitFor(user.email, /Восстановление пароля/, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.filter((mail) => mail.to.includes(user.email))).toHaveLength(1);
    const row = await t.database.db
      .selectFrom('mail_messages')
      .select(['status', 'attempts', 'last_error'])
      .where('recipient', '=', user.email)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.attempts).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('logs no password, token or link during a full registration and reset', async () => {
    const organization = await buildOrganization(t.database.db);
    const account = await buildAccount(t.database.db, organization.id, { number: 'LOG-0001' });
    await t.database.db
      .insertInto('payments')
      .values({
        account_id: account.id,
        amount: 123_456,
        source: 'bank',
        status: 'credited',
        paid_at: new Date(),
        credited_at: new Date(),
      })
      .execute();
    const email = 'logged.person@example.test';
    const password = 'Okskaja-Naberezhnaja-7';
    logLines.length = 0;
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        organizationId: organization.id,
        accountNumber: 'LOG-0001',
        proof: formatMoney(123_456),
        email,
        password,
        consent: true,
      },
    });
    expect(registered.statusCode).toBe(202);
    const confirmMail = await smtp.waitFor(email, /Подтвердите/);
    const confirmToken = linkToken(confirmMail.text, '/confirm');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/confirm',
          payload: { token: confirmToken, password },
        })
      ).statusCode,
    ).toBe(200);
    const session = await logIn(t.app, email, password);
    await t.app.inject({ url: '/api/v1/me', headers: bearer(session) });
    await requestReset(email);
    const resetToken = linkToken(
      (await smtp.waitFor(email, /Восстановление пароля/)).text,
      '/reset-password',
    );
    expect((await confirmReset(resetToken, NEW_PASSWORD)).statusCode).toBe(200);

    // People open the mailed links in a browser: those URLs reach the server too.
    await t.app.inject({ url: `/confirm?token=${confirmToken}` });
    await t.app.inject({ url: `/reset-password?token=${resetToken}` });
    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10); // the log did capture the requests
    for (const secret of [
      password,
      NEW_PASSWORD,
      confirmToken,
      resetToken,
      session.token,
      session.csrfToken,
      'token=',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
