import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { linkToken } from '../../../../tests/support/smtp-peer.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';

describe.each(databaseKinds)('households, linking and invitations on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizationId = (await buildOrganization(t.database.db)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const as = (session: LoggedIn) => bearer(session);
  const lastInvitationToken = async (email: string) => {
    const mail = await t.database.db
      .selectFrom('mail_messages')
      .select('text_body')
      .where('recipient', '=', email)
      .where('template', '=', 'invitation')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return linkToken(mail.text_body, '/invitation');
  };

  async function ownedAccount() {
    const owner = await buildUser(t.database.db);
    const account = await buildAccount(t.database.db, organizationId, { members: [{ userId: owner.id }] });
    return { owner, account, session: await logIn(t.app, owner.email, owner.password) };
  }

  it('lets an owner invite a family member who has no login yet: the link sets a password and links the account', async () => {
    const { account, session } = await ownedAccount();
    const email = `family-${account.id.slice(0, 8)}@example.test`;
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/members`,
      headers: as(session),
      payload: { email, role: 'member' },
    });
    expect(invited.statusCode, invited.body).toBe(202);
    const token = await lastInvitationToken(email);

    const details = (
      await t.app.inject({ method: 'POST', url: '/api/v1/invitations/inspect', payload: { token } })
    ).json();
    expect(details).toMatchObject({ role: 'member', email, needsPassword: true });
    const withoutPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token },
    });
    expect(withoutPassword.json().error.code).toBe('CONSENT_REQUIRED');

    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'Semejnyj-Parol-2026', consent: true },
    });
    expect(accepted.statusCode).toBe(200);
    const member = await logIn(t.app, email, 'Semejnyj-Parol-2026');
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${account.id}/summary`, headers: as(member) })).statusCode,
    ).toBe(200);

    const members = (
      await t.app.inject({ url: `/api/v1/accounts/${account.id}/members`, headers: as(session) })
    ).json().members;
    expect(members.map((m: { role: string }) => m.role).sort()).toEqual(['member', 'owner']);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'Semejnyj-Parol-2026', consent: true },
    });
    expect(reuse.json().error.code).toBe('TOKEN_INVALID');
  });

  it('refuses member management to viewers and members with 403 FORBIDDEN_ROLE, and lets owners revoke', async () => {
    const { account, session: ownerSession } = await ownedAccount();
    const viewer = await buildUser(t.database.db);
    await t.database.db
      .insertInto('account_members')
      .values({ account_id: account.id, user_id: viewer.id, role: 'viewer' })
      .execute();
    const viewerSession = await logIn(t.app, viewer.email, viewer.password);

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/members`,
      headers: as(viewerSession),
      payload: { email: 'someone@example.test', role: 'member' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN_ROLE');
    const ownerId = (await t.app.inject({ url: '/api/v1/me', headers: as(ownerSession) })).json().user.id;
    const removeOwner = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/members/${ownerId}`,
      headers: as(viewerSession),
    });
    expect(removeOwner.json().error.code).toBe('FORBIDDEN_ROLE');
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${account.id}/summary`, headers: as(viewerSession) }))
        .statusCode,
    ).toBe(200);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/members/${viewer.id}`,
      headers: as(ownerSession),
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${account.id}/summary`, headers: as(viewerSession) }))
        .statusCode,
    ).toBe(404);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', account.id)
      .execute();
    expect(audit.map((row) => row.action)).toContain('household.revoked');
  });

  it('lets an owner cancel a pending invitation, after which its link no longer works', async () => {
    const { account, session } = await ownedAccount();
    const email = `cancelled-${account.id.slice(0, 8)}@example.test`;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/members`,
      headers: as(session),
      payload: { email, role: 'viewer' },
    });
    const token = await lastInvitationToken(email);
    const pending = (
      await t.app.inject({ url: `/api/v1/accounts/${account.id}/members`, headers: as(session) })
    ).json().invitations;
    expect(pending).toEqual([expect.objectContaining({ email, role: 'viewer' })]);
    const cancel = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/invitations/${pending[0].id}`,
      headers: as(session),
    });
    expect(cancel.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${account.id}/members`, headers: as(session) })).json()
        .invitations,
    ).toEqual([]);
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'Otmenennyj-Parol-1', consent: true },
    });
    expect(accept.json().error.code).toBe('TOKEN_INVALID');
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/invitations/${pending[0].id}`,
      headers: as(session),
    });
    expect(again.statusCode).toBe(404);
  });

  it('lets anyone leave an account themselves', async () => {
    const { account, owner, session } = await ownedAccount();
    const leave = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${account.id}/members/${owner.id}`,
      headers: as(session),
    });
    expect(leave.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/accounts', headers: as(session) })).json().accounts).toEqual(
      [],
    );
  });

  it('lets an operator invite the holder of an account of their organization only', async () => {
    const account = await buildAccount(t.database.db, organizationId);
    const operator = await buildUser(t.database.db);
    await t.database.db
      .insertInto('staff')
      .values({ user_id: operator.id, organization_id: organizationId, role: 'operator' })
      .execute();
    const operatorSession = await logIn(t.app, operator.email, operator.password);
    const holder = await buildUser(t.database.db);
    // Staff without two-factor are sent to set it up first.
    const withoutTwoFactor = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/accounts/${account.id}/invitations`,
      headers: as(operatorSession),
      payload: { email: holder.email },
    });
    expect(withoutTwoFactor.statusCode).toBe(403);
    expect(withoutTwoFactor.json().error.code).toBe('TWO_FACTOR_REQUIRED');
    await t.database.db
      .updateTable('users')
      .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date() })
      .where('id', '=', operator.id)
      .execute();
    const code = generateHOTP(
      decodeBase32IgnorePadding('JBSWY3DPEHPK3PXP'),
      BigInt(Math.floor(Date.now() / 30_000)),
      6,
    );
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: operator.email, password: operator.password, totp: code },
    });
    operatorSession.token = verified.json().token;

    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/accounts/${account.id}/invitations`,
      headers: as(operatorSession),
      payload: { email: holder.email },
    });
    expect(invited.statusCode, invited.body).toBe(202);
    const token = await lastInvitationToken(holder.email);
    // The holder already has a login: following the link is enough.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/invitations/inspect', payload: { token } })).json()
        .needsPassword,
    ).toBe(false);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token } }))
        .statusCode,
    ).toBe(200);
    const holderSession = await logIn(t.app, holder.email, holder.password);
    const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: as(holderSession) })).json()
      .accounts;
    expect(accounts).toEqual([expect.objectContaining({ id: account.id, role: 'owner' })]);

    const elsewhere = await buildOrganization(t.database.db);
    const foreignAccount = await buildAccount(t.database.db, elsewhere.id);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/accounts/${foreignAccount.id}/invitations`,
      headers: as(operatorSession),
      payload: { email: 'x@example.test' },
    });
    expect(refused.statusCode).toBe(404);
    const subscriber = await ownedAccount();
    const bySubscriber = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/accounts/${subscriber.account.id}/invitations`,
      headers: as(subscriber.session),
      payload: { email: 'x@example.test' },
    });
    expect(bySubscriber.statusCode).toBe(404);
  });

  it('links one more account with its proof, and answers a wrong proof with the registration error', async () => {
    const { session } = await ownedAccount();
    const second = await buildAccount(t.database.db, organizationId, { number: `L-${Date.now()}` });
    const number = (
      await t.database.db
        .selectFrom('accounts')
        .select('number')
        .where('id', '=', second.id)
        .executeTakeFirstOrThrow()
    ).number;
    await t.database.db
      .insertInto('payments')
      .values({
        account_id: second.id,
        amount: 481_250,
        source: 'bank',
        status: 'credited',
        paid_at: new Date(),
        credited_at: new Date(),
      })
      .execute();
    const link = (proof: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/accounts/link',
        headers: as(session),
        payload: { organizationId, accountNumber: number, proof },
      });
    const wrong = await link('4 812,49');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('REGISTRATION_PROOF_MISMATCH');
    const right = await link('4 812,50');
    expect(right.statusCode).toBe(201);
    expect(right.json()).toEqual({ accountId: second.id, accountNumber: number });
    const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: as(session) })).json().accounts;
    expect(accounts.map((a: { id: string }) => a.id)).toContain(second.id);
  });
});
