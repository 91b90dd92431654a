// Every route of the OpenAPI document, against every kind of caller that must not get in.
// A route missing from the matrix fails the test: decide who may call it before shipping it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from './support/factories.ts';
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
  | 'organization-staff';

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
  'POST /api/v1/accounts/link': 'self',
  'GET /api/v1/accounts/{accountId}/members': 'account-member',
  'POST /api/v1/accounts/{accountId}/members': 'account-member',
  'DELETE /api/v1/accounts/{accountId}/members/{userId}': 'account-member',
  'DELETE /api/v1/accounts/{accountId}/invitations/{invitationId}': 'account-member',
  'POST /api/v1/operator/accounts/{accountId}/invitations': 'organization-staff',
  'POST /api/v1/invitations/inspect': 'public',
  'POST /api/v1/invitations/accept': 'public',
};

/** Valid bodies, so that a refusal is about who calls, not about what they sent. */
const samplePayloads: Record<string, unknown> = {
  'POST /api/v1/accounts/{accountId}/members': { email: 'guest@example.test', role: 'viewer' },
  'POST /api/v1/operator/accounts/{accountId}/invitations': { email: 'holder@example.test' },
};

describe.each(databaseKinds)('authorization matrix on %s', (kind) => {
  let t: TestApp;
  let routes: { method: string; path: string }[];
  let accountId: string;
  let ownerId: string;
  let otherSubscriber: LoggedIn;
  let otherStaff: LoggedIn;

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
      url: route.path
        .replace('{accountId}', accountId)
        .replace('{sessionId}', '00000000-0000-4000-8000-000000000000')
        .replace('{userId}', ownerId)
        .replace('{invitationId}', '00000000-0000-4000-8000-000000000000'),
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
