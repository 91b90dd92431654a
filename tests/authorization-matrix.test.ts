// Every route of the OpenAPI document, against every kind of caller that must not get in.
// A route missing from the matrix fails the test: decide who may call it before shipping it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReading, buildAccount, buildMeter, buildOrganization, buildUser } from './support/factories.ts';
import { bearer, createTestApp, type LoggedIn, logIn, type TestApp } from './support/test-app.ts';
import { databaseKinds } from './support/test-database.ts';

type Access =
  /** Anyone, logged in or not (login, registration, public lookups). */
  | 'public'
  /** Any logged-in user, about themselves only. */
  | 'self'
  /** Members of the account in the path only. */
  | 'account-member'
  /** Staff of the organization that the account in the path belongs to. */
  | 'organization-staff'
  /** Staff, about their own organization only (named by organizationId or implied). */
  | 'staff'
  /** Platform admins of the instance only (with the second factor), never organization staff. */
  | 'platform-admin';

const matrix: Record<string, Access> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'self',
  'GET /api/v1/me': 'self',
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/confirm': 'public',
  'POST /api/v1/auth/password-reset': 'public',
  'POST /api/v1/auth/password-reset/confirm': 'public',
  'GET /api/v1/organizations': 'public',
  'GET /api/v1/instance': 'public',
  'GET /api/v1/accounts': 'self',
  'GET /api/v1/profile': 'self',
  'PATCH /api/v1/profile': 'self',
  'POST /api/v1/profile/password': 'self',
  'GET /api/v1/profile/sessions': 'self',
  'DELETE /api/v1/profile/sessions/{sessionId}': 'self',
  'POST /api/v1/profile/sessions/revoke-others': 'self',
  'GET /api/v1/profile/activity': 'self',
  'POST /api/v1/profile/email': 'self',
  'POST /api/v1/profile/email/confirm': 'public',
  'POST /api/v1/profile/two-factor/setup': 'self',
  'POST /api/v1/profile/two-factor/enable': 'self',
  'POST /api/v1/profile/two-factor/disable': 'self',
  'GET /api/v1/accounts/{accountId}/summary': 'account-member',
  'GET /api/v1/accounts/{accountId}/charges': 'account-member',
  'GET /api/v1/accounts/{accountId}/payments': 'account-member',
  'POST /api/v1/accounts/{accountId}/payments': 'account-member',
  'GET /api/v1/payments/{paymentId}': 'self',
  'POST /api/v1/payment-notifications/{gateway}': 'public',
  'POST /api/v1/payment-notifications/{gateway}/{organizationId}': 'public',
  'GET /api/v1/accounts/{accountId}/receipts': 'account-member',
  'GET /api/v1/accounts/{accountId}/receipts/{period}': 'account-member',
  'GET /api/v1/accounts/{accountId}/receipts/{period}.pdf': 'account-member',
  'POST /api/v1/accounts/link': 'self',
  'GET /api/v1/accounts/{accountId}/members': 'account-member',
  'POST /api/v1/accounts/{accountId}/members': 'account-member',
  'DELETE /api/v1/accounts/{accountId}/members/{userId}': 'account-member',
  'DELETE /api/v1/accounts/{accountId}/invitations/{invitationId}': 'account-member',
  'POST /api/v1/operator/accounts/{accountId}/invitations': 'organization-staff',
  'GET /api/v1/operator/accounts/{accountId}/invitations': 'organization-staff',
  'DELETE /api/v1/operator/accounts/{accountId}/invitations/{invitationId}': 'organization-staff',
  'GET /api/v1/operator/overview': 'staff',
  'GET /api/v1/operator/accounts': 'staff',
  'GET /api/v1/operator/accounts/{accountId}': 'organization-staff',
  'POST /api/v1/operator/accounts/{accountId}/members/{userId}/password-reset': 'organization-staff',
  'POST /api/v1/invitations/inspect': 'public',
  'POST /api/v1/invitations/accept': 'public',
  'GET /api/v1/accounts/{accountId}/meters': 'account-member',
  'POST /api/v1/accounts/{accountId}/meters/{meterId}/readings/preview': 'account-member',
  'POST /api/v1/accounts/{accountId}/meters/{meterId}/readings': 'account-member',
  'GET /api/v1/accounts/{accountId}/meters/{meterId}/readings': 'account-member',
  'POST /api/v1/operator/accounts/{accountId}/meters/{meterId}/readings': 'organization-staff',
  'GET /api/v1/operator/readings': 'staff',
  'POST /api/v1/operator/readings/{submissionId}/reject': 'staff',
  'GET /api/v1/operator/settings/readings': 'staff',
  'PUT /api/v1/operator/settings/readings': 'staff',
  'GET /api/v1/operator/settings/payment-gateway': 'staff',
  'PUT /api/v1/operator/settings/payment-gateway': 'staff',
  'GET /api/v1/organizations/{organizationId}/payment-rules': 'public',
  'GET /api/v1/operator/settings/payment-rules': 'staff',
  'PUT /api/v1/operator/settings/payment-rules': 'staff',
  'GET /api/v1/operator/settings/organization': 'staff',
  'PUT /api/v1/operator/settings/organization': 'staff',
  'PUT /api/v1/operator/settings/organization/logo': 'staff',
  'DELETE /api/v1/operator/settings/organization/logo': 'staff',
  'GET /api/v1/organizations/{organizationId}/logo': 'public',
  'POST /api/v1/operator/reading-exports': 'staff',
  'POST /api/v1/operator/imports/{kind}': 'staff',
  'GET /api/v1/operator/imports': 'staff',
  'GET /api/v1/operator/imports/{importId}': 'staff',
  'GET /api/v1/operator/imports/{importId}/report.csv': 'staff',
  'GET /api/v1/operator/api-keys': 'staff',
  'POST /api/v1/operator/api-keys': 'staff',
  'DELETE /api/v1/operator/api-keys/{keyId}': 'staff',
  'GET /api/v1/operator/reading-exports': 'staff',
  'GET /api/v1/operator/reading-exports/{exportId}/file': 'staff',
  'POST /api/v1/payments/{paymentId}/refund-requests': 'self',
  'GET /api/v1/operator/refund-requests': 'staff',
  'POST /api/v1/operator/refund-requests/{refundRequestId}/approve': 'staff',
  'POST /api/v1/operator/refund-requests/{refundRequestId}/reject': 'staff',
  'GET /api/v1/operator/exports/payments.csv': 'staff',
  'GET /api/v1/operator/exports/subscribers.csv': 'staff',
  'GET /api/v1/admin/organizations': 'platform-admin',
  'POST /api/v1/admin/organizations': 'platform-admin',
  'POST /api/v1/admin/organizations/{organizationId}/operator-invitations': 'platform-admin',
  'GET /api/v1/admin/health': 'platform-admin',
  'POST /api/v1/staff-invitations/inspect': 'public',
  'POST /api/v1/staff-invitations/accept': 'public',
};

const reading = { values: [{ register: 1, value: '105' }] };

/** Valid bodies, so that a refusal is about who calls, not about what they sent. */
const samplePayloads: Record<string, unknown> = {
  'POST /api/v1/accounts/{accountId}/payments': { amount: 1000, email: 'payer@example.test' },
  'POST /api/v1/accounts/{accountId}/members': { email: 'guest@example.test', role: 'viewer' },
  'POST /api/v1/operator/accounts/{accountId}/invitations': { email: 'holder@example.test' },
  'POST /api/v1/accounts/{accountId}/meters/{meterId}/readings/preview': reading,
  'POST /api/v1/accounts/{accountId}/meters/{meterId}/readings': reading,
  'POST /api/v1/operator/accounts/{accountId}/meters/{meterId}/readings': reading,
  'POST /api/v1/operator/readings/{submissionId}/reject': { reason: 'Фото не совпадает' },
  'PUT /api/v1/operator/settings/readings': {
    windowStartDay: 1,
    windowEndDay: 31,
    outsideWindow: 'refuse',
    anomalyFactor: 2,
    refuseBelowPrevious: false,
    timezone: 'Asia/Tokyo',
  },
  'POST /api/v1/operator/reading-exports': { period: '2026-11' },
  'POST /api/v1/operator/api-keys': { name: 'Биллинг', scopes: ['imports'] },
  'POST /api/v1/payments/{paymentId}/refund-requests': { reason: 'Оплатил дважды, прошу вернуть.' },
  'POST /api/v1/operator/refund-requests/{refundRequestId}/reject': { note: 'Нет оснований' },
  'PUT /api/v1/operator/settings/payment-gateway': { gateway: 'sandbox', vat: 'vat20' },
  'PUT /api/v1/operator/settings/payment-rules': { ru: 'Правила оплаты организации.', en: null },
  'POST /api/v1/admin/organizations': {
    kind: 'isp',
    name: 'ООО «Матрица»',
    shortName: 'Матрица',
    inn: '7707083893',
    kpp: '773601001',
    bankName: 'ПАО СБЕРБАНК',
    bic: '044525225',
    settlementAccount: '40702810138250123017',
    correspondentAccount: '30101810400000000225',
  },
  'POST /api/v1/admin/organizations/{organizationId}/operator-invitations': { email: 'first@example.test' },
  'PUT /api/v1/operator/settings/organization': {
    name: 'ООО «Чужая УК»',
    shortName: 'Чужая УК',
    inn: '7707083893',
    kpp: '773601001',
    bankName: 'ПАО СБЕРБАНК',
    bic: '044525225',
    settlementAccount: '40702810138250123017',
    correspondentAccount: '30101810400000000225',
    address: null,
    phone: null,
    email: null,
    registrationMode: 'invite',
    proofType: 'last_payment',
    paymentDueDay: 10,
    receiptShowQr: true,
    receiptNote: null,
    accentColor: '#aa0000',
    supportDeadlineDays: 2,
    officeHours: null,
  },
};

/** Query strings that make a request valid apart from who sends it. */
const sampleQueries: Record<string, string> = {
  'GET /api/v1/operator/readings': '?period=2026-11',
  'GET /api/v1/operator/exports/payments.csv': '?period=2026-11',
};

describe.each(databaseKinds)('authorization matrix on %s', (kind) => {
  let t: TestApp;
  let routes: { method: string; path: string }[];
  let accountId: string;
  let ownerId: string;
  let otherSubscriber: LoggedIn;
  let otherStaff: LoggedIn;
  let homeOrganizationId: string;
  let meterId: string;
  let submissionId: string;
  let exportId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const document = (await t.app.inject('/api/docs/json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
    );
    const home = await buildOrganization(t.database.db);
    const owner = await buildUser(t.database.db);
    accountId = (await buildAccount(t.database.db, home.id, { members: [{ userId: owner.id }] })).id;
    ownerId = owner.id;
    homeOrganizationId = home.id;
    meterId = (await buildMeter(t.database.db, accountId)).id;
    submissionId = (await addReading(t.database.db, meterId, '2026-10', ['100'], { status: 'accepted' })).id;
    const homeAdmin = await buildUser(t.database.db);
    await t.database.db
      .insertInto('staff')
      .values({ user_id: homeAdmin.id, organization_id: home.id, role: 'admin' })
      .execute();
    exportId = (
      await t.database.db
        .insertInto('reading_exports')
        .values({
          organization_id: home.id,
          period: '2026-10-01',
          created_by: homeAdmin.id,
          reading_count: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    const stranger = await buildUser(t.database.db);
    await buildAccount(t.database.db, home.id, { members: [{ userId: stranger.id }] });
    otherSubscriber = await logIn(t.app, stranger.email, stranger.password);

    const elsewhere = await buildOrganization(t.database.db);
    const operator = await buildUser(t.database.db);
    await t.database.db
      .insertInto('staff')
      .values({ user_id: operator.id, organization_id: elsewhere.id, role: 'operator' })
      .execute();
    otherStaff = await logIn(t.app, operator.email, operator.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (route: { method: string; path: string }, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: route.method as 'GET',
      url:
        route.path
          .replace('{accountId}', accountId)
          .replace('{sessionId}', '00000000-0000-4000-8000-000000000000')
          .replace('{userId}', ownerId)
          .replace('{invitationId}', '00000000-0000-4000-8000-000000000000')
          .replace('{meterId}', meterId)
          .replace('{period}', '2026-10')
          .replace('{paymentId}', '00000000-0000-4000-8000-000000000000')
          .replace('{gateway}', route.path.includes('{organizationId}') ? 'tbank' : 'sandbox')
          .replace('{organizationId}', homeOrganizationId)
          .replace('{submissionId}', submissionId)
          .replace('{exportId}', exportId)
          .replace('{kind}', 'accounts')
          .replace('{importId}', '00000000-0000-4000-8000-000000000000')
          .replace('{keyId}', '00000000-0000-4000-8000-000000000000')
          .replace('{refundRequestId}', '00000000-0000-4000-8000-000000000000') +
        (sampleQueries[`${route.method} ${route.path}`] ?? ''),
      headers,
      ...(route.method === 'GET' || route.method === 'DELETE'
        ? {}
        : { payload: samplePayloads[`${route.method} ${route.path}`] ?? {} }),
    });

  it('has an entry for every documented route, and none for routes that are gone', () => {
    const documented = routes
      .map((route) => `${route.method} ${route.path}`)
      .filter((key) => key.includes('/api/v1/'));
    expect(
      documented.filter((key) => !(key in matrix)),
      'routes without a matrix entry',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((key) => !documented.includes(key)),
      'matrix entries without a route',
    ).toEqual([]);
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    for (const route of routes) {
      const access = matrix[`${route.method} ${route.path}`];
      if (!access || access === 'public') continue;
      const response = await call(route);
      expect(response.statusCode, `${route.method} ${route.path}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('hides an account from another subscriber and from staff of another organization', async () => {
    for (const route of routes) {
      const access = matrix[`${route.method} ${route.path}`];
      if (access !== 'account-member' && access !== 'organization-staff') continue;
      for (const [who, session] of [
        ['another subscriber', otherSubscriber],
        ['staff of another organization', otherStaff],
      ] as const) {
        const response = await call(route, bearer(session));
        expect([403, 404], `${who}: ${route.method} ${route.path}: ${response.body}`).toContain(
          response.statusCode,
        );
        expect(response.json().error.code).toMatch(/ACCOUNT_NOT_FOUND|FORBIDDEN/);
      }
    }
  });

  it('refuses staff routes to subscribers, and to staff naming another organization', async () => {
    for (const route of routes) {
      if (matrix[`${route.method} ${route.path}`] !== 'staff') continue;
      const bySubscriber = await call(route, bearer(otherSubscriber));
      expect(bySubscriber.statusCode, `subscriber: ${route.method} ${route.path}`).toBe(403);
      expect(bySubscriber.json().error.code).toBe('FORBIDDEN');
      const elsewhere = await t.app.inject({
        method: route.method as 'GET',
        url: `${route.path
          .replace('{submissionId}', submissionId)
          .replace('{exportId}', exportId)
          .replace('{kind}', 'accounts')
          .replace('{importId}', '00000000-0000-4000-8000-000000000000')
          .replace('{keyId}', '00000000-0000-4000-8000-000000000000')
          .replace(
            '{refundRequestId}',
            '00000000-0000-4000-8000-000000000000',
          )}?organizationId=${homeOrganizationId}${(sampleQueries[`${route.method} ${route.path}`] ?? '').replace('?', '&')}`,
        headers: bearer(otherStaff),
        ...(route.method === 'GET'
          ? {}
          : {
              payload: {
                ...(samplePayloads[`${route.method} ${route.path}`] as object),
                organizationId: homeOrganizationId,
              },
            }),
      });
      expect(elsewhere.statusCode, `other staff: ${route.method} ${route.path}: ${elsewhere.body}`).toBe(403);
    }
    // Nothing about the home organization changed or leaked.
    const settings = await t.database.db
      .selectFrom('organizations')
      .select(['reading_window_start', 'timezone'])
      .where('id', '=', homeOrganizationId)
      .executeTakeFirstOrThrow();
    expect(settings).toEqual({ reading_window_start: 15, timezone: 'Europe/Moscow' });
    const rules = await t.database.db
      .selectFrom('payment_rules')
      .select('locale')
      .where('organization_id', '=', homeOrganizationId)
      .execute();
    expect(rules).toEqual([]);
    const organization = await t.database.db
      .selectFrom('organizations')
      .select(['short_name', 'registration_mode', 'accent_color', 'logo_file_id'])
      .where('id', '=', homeOrganizationId)
      .executeTakeFirstOrThrow();
    expect(organization).toMatchObject({ registration_mode: 'both', accent_color: null, logo_file_id: null });
    expect(organization.short_name).not.toBe('Чужая УК');
  });

  it('refuses platform-admin routes to subscribers and to staff, administrators with two-factor included', async () => {
    const organizationAdmin = await buildUser(t.database.db);
    await t.database.db
      .insertInto('staff')
      .values({ user_id: organizationAdmin.id, organization_id: homeOrganizationId, role: 'admin' })
      .execute();
    const adminSession = await logIn(t.app, organizationAdmin.email, organizationAdmin.password);
    await t.database.db
      .updateTable('sessions')
      .set({ second_factor_at: new Date() })
      .where('user_id', '=', organizationAdmin.id)
      .execute();
    const organizationsBefore = await t.database.db.selectFrom('organizations').select('id').execute();
    for (const route of routes) {
      if (matrix[`${route.method} ${route.path}`] !== 'platform-admin') continue;
      for (const [who, session] of [
        ['subscriber', otherSubscriber],
        ['staff of another organization', otherStaff],
        ["the organization's administrator", adminSession],
      ] as const) {
        const response = await call(route, bearer(session));
        expect(response.statusCode, `${who}: ${route.method} ${route.path}: ${response.body}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect(await t.database.db.selectFrom('organizations').select('id').execute()).toHaveLength(
      organizationsBefore.length,
    );
  });

  it('shows "self" routes only the caller’s own data', async () => {
    const accounts = (
      await t.app.inject({ url: '/api/v1/accounts', headers: bearer(otherSubscriber) })
    ).json().accounts;
    expect(accounts.map((account: { id: string }) => account.id)).not.toContain(accountId);
    const staffAccounts = (
      await t.app.inject({ url: '/api/v1/accounts', headers: bearer(otherStaff) })
    ).json().accounts;
    expect(staffAccounts).toEqual([]);
  });
});
