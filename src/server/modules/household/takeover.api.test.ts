// The ugly cases a security review found: each of these once let somebody in who should not be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { linkToken } from '../../../../tests/support/smtp-peer.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';

describe.each(databaseKinds)('account takeover attempts on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizationId = (await buildOrganization(t.database.db)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const lastLink = async (recipient: string, template: string, path: string) => {
    const row = await t.database.db
      .selectFrom('mail_messages')
      .select('text_body')
      .where('recipient', '=', recipient)
      .where('template', '=', template)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return linkToken(row.text_body, path);
  };

  async function accountWithPayment(amount: number) {
    const owner = await buildUser(t.database.db);
    const account = await buildAccount(t.database.db, organizationId, { members: [{ userId: owner.id }] });
    await t.database.db
      .insertInto('payments')
      .values({
        account_id: account.id,
        amount,
        source: 'bank',
        status: 'credited',
        paid_at: new Date(),
        credited_at: new Date(),
      })
      .execute();
    const number = (
      await t.database.db
        .selectFrom('accounts')
        .select('number')
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow()
    ).number;
    return { owner, account, number };
  }

  it('cancels a pending e-mail change when the password is reset', async () => {
    const victim = await buildUser(t.database.db);
    const attacker = await logIn(t.app, victim.email, victim.password);
    const attackerAddress = `attacker-${victim.id.slice(0, 6)}@example.test`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email',
      headers: bearer(attacker),
      payload: { newEmail: attackerAddress, password: victim.password },
    });
    const changeToken = await lastLink(attackerAddress, 'email_change_confirm', '/confirm-email');

    // The victim notices and resets the password.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: victim.email },
    });
    const deadline = Date.now() + 15_000;
    let resetToken: string | null = null;
    while (!resetToken && Date.now() < deadline) {
      resetToken = await lastLink(victim.email, 'password_reset', '/reset-password').catch(() => null);
      if (!resetToken) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: resetToken, password: 'Zhertva-Novyj-Parol-1' },
    });
    expect(reset.statusCode).toBe(200);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email/confirm',
      payload: { token: changeToken },
    });
    expect(confirm.json().error.code).toBe('TOKEN_INVALID');
  });

  it('ends sessions and cancels reset links mailed to the old address once the e-mail changes', async () => {
    const user = await buildUser(t.database.db);
    const other = await logIn(t.app, user.email, user.password);
    const here = await logIn(t.app, user.email, user.password);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: user.email },
    });
    const deadline = Date.now() + 15_000;
    let resetToken: string | null = null;
    while (!resetToken && Date.now() < deadline) {
      resetToken = await lastLink(user.email, 'password_reset', '/reset-password').catch(() => null);
      if (!resetToken) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const newEmail = `new-home-${user.id.slice(0, 6)}@example.test`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/email',
      headers: bearer(here),
      payload: { newEmail, password: user.password },
    });
    const token = await lastLink(newEmail, 'email_change_confirm', '/confirm-email');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/profile/email/confirm', payload: { token } }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(other) })).statusCode).toBe(401);
    const oldLink = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: resetToken, password: 'Staraja-Ssylka-Parol-1' },
    });
    expect(oldLink.json().error.code).toBe('TOKEN_INVALID');
  });

  it('checks no more than 5 proofs for one account number even when 15 arrive at once', async () => {
    const { number } = await accountWithPayment(77_700);
    const guesser = await buildUser(t.database.db);
    const session = await logIn(t.app, guesser.email, guesser.password);
    const responses = await Promise.all(
      Array.from({ length: 15 }, (_, n) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/accounts/link',
          headers: bearer(session),
          payload: { organizationId, accountNumber: number, proof: String(100 + n) },
          remoteAddress: `172.16.${n}.1`,
        }),
      ),
    );
    const checked = responses.filter((response) => response.statusCode === 400).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(responses.filter((response) => response.statusCode === 429).length).toBe(15 - checked);
  });

  it('never makes a viewer an owner through the proof, and never links where only invitations are allowed', async () => {
    const { owner, account, number } = await accountWithPayment(55_500);
    const viewer = await buildUser(t.database.db);
    await t.database.db
      .insertInto('account_members')
      .values({ account_id: account.id, user_id: viewer.id, role: 'viewer' })
      .execute();
    const secondLogin = await buildUser(t.database.db);
    const session = await logIn(t.app, secondLogin.email, secondLogin.password);
    const linked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/link',
      headers: bearer(session),
      payload: { organizationId, accountNumber: number, proof: '555' },
    });
    expect(linked.statusCode).toBe(201);
    const roles = await t.app.inject({ url: '/api/v1/accounts', headers: bearer(session) });
    expect(roles.json().accounts.find((a: { id: string }) => a.id === account.id).role).toBe('viewer');
    const removeOwner = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/members/${owner.id}`,
      headers: bearer(session),
    });
    expect(removeOwner.json().error.code).toBe('FORBIDDEN_ROLE');

    const inviteOnly = await buildOrganization(t.database.db);
    await t.database.db
      .updateTable('organizations')
      .set({ registration_mode: 'invite' })
      .where('id', '=', inviteOnly.id)
      .execute();
    const closed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/link',
      headers: bearer(session),
      payload: { organizationId: inviteOnly.id, accountNumber: '1', proof: '1' },
    });
    expect(closed.json().error.code).toBe('REGISTRATION_CLOSED');
  });

  it('voids invitations of an owner who was removed, and answers two acceptances at once without a 500', async () => {
    const { owner, account } = await accountWithPayment(10_000);
    const coOwner = await buildUser(t.database.db);
    await t.database.db
      .insertInto('account_members')
      .values({ account_id: account.id, user_id: coOwner.id, role: 'owner' })
      .execute();
    const coOwnerSession = await logIn(t.app, coOwner.email, coOwner.password);
    const guest = `guest-${account.id.slice(0, 6)}@example.test`;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/members`,
      headers: bearer(coOwnerSession),
      payload: { email: guest, role: 'member' },
    });
    const voided = await lastLink(guest, 'invitation', '/invitation');
    const ownerSession = await logIn(t.app, owner.email, owner.password);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/members/${coOwner.id}`,
      headers: bearer(ownerSession),
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: voided, password: 'Gost-Parol-2026-x', consent: true },
    });
    expect(accepted.json().error.code).toBe('TOKEN_INVALID');

    const twin = `twin-${account.id.slice(0, 6)}@example.test`;
    for (let n = 0; n < 2; n++) {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${account.id}/members`,
        headers: bearer(ownerSession),
        payload: { email: twin, role: 'viewer' },
      });
    }
    const tokens = (
      await t.database.db
        .selectFrom('mail_messages')
        .select('text_body')
        .where('recipient', '=', twin)
        .where('template', '=', 'invitation')
        .execute()
    ).map((row) => linkToken(row.text_body, '/invitation'));
    expect(tokens).toHaveLength(2);
    const both = await Promise.all(
      tokens.map((token) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/invitations/accept',
          payload: { token, password: 'Bliznec-Parol-2026', consent: true },
        }),
      ),
    );
    expect(both.map((response) => response.statusCode)).toEqual([200, 200]);
  });
});
