import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { addMonths } from '../../../shared/period.ts';
import { DEMO_SUBSCRIBER } from '../../demo/catalog.ts';
import { seedDemo } from '../../demo/seed.ts';

describe.each(databaseKinds)('subscriber accounts API on %s', (kind) => {
  let t: TestApp;
  let demo: LoggedIn;
  let demoAccounts: { id: string; number: string; organization: { kind: string } }[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemo(t.database, { accounts: 25, seed: 99, asOf: new Date() });
    demo = await logIn(t.app, DEMO_SUBSCRIBER.email, DEMO_SUBSCRIBER.password);
    demoAccounts = (await get('/api/v1/accounts', demo)).json().accounts;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, session: { token: string }) =>
    t.app.inject({ method: 'GET', url, headers: bearer(session) });

  it('lists exactly the demo subscriber’s three accounts: two at the management company, one at the ISP', () => {
    expect(demoAccounts).toHaveLength(3);
    expect(demoAccounts.map((account) => account.organization.kind).sort()).toEqual([
      'housing',
      'housing',
      'isp',
    ]);
  });

  it('makes the summary balance equal to all charges and penalties minus all payments', async () => {
    for (const account of demoAccounts) {
      const summary = (await get(`/api/v1/accounts/${account.id}/summary`, demo)).json();
      const charges = (
        await get(`/api/v1/accounts/${account.id}/charges?from=2000-01&to=2009-12`, demo)
      ).json();
      expect(charges.periods).toEqual([]);
      const history = (
        await get(`/api/v1/accounts/${account.id}/charges?to=${summary.currentPeriod}`, demo)
      ).json();
      const payments = (
        await get(
          `/api/v1/accounts/${account.id}/payments?from=${history.from}&to=${addMonths(summary.currentPeriod, 1)}`,
          demo,
        )
      ).json();
      const periods = history.periods as {
        statement: { opening: number; penalties: number };
        lines: { total: number }[];
      }[];
      expect(periods).toHaveLength(12);
      const first = periods.at(-1)!.statement;
      const lineTotals = periods.flatMap((p) => p.lines).reduce((sum, line) => sum + line.total, 0);
      const penalties = periods.reduce((sum, p) => sum + p.statement.penalties, 0);
      const paid = (payments.payments as { amount: number; status: string }[])
        .filter((p) => p.status === 'credited')
        .reduce((sum, p) => sum + p.amount, 0);
      expect(summary.balance).toBe(first.opening + lineTotals + penalties - paid);
      expect(summary.amountDue).toBe(Math.max(0, summary.balance));
      expect(summary.statement.closing - summary.paidSinceStatement).toBe(summary.balance);
    }
  });

  it('returns statements that satisfy closing = opening + charged + recalculation − benefit + penalties − paid', async () => {
    const history = (await get(`/api/v1/accounts/${demoAccounts[0]!.id}/charges`, demo)).json();
    for (const { statement, lines } of history.periods) {
      const { opening, charged, recalculation, benefit, penalties, paid, closing } = statement;
      expect(closing).toBe(opening + charged + recalculation - benefit + penalties - paid);
      expect(charged).toBe(lines.reduce((sum: number, line: { charged: number }) => sum + line.charged, 0));
    }
  });

  it('shows charge lines with service, unit, exact volume and tariff', async () => {
    const housing = demoAccounts.find((account) => account.organization.kind === 'housing')!;
    const history = (await get(`/api/v1/accounts/${housing.id}/charges`, demo)).json();
    const line = history.periods[0].lines.find(
      (l: { serviceCode: string }) => l.serviceCode === 'maintenance',
    );
    expect(line).toMatchObject({ serviceName: 'Содержание жилого помещения', unit: 'м²' });
    expect(line.volume).toMatch(/^\d+(\.\d)?$/);
    expect(line.tariff).toMatch(/^\d+(\.\d{1,6})?$/);
  });

  it('answers 404 ACCOUNT_NOT_FOUND for somebody else’s account, exactly as for one that does not exist', async () => {
    const stranger = await buildUser(t.database.db);
    const strangerSession = await logIn(t.app, stranger.email, stranger.password);
    const target = demoAccounts[0]!.id;
    for (const path of ['summary', 'charges', 'payments']) {
      const foreign = await get(`/api/v1/accounts/${target}/${path}`, strangerSession);
      const missing = await get(
        `/api/v1/accounts/00000000-0000-4000-8000-000000000000/${path}`,
        strangerSession,
      );
      expect(foreign.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('ACCOUNT_NOT_FOUND');
      expect({ ...foreign.json().error, requestId: null }).toEqual({
        ...missing.json().error,
        requestId: null,
      });
    }
    expect((await get('/api/v1/accounts', strangerSession)).json().accounts).toEqual([]);
  });

  it('shows an account to a member of another organization’s account only if they are its member', async () => {
    const organization = await buildOrganization(t.database.db);
    const owner = await buildUser(t.database.db);
    const viewer = await buildUser(t.database.db);
    const account = await buildAccount(t.database.db, organization.id, {
      members: [{ userId: owner.id }, { userId: viewer.id, role: 'viewer' }],
    });
    const viewerSession = await logIn(t.app, viewer.email, viewer.password);
    const summary = await get(`/api/v1/accounts/${account.id}/summary`, viewerSession);
    expect(summary.statusCode).toBe(200);
    // A new account with no statements yet: nothing due, no period.
    expect(summary.json()).toMatchObject({
      balance: 0,
      amountDue: 0,
      currentPeriod: null,
      statement: null,
      lastPayment: null,
    });
    expect((await get(`/api/v1/accounts/${account.id}/summary`, demo)).statusCode).toBe(404);
  });

  it('validates ids and period ranges with 400s', async () => {
    const id = demoAccounts[0]!.id;
    const cases = [
      ['/api/v1/accounts/not-a-uuid/summary', 'VALIDATION_FAILED'],
      [`/api/v1/accounts/${id}/charges?from=2026-13`, 'VALIDATION_FAILED'],
      [`/api/v1/accounts/${id}/charges?from=2026-1`, 'VALIDATION_FAILED'],
      [`/api/v1/accounts/${id}/charges?from=2026-05&to=2026-01`, 'PERIOD_RANGE_INVALID'],
      [`/api/v1/accounts/${id}/payments?from=1990-01&to=2026-01`, 'PERIOD_RANGE_INVALID'],
      [`/api/v1/accounts/${id}/payments?from='; drop table payments; --`, 'VALIDATION_FAILED'],
      [`/api/v1/accounts/${id}/charges?from=0000-01`, 'VALIDATION_FAILED'],
      [`/api/v1/accounts/${id}/payments?to=2026-01%00`, 'VALIDATION_FAILED'],
    ] as const;
    for (const [url, code] of cases) {
      const response = await get(url, demo);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code, url).toBe(code);
    }
  });

  it('calls a debt overdue only after its due date, in the organization’s time zone', async () => {
    const organization = await buildOrganization(t.database.db);
    const owner = await buildUser(t.database.db);
    const session = await logIn(t.app, owner.email, owner.password);
    const moscowToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    const shift = (days: number) =>
      new Date(Date.parse(`${moscowToday}T12:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
    const cases = [
      { dueDate: shift(-1), closing: 150_000, overdue: true },
      { dueDate: moscowToday, closing: 150_000, overdue: false },
      { dueDate: shift(-1), closing: -5_000, overdue: false },
    ];
    for (const [index, example] of cases.entries()) {
      const account = await buildAccount(t.database.db, organization.id, { members: [{ userId: owner.id }] });
      await t.database.db
        .insertInto('statements')
        .values({
          account_id: account.id,
          period: `${shift(-60).slice(0, 7)}-01`,
          opening: 0,
          charged: Math.max(example.closing, 0),
          recalculation: 0,
          benefit: 0,
          penalties: 0,
          paid: example.closing > 0 ? 0 : -example.closing,
          closing: example.closing,
          due_date: example.dueDate,
        })
        .execute();
      const summary = (await get(`/api/v1/accounts/${account.id}/summary`, session)).json();
      expect(summary.overdue, `case ${index}`).toBe(example.overdue);
    }
  });

  it('requires a session for every account route', async () => {
    for (const url of ['/api/v1/accounts', `/api/v1/accounts/${demoAccounts[0]!.id}/summary`]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(401);
    }
  });

  it('moves the balance at once when a payment is credited', async () => {
    const account = demoAccounts[0]!;
    const before = (await get(`/api/v1/accounts/${account.id}/summary`, demo)).json();
    await t.database.db
      .insertInto('payments')
      .values({
        account_id: account.id,
        amount: 12_345,
        source: 'card',
        status: 'credited',
        paid_at: new Date(),
        credited_at: new Date(),
      })
      .execute();
    const after = (await get(`/api/v1/accounts/${account.id}/summary`, demo)).json();
    expect(after.balance).toBe(before.balance - 12_345);
    expect(after.lastPayment.amount).toBe(12_345);
  });

  it('links a card payment in the history to its order, and other payments to none', async () => {
    const account = demoAccounts[1]!;
    const cardPaymentId = randomUUID();
    await t.database.db
      .insertInto('card_payments')
      .values({
        id: cardPaymentId,
        account_id: account.id,
        created_by: demo.userId,
        amount: 54_321,
        email: 'demo@abonent.local',
        gateway: 'sandbox',
        gateway_payment_id: randomUUID(),
        status: 'succeeded',
      })
      .execute();
    const { id: ledgerId } = await t.database.db
      .insertInto('payments')
      .values({
        account_id: account.id,
        amount: 54_321,
        source: 'card',
        status: 'credited',
        gateway: 'sandbox',
        card_payment_id: cardPaymentId,
        paid_at: new Date(),
        credited_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const history = (await get(`/api/v1/accounts/${account.id}/payments`, demo)).json();
    const byId = new Map(
      (history.payments as { id: string; cardPaymentId: string | null }[]).map((payment) => [
        payment.id,
        payment.cardPaymentId,
      ]),
    );
    expect(byId.get(ledgerId)).toBe(cardPaymentId);
    expect([...byId.entries()].filter(([id]) => id !== ledgerId).every(([, linked]) => linked === null)).toBe(
      true,
    );
  });
});
