// The operator console's API: the overview counts, account search by number, address and name
// within the staff member's organization only, the audited account view, pending invitations and
// their cancelling, and the forced password reset e-mail (a real message through SMTP, limited,
// only to members of the organization's accounts). On PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addReading,
  buildAccount,
  buildMeter,
  buildOrganization,
  buildStatement,
  buildUser,
} from '../../../../tests/support/factories.ts';
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
import type {
  AccountSearchResponse,
  OperatorAccountResponse,
  OperatorOverview,
} from '../../../shared/api/operator-console.ts';
import { periodInTimeZone } from '../../../shared/period.ts';
import { FORCED_RESETS_PER_USER } from './operator-console.service.ts';

describe.each(databaseKinds)('operator console API on %s', (kind) => {
  const smtp = new SmtpPeer();
  let t: TestApp;
  let organizationId: string;
  let otherOrganizationId: string;
  let operator: LoggedIn;
  let otherOperator: LoggedIn;
  let subscriber: LoggedIn;
  let owner: { id: string; email: string; password: string };
  let accountId: string;
  let otherAccountId: string;
  let otherMemberId: string;

  async function placeAccount(
    organization: string,
    options: { number: string; holder: string; street: string; flat: string; members?: { userId: string }[] },
  ): Promise<string> {
    const buildingId = randomUUID();
    const premisesId = randomUUID();
    await t.database.db
      .insertInto('buildings')
      .values({ id: buildingId, organization_id: organization, address: options.street })
      .execute();
    await t.database.db
      .insertInto('premises')
      .values({ id: premisesId, building_id: buildingId, number: options.flat })
      .execute();
    const { id } = await buildAccount(t.database.db, organization, {
      number: options.number,
      members: options.members,
    });
    await t.database.db
      .updateTable('accounts')
      .set({ premises_id: premisesId, holder_name: options.holder })
      .where('id', '=', id)
      .execute();
    return id;
  }

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(kind, { SMTP_URL: smtp.url });
    ({ id: organizationId } = await buildOrganization(t.database.db, { short_name: 'УК «Берёзка»' }));
    ({ id: otherOrganizationId } = await buildOrganization(t.database.db));
    owner = await buildUser(t.database.db);
    accountId = await placeAccount(organizationId, {
      number: '0042001',
      holder: 'Петрова Мария Ивановна',
      street: 'г. Рязань, ул. Садовая, д. 7',
      flat: '15',
      members: [{ userId: owner.id }],
    });
    await placeAccount(organizationId, {
      number: '0042002',
      holder: 'Сидоров Пётр',
      street: 'г. Рязань, ул. Садовая, д. 7',
      flat: '16',
    });
    await placeAccount(organizationId, {
      number: '0077001',
      holder: 'Кузнецова Анна',
      street: 'г. Рязань, пр. Мира, д. 3',
      flat: '1',
    });
    const otherMember = await buildUser(t.database.db);
    otherMemberId = otherMember.id;
    // Same number, street and name elsewhere: never found from this organization.
    otherAccountId = await placeAccount(otherOrganizationId, {
      number: '0042003',
      holder: 'Петрова Мария Ивановна',
      street: 'г. Рязань, ул. Садовая, д. 7',
      flat: '17',
      members: [{ userId: otherMember.id }],
    });
    operator = await logInStaff(t, organizationId, 'operator');
    otherOperator = await logInStaff(t, otherOrganizationId, 'operator');
    subscriber = await logIn(t.app, owner.email, owner.password);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const search = (who: LoggedIn, q: string) =>
    t.app.inject({ url: `/api/v1/operator/accounts?q=${encodeURIComponent(q)}`, headers: bearer(who) });
  const numbersFound = async (q: string) =>
    ((await search(operator, q)).json() as AccountSearchResponse).items.map((item) => item.number);

  it('finds accounts by number prefix, address and holder name, in any case', async () => {
    expect(await numbersFound('00420')).toEqual(['0042001', '0042002']);
    expect(await numbersFound('садовая, д. 7, кв. 16')).toEqual(['0042002']);
    expect(await numbersFound('МИРА')).toEqual(['0077001']);
    expect(await numbersFound('петрова')).toEqual(['0042001']);
    // A number is a prefix, not a substring: '42001' is not how it starts.
    expect(await numbersFound('42001')).toEqual([]);
    // LIKE wildcards are text: '%' finds nothing.
    expect(await numbersFound('%')).toEqual([]);
    const all = (await search(operator, '')).json() as AccountSearchResponse;
    expect(all.total).toBe(3);
    expect(all.items[0]).toMatchObject({
      number: '0042001',
      address: 'г. Рязань, ул. Садовая, д. 7, кв. 15',
      holderName: 'Петрова Мария Ивановна',
      status: 'active',
      registered: true,
    });
    expect(all.items[1]?.registered).toBe(false);
  });

  it('pages the results with limit and offset', async () => {
    const page = await t.app.inject({
      url: '/api/v1/operator/accounts?q=0&limit=2&offset=2',
      headers: bearer(operator),
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 3, items: [{ number: '0077001' }] });
    const tooMany = await t.app.inject({
      url: '/api/v1/operator/accounts?limit=1000',
      headers: bearer(operator),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it("never returns another organization's accounts, and refuses subscribers and staff naming it", async () => {
    const mine = (await search(operator, 'Садовая')).json() as AccountSearchResponse;
    expect(mine.items.map((item) => item.id)).not.toContain(otherAccountId);
    expect(mine.total).toBe(2);
    const theirs = (await search(otherOperator, 'Садовая')).json() as AccountSearchResponse;
    expect(theirs.items.map((item) => item.id)).toEqual([otherAccountId]);

    const bySubscriber = await search(subscriber, '0042');
    expect(bySubscriber.statusCode).toBe(403);
    expect(bySubscriber.json().error.code).toBe('FORBIDDEN');
    const naming = await t.app.inject({
      url: `/api/v1/operator/accounts?organizationId=${otherOrganizationId}`,
      headers: bearer(operator),
    });
    expect(naming.statusCode).toBe(403);
  });

  it('asks staff without the second factor to pass it first', async () => {
    const unverified = await logInStaff(t, organizationId, 'operator', { secondFactor: false });
    const response = await search(unverified, '0042');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('TWO_FACTOR_REQUIRED');
  });

  it('shows the account as its subscriber sees it, and audits every view', async () => {
    const period = periodInTimeZone(new Date(), 'Europe/Moscow');
    await buildStatement(t.database.db, organizationId, accountId, period, [
      { code: 'cold_water', volume: '5', tariff: '50' },
    ]);
    const meterId = (await buildMeter(t.database.db, accountId)).id;
    await addReading(t.database.db, meterId, period, ['100'], { status: 'accepted' });

    const asSubscriber = (
      await t.app.inject({ url: `/api/v1/accounts/${accountId}/summary`, headers: bearer(subscriber) })
    ).json();
    const auditedBefore = await countViews();
    const response = await t.app.inject({
      url: `/api/v1/operator/accounts/${accountId}`,
      headers: bearer(operator),
    });
    expect(response.statusCode).toBe(200);
    const view = response.json() as OperatorAccountResponse;
    expect(view.account).toMatchObject({ number: '0042001', holderName: 'Петрова Мария Ивановна' });
    expect(view.summary).toEqual(asSubscriber);
    expect(view.summary.balance).toBe(25_000);
    expect(view.charges.periods[0]?.lines[0]).toMatchObject({ serviceCode: 'cold_water', total: 25_000 });
    expect(view.meters.meters.map((meter) => meter.id)).toEqual([meterId]);
    expect(view.members).toEqual([{ userId: owner.id, email: owner.email, name: null, role: 'owner' }]);

    expect(await countViews()).toBe(auditedBefore + 1);
    const event = await t.database.db
      .selectFrom('audit_events')
      .select(['organization_id', 'actor_user_id', 'target_type', 'target_id'])
      .where('action', '=', 'operator.account_viewed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      organization_id: organizationId,
      actor_user_id: operator.userId,
      target_type: 'account',
      target_id: accountId,
    });
  });

  const countViews = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('action', '=', 'operator.account_viewed')
          .executeTakeFirstOrThrow()
      ).count,
    );

  it("answers 404 for another organization's account, and 403 to a subscriber, with nothing audited", async () => {
    const before = await countViews();
    const elsewhere = await t.app.inject({
      url: `/api/v1/operator/accounts/${otherAccountId}`,
      headers: bearer(operator),
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('ACCOUNT_NOT_FOUND');
    const unknown = await t.app.inject({
      url: `/api/v1/operator/accounts/${randomUUID()}`,
      headers: bearer(operator),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body.replace(/"requestId":"[^"]+"/, '')).toBe(
      elsewhere.body.replace(/"requestId":"[^"]+"/, ''),
    );
    const bySubscriber = await t.app.inject({
      url: `/api/v1/operator/accounts/${accountId}`,
      headers: bearer(subscriber),
    });
    expect(bySubscriber.statusCode).toBe(403);
    expect(await countViews()).toBe(before);
  });

  it('lists pending invitations and cancels one', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/accounts/${accountId}/invitations`,
      headers: bearer(operator),
      payload: { email: 'new.holder@example.test' },
    });
    expect(invite.statusCode).toBe(202);
    const listed = await t.app.inject({
      url: `/api/v1/operator/accounts/${accountId}/invitations`,
      headers: bearer(operator),
    });
    expect(listed.statusCode).toBe(200);
    const [invitation] = listed.json().invitations;
    expect(invitation).toMatchObject({ email: 'new.holder@example.test', role: 'owner' });

    const byOtherStaff = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/operator/accounts/${accountId}/invitations/${invitation.id}`,
      headers: bearer(otherOperator),
    });
    expect(byOtherStaff.statusCode).toBe(404);
    const cancelled = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/operator/accounts/${accountId}/invitations/${invitation.id}`,
      headers: bearer(operator),
    });
    expect(cancelled.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/operator/accounts/${accountId}/invitations/${invitation.id}`,
      headers: bearer(operator),
    });
    expect(again.statusCode).toBe(404);
    const after = await t.app.inject({
      url: `/api/v1/operator/accounts/${accountId}/invitations`,
      headers: bearer(operator),
    });
    expect(after.json().invitations).toEqual([]);
  });

  const forceReset = (who: LoggedIn, account: string, userId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/accounts/${account}/members/${userId}/password-reset`,
      headers: bearer(who),
    });

  it('e-mails a member the standard reset link that sets a new password, audited, and limits repeats', async () => {
    const response = await forceReset(operator, accountId, owner.id);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'sent' });
    const mail = await smtp.waitFor(owner.email, /Восстановление пароля/);
    const token = linkToken(mail.text, '/reset-password');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'Novyj-Parol-Berezka-2026' },
    });
    expect(confirmed.statusCode).toBe(200);
    const event = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'target_id', 'organization_id'])
      .where('action', '=', 'operator.password_reset_sent')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      actor_user_id: operator.userId,
      target_id: owner.id,
      organization_id: organizationId,
    });

    for (let sent = 1; sent < FORCED_RESETS_PER_USER; sent++)
      expect((await forceReset(operator, accountId, owner.id)).statusCode).toBe(202);
    const limited = await forceReset(operator, accountId, owner.id);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("sends nothing to a user who is not a member of the organization's account", async () => {
    // A member of another organization's account, named through one of this organization's.
    const wrongMember = await forceReset(operator, accountId, otherMemberId);
    expect(wrongMember.statusCode).toBe(404);
    expect(wrongMember.json().error.code).toBe('NOT_FOUND');
    const wrongAccount = await forceReset(operator, otherAccountId, otherMemberId);
    expect(wrongAccount.statusCode).toBe(404);
    expect(wrongAccount.json().error.code).toBe('ACCOUNT_NOT_FOUND');
    const resetTokens = await t.database.db
      .selectFrom('tokens')
      .select('id')
      .where('user_id', '=', otherMemberId)
      .execute();
    expect(resetTokens).toEqual([]);
  });

  it('sums up the organization: accounts, share registered, readings of the period, payments today and by day', async () => {
    const paidNow = new Date();
    await t.database.db
      .insertInto('payments')
      .values([
        {
          account_id: accountId,
          amount: 123_456,
          source: 'bank',
          status: 'credited',
          paid_at: paidNow,
          credited_at: paidNow,
        },
        { account_id: accountId, amount: 1_000, source: 'card', status: 'pending', paid_at: paidNow },
        {
          account_id: otherAccountId,
          amount: 99_999,
          source: 'bank',
          status: 'credited',
          paid_at: paidNow,
          credited_at: paidNow,
        },
      ])
      .execute();
    const response = await t.app.inject({ url: '/api/v1/operator/overview', headers: bearer(operator) });
    expect(response.statusCode).toBe(200);
    const overview = response.json() as OperatorOverview;
    expect(overview.organization).toMatchObject({ id: organizationId, name: 'УК «Берёзка»' });
    expect(overview.accounts).toEqual({ total: 3, registered: 1, registeredShare: 1 / 3 });
    expect(overview.paymentsToday).toEqual({ count: 1, amount: 123_456 });
    expect(overview.paymentsByDay).toHaveLength(14);
    expect(overview.paymentsByDay.at(-1)).toEqual({ date: overview.today, count: 1, amount: 123_456 });
    expect(overview.tickets).toEqual({ available: false, open: 0 });
    expect(overview.recentImports).toEqual([]);
    // The meter of the account view test has a reading for the current month; whether that is the
    // period readings count for now depends on the day of the month (the window).
    expect(overview.readings.metersActive).toBe(1);
    expect(overview.readings.metersRead).toBe(
      overview.readings.period === periodInTimeZone(new Date(), 'Europe/Moscow') ? 1 : 0,
    );
  });
});
