// The platform admin: only platform admins with the second factor get in; creating an organization
// checks its requisites (400 naming the fields, nothing written); an invitation e-mails a real link
// that makes its holder the organization's staff; the health page shows the database and the job
// queue. /me says who is a platform admin. On PGlite and PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { linkToken, SmtpPeer } from '../../../../tests/support/smtp-peer.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  logInStaff,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { CreateOrganizationRequest } from '../../../shared/api/platform-admin.ts';
import { grantPlatformAdmin } from './platform-admin.service.ts';

const validOrganization: CreateOrganizationRequest = {
  kind: 'housing',
  name: 'Товарищество собственников жилья «Берёзка»',
  shortName: 'ТСЖ «Берёзка»',
  inn: '7707083893',
  kpp: '773601001',
  bankName: 'ПАО СБЕРБАНК',
  bic: '044525225',
  settlementAccount: '4070 2810 1382 5012 3017',
  correspondentAccount: '30101810400000000225',
  address: 'г. Рязань, ул. Есенина, д. 1',
  phone: '+7 4912 00-00-00',
  email: 'tszh@example.test',
  timezone: 'Europe/Moscow',
};

describe.each(databaseKinds)('platform admin API on %s', (kind) => {
  const smtp = new SmtpPeer();
  let t: TestApp;
  let admin: LoggedIn;
  let adminEmail: string;
  let homeOrganizationId: string;

  /** A platform admin's session, with the second factor passed unless told otherwise. */
  async function logInPlatformAdmin(secondFactor = true) {
    const user = await buildUser(t.database.db);
    expect(await grantPlatformAdmin(t.database.db, user.email.toUpperCase())).toBe('granted');
    const session = await logIn(t.app, user.email, user.password);
    if (secondFactor)
      await t.database.db
        .updateTable('sessions')
        .set({ second_factor_at: new Date() })
        .where('user_id', '=', user.id)
        .execute();
    return { session, email: user.email };
  }

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(kind, { SMTP_URL: smtp.url });
    ({ session: admin, email: adminEmail } = await logInPlatformAdmin());
    homeOrganizationId = (await buildOrganization(t.database.db)).id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const adminRoutes = () => [
    { method: 'GET' as const, url: '/api/v1/admin/organizations' },
    { method: 'POST' as const, url: '/api/v1/admin/organizations', payload: validOrganization },
    {
      method: 'POST' as const,
      url: `/api/v1/admin/organizations/${homeOrganizationId}/operator-invitations`,
      payload: { email: 'someone@example.test' },
    },
    { method: 'GET' as const, url: '/api/v1/admin/health' },
  ];

  it('refuses subscribers and organization staff (403), and a platform admin without the second factor', async () => {
    const subscriber = await buildUser(t.database.db);
    const subscriberSession = await logIn(t.app, subscriber.email, subscriber.password);
    const organizationAdmin = await logInStaff(t, homeOrganizationId, 'admin');
    const { session: withoutSecondFactor } = await logInPlatformAdmin(false);
    const before = await t.database.db.selectFrom('organizations').select('id').execute();
    for (const route of adminRoutes()) {
      for (const who of [subscriberSession, organizationAdmin]) {
        const response = await t.app.inject({ ...route, headers: bearer(who) });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
      const response = await t.app.inject({ ...route, headers: bearer(withoutSecondFactor) });
      expect(response.json().error.code, `${route.method} ${route.url}`).toBe('TWO_FACTOR_REQUIRED');
    }
    expect(await t.database.db.selectFrom('organizations').select('id').execute()).toHaveLength(
      before.length,
    );
    expect(
      await t.database.db
        .selectFrom('mail_messages')
        .select('id')
        .where('recipient', '=', 'someone@example.test')
        .execute(),
    ).toEqual([]);
  });

  it('tells /me who is a platform admin, and asks platform admins for two-factor like staff', async () => {
    const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(admin) })).json();
    expect(me.platformAdmin).toBe(true);
    expect(me.twoFactor).toEqual({ enabled: false, required: true });
    const subscriber = await buildUser(t.database.db);
    const other = await logIn(t.app, subscriber.email, subscriber.password);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(other) })).json().platformAdmin).toBe(
      false,
    );
  });

  it('refuses an organization with a broken INN and settlement account: 400 naming them, nothing created', async () => {
    const before = await t.database.db.selectFrom('organizations').select('id').execute();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: bearer(admin),
      payload: { ...validOrganization, inn: '6200098765', settlementAccount: '40702810138250123018' },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
      'body.inn',
      'body.settlementAccount',
    ]);
    const withoutKpp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: bearer(admin),
      payload: { ...validOrganization, kpp: null, bic: '04452522' },
    });
    expect(withoutKpp.statusCode).toBe(400);
    expect(
      withoutKpp
        .json()
        .error.details.map((detail: { path: string }) => detail.path)
        .sort(),
    ).toEqual(['body.bic', 'body.kpp']);
    const badZone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: bearer(admin),
      payload: { ...validOrganization, timezone: 'Mars/Olympus' },
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.details).toEqual({ fields: ['timezone'] });
    expect(await t.database.db.selectFrom('organizations').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('creates an organization, lists it with its counts, and audits it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: bearer(admin),
      payload: validOrganization,
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      kind: 'housing',
      shortName: 'ТСЖ «Берёзка»',
      inn: '7707083893',
      kpp: '773601001',
      accountCount: 0,
      registeredAccountCount: 0,
      staffCount: 0,
    });
    const stored = await t.database.db
      .selectFrom('organizations')
      .select(['settlement_account', 'email', 'timezone'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      settlement_account: '40702810138250123017',
      email: 'tszh@example.test',
      timezone: 'Europe/Moscow',
    });
    const list = (await t.app.inject({ url: '/api/v1/admin/organizations', headers: bearer(admin) })).json();
    expect(list.organizations.map((organization: { id: string }) => organization.id)).toContain(created.id);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'organization_id'])
      .where('action', '=', 'organization.created')
      .execute();
    expect(audit).toEqual([{ actor_user_id: admin.userId, organization_id: created.id }]);
  });

  it("e-mails an invitation whose link makes a new person the organization's administrator", async () => {
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/organizations/${homeOrganizationId}/operator-invitations`,
      headers: bearer(admin),
      payload: { email: 'First.Admin@example.test' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({
      status: 'invited',
      email: 'First.Admin@example.test',
      role: 'admin',
    });
    const mail = await smtp.waitFor('First.Admin@example.test', /Приглашение в кабинет сотрудника/);
    expect(mail.text).not.toContain(adminEmail);
    const token = linkToken(mail.text, '/staff-invitation');

    const inspected = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-invitations/inspect',
      payload: { token },
    });
    expect(inspected.json()).toEqual({
      organizationName: expect.any(String),
      role: 'admin',
      email: 'First.Admin@example.test',
      needsPassword: true,
    });
    const withoutConsent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-invitations/accept',
      payload: { token, password: 'Berezka-Parol-2026' },
    });
    expect(withoutConsent.json().error.code).toBe('CONSENT_REQUIRED');
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-invitations/accept',
      payload: { token, password: 'Berezka-Parol-2026', consent: true },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'joined', email: 'First.Admin@example.test' });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-invitations/accept',
      payload: { token, password: 'Berezka-Parol-2026', consent: true },
    });
    expect(again.json().error.code).toBe('TOKEN_INVALID');

    const session = await logIn(t.app, 'first.admin@example.test', 'Berezka-Parol-2026');
    const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(session) })).json();
    expect(me.staff).toEqual([
      expect.objectContaining({ organizationId: homeOrganizationId, role: 'admin' }),
    ]);
    expect(me.twoFactor.required).toBe(true);
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', homeOrganizationId)
      .where('action', 'in', ['staff.invited', 'staff.invitation_used'])
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['staff.invited', 'staff.invitation_used']);
  });

  it('invites an existing user as operator without a password, and not to an unknown organization', async () => {
    const existing = await buildUser(t.database.db);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/organizations/${homeOrganizationId}/operator-invitations`,
      headers: bearer(admin),
      payload: { email: existing.email, role: 'operator' },
    });
    const token = linkToken((await smtp.waitFor(existing.email, /Приглашение/)).text, '/staff-invitation');
    const inspected = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-invitations/inspect',
      payload: { token },
    });
    expect(inspected.json()).toMatchObject({ role: 'operator', needsPassword: false });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/staff-invitations/accept', payload: { token } }))
        .statusCode,
    ).toBe(200);
    const staff = await t.database.db
      .selectFrom('staff')
      .select('role')
      .where('user_id', '=', existing.id)
      .executeTakeFirstOrThrow();
    expect(staff.role).toBe('operator');

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations/00000000-0000-4000-8000-000000000000/operator-invitations',
      headers: bearer(admin),
      payload: { email: 'nobody@example.test' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('shows the database, migrations and each queue with its failures of the last day', async () => {
    // A job that failed for good an hour ago, as pg-boss records it.
    await sql`insert into pgboss.job (name, state, completed_on, retry_count, output)
      values ('send-mail', 'failed', now() - interval '1 hour', 12, '{"message":"SMTP refused"}')`.execute(
      t.database.db,
    );
    const response = await t.app.inject({ url: '/api/v1/admin/health', headers: bearer(admin) });
    expect(response.statusCode, response.body).toBe(200);
    const health = response.json();
    expect(health.database).toMatchObject({ kind, ok: true });
    expect(health.migrations.latest).toMatch(/^\d{4}-/);
    expect(health.migrations.applied).toBeGreaterThanOrEqual(15);
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.memory.rssBytes).toBeGreaterThan(0);
    const names = health.queues.map((queue: { name: string }) => queue.name);
    expect(names).toEqual(expect.arrayContaining(['send-mail', 'password-reset-request']));
    const sendMail = health.queues.find((queue: { name: string }) => queue.name === 'send-mail');
    expect(sendMail.failedLastDay).toBe(1);
    expect(sendMail.completedLastDay).toBeGreaterThanOrEqual(1);
    expect(health.failedJobs).toEqual([
      expect.objectContaining({ name: 'send-mail', retries: 12, error: 'SMTP refused' }),
    ]);
  });
});
