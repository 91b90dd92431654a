// The operator's exports: the month's credited card payments (organization time zone, refunded ones
// marked, nothing of other organizations, other sources or unfinished payments), registered
// subscribers without personal contact data, each download audited, CSV in UTF-8 with BOM or
// Windows-1251, JSON on request, streamed page by page. On PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  logInStaff,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { DB } from '../../db/schema.ts';

const BOM = '\ufeff';

/** A card payment order and its ledger row, credited at `creditedAt`. */
async function addCardPayment(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  options: {
    amount: number;
    creditedAt: string;
    status?: 'credited' | 'refunded' | 'failed' | 'pending';
    source?: 'card' | 'bank';
    gateway?: 'sandbox' | 'yookassa' | 'tbank';
  },
) {
  const cardPaymentId = randomUUID();
  const gateway = options.gateway ?? 'sandbox';
  const gatewayPaymentId = `gw-${cardPaymentId.slice(0, 8)}`;
  const source = options.source ?? 'card';
  if (source === 'card')
    await db
      .insertInto('card_payments')
      .values({
        id: cardPaymentId,
        account_id: accountId,
        created_by: userId,
        amount: options.amount,
        email: 'payer@example.test',
        gateway,
        gateway_payment_id: gatewayPaymentId,
        status: options.status === 'refunded' ? 'refunded' : 'succeeded',
      })
      .execute();
  const status = options.status ?? 'credited';
  const row = await db
    .insertInto('payments')
    .values({
      account_id: accountId,
      amount: options.amount,
      source,
      status,
      gateway: source === 'card' ? gateway : null,
      gateway_payment_id: source === 'card' ? gatewayPaymentId : null,
      card_payment_id: source === 'card' ? cardPaymentId : null,
      paid_at: new Date(new Date(options.creditedAt).getTime() - 60_000),
      credited_at: status === 'credited' || status === 'refunded' ? options.creditedAt : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, gatewayPaymentId };
}

describe.each(databaseKinds)('operator exports on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let otherOrganizationId: string;
  let operator: LoggedIn;
  let otherOperator: LoggedIn;
  let payerId: string;
  let accountId: string;
  const expected: { id: string; gatewayPaymentId: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    organizationId = (await buildOrganization(db)).id;
    otherOrganizationId = (await buildOrganization(db)).id;
    operator = await logInStaff(t, organizationId, 'operator');
    otherOperator = await logInStaff(t, otherOrganizationId, 'operator');
    payerId = (await buildUser(db)).id;
    accountId = (await buildAccount(db, organizationId, { number: 'ЛС-0001' })).id;
    const otherAccountId = (await buildAccount(db, otherOrganizationId)).id;

    // Moscow is UTC+3: 30 Sep 21:30 UTC is 1 Oct 00:30 in the organization's month.
    expected.push(
      await addCardPayment(db, accountId, payerId, { amount: 123_456, creditedAt: '2026-09-30T21:30:00Z' }),
    );
    expected.push(
      await addCardPayment(db, accountId, payerId, {
        amount: 5_00,
        creditedAt: '2026-10-15T09:00:00Z',
        status: 'refunded',
        gateway: 'tbank',
      }),
    );
    // Outside: September and November in Moscow, another source, unfinished, another organization.
    await addCardPayment(db, accountId, payerId, { amount: 1_00, creditedAt: '2026-09-30T20:50:00Z' });
    await addCardPayment(db, accountId, payerId, { amount: 2_00, creditedAt: '2026-10-31T21:10:00Z' });
    await addCardPayment(db, accountId, payerId, {
      amount: 3_00,
      creditedAt: '2026-10-10T10:00:00Z',
      source: 'bank',
    });
    await addCardPayment(db, accountId, payerId, {
      amount: 4_00,
      creditedAt: '2026-10-10T10:00:00Z',
      status: 'failed',
    });
    await addCardPayment(db, otherAccountId, payerId, { amount: 6_00, creditedAt: '2026-10-10T10:00:00Z' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const download = (who: LoggedIn, path: string) =>
    t.app.inject({ url: `/api/v1/operator/exports/${path}`, headers: bearer(who) });

  it("lists exactly the period's credited card payments of the organization, refunded ones marked", async () => {
    const response = await download(operator, 'payments.csv?period=2026-10');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="payments-7707083893-2026-10.csv"',
    );
    expect(response.body.startsWith(BOM)).toBe(true);
    const lines = response.body.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Лицевой счёт;Сумма;Дата оплаты;Платёж в Абоненте;Шлюз;Платёж в шлюзе;Статус',
      `ЛС-0001;1234,56;01.10.2026 00:29;${expected[0]!.id};sandbox;${expected[0]!.gatewayPaymentId};credited`,
      `ЛС-0001;5,00;15.10.2026 11:59;${expected[1]!.id};tbank;${expected[1]!.gatewayPaymentId};refunded`,
      '',
    ]);
  });

  it('answers JSON with kopecks and ISO times on request', async () => {
    const response = await download(operator, 'payments.csv?period=2026-10&format=json');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({
      organizationId,
      period: '2026-10',
      timezone: 'Europe/Moscow',
      payments: [
        {
          accountNumber: 'ЛС-0001',
          amount: 123_456,
          paidAt: '2026-09-30T21:29:00.000Z',
          paymentId: expected[0]!.id,
          gateway: 'sandbox',
          gatewayPaymentId: expected[0]!.gatewayPaymentId,
          status: 'credited',
        },
        expect.objectContaining({ paymentId: expected[1]!.id, amount: 500, status: 'refunded' }),
      ],
    });
    const empty = await download(operator, 'payments.csv?period=2025-01&format=json');
    expect(empty.json().payments).toEqual([]);
  });

  it('keeps Cyrillic through Windows-1251, without a byte order mark', async () => {
    const response = await download(operator, 'payments.csv?period=2026-10&encoding=windows-1251');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=windows-1251');
    const bytes = response.rawPayload;
    expect(bytes[0]).not.toBe(0xef);
    // «Л» is 0xCB in Windows-1251 (two bytes in UTF-8).
    expect(bytes[0]).toBe(0xcb);
    const text = new TextDecoder('windows-1251').decode(bytes);
    expect(text.split('\r\n')[0]).toBe(
      'Лицевой счёт;Сумма;Дата оплаты;Платёж в Абоненте;Шлюз;Платёж в шлюзе;Статус',
    );
    expect(text).toContain('ЛС-0001;1234,56;01.10.2026 00:29;');
  });

  it('streams a month larger than one page, every payment once', async () => {
    const db = t.database.db;
    const bulkAccount = (await buildAccount(db, organizationId, { number: 'BULK' })).id;
    const count = 1_234;
    const cardRows = Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      account_id: bulkAccount,
      created_by: payerId,
      amount: 100 + index,
      email: 'bulk@example.test',
      gateway: 'sandbox' as const,
      gateway_payment_id: `bulk-${index}`,
      status: 'succeeded' as const,
    }));
    await db.insertInto('card_payments').values(cardRows).execute();
    await db
      .insertInto('payments')
      .values(
        cardRows.map((row, index) => ({
          account_id: bulkAccount,
          amount: row.amount,
          source: 'card' as const,
          status: 'credited' as const,
          gateway: 'sandbox',
          gateway_payment_id: row.gateway_payment_id,
          card_payment_id: row.id,
          paid_at: '2026-12-05T10:00:00Z',
          // Several payments share a moment: the keyset must not lose or repeat them.
          credited_at: new Date(Date.UTC(2026, 11, 5, 10, 0, Math.floor(index / 7))),
        })),
      )
      .execute();
    const response = await download(operator, 'payments.csv?period=2026-12');
    const lines = response.body.slice(1).split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(count);
    expect(new Set(lines.map((line) => line.split(';')[5])).size).toBe(count);
  });

  it('lists registered subscribers only, with no e-mail, and audits the download', async () => {
    const db = t.database.db;
    const owner = await buildUser(db, { email: 'owner-export@example.test' });
    const viewer = await buildUser(db, { email: 'viewer-export@example.test' });
    const disabled = await buildUser(db);
    await db.updateTable('users').set({ email_verified_at: new Date() }).where('id', '=', owner.id).execute();
    await db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    const building = await db
      .insertInto('buildings')
      .values({ organization_id: organizationId, address: 'г. Рязань, ул. Ленина, д. 5' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const premises = await db
      .insertInto('premises')
      .values({ building_id: building.id, number: '12' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const registered = (
      await buildAccount(db, organizationId, {
        number: '=A-100',
        members: [
          { userId: owner.id, role: 'owner' },
          { userId: viewer.id, role: 'viewer' },
        ],
      })
    ).id;
    await db
      .updateTable('accounts')
      .set({ els: '12АБ345678', izhku: '12АБ345678-01', premises_id: premises.id })
      .where('id', '=', registered)
      .execute();
    await db
      .updateTable('account_members')
      .set({ created_at: '2026-03-04T22:30:00Z' })
      .where('account_id', '=', registered)
      .execute();
    await buildAccount(db, organizationId, { number: 'A-200' });
    await buildAccount(db, organizationId, { number: 'A-300', members: [{ userId: disabled.id }] });
    await buildAccount(db, otherOrganizationId, { number: 'B-100', members: [{ userId: owner.id }] });

    const response = await download(operator, 'subscribers.csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="subscribers-7707083893-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = response.body.slice(1).split('\r\n');
    const ownerFirst = owner.id < viewer.id;
    const ownerLine =
      "'=A-100;12АБ345678;12АБ345678-01;г. Рязань, ул. Ленина, д. 5, кв. 12;owner;05.03.2026;да";
    const viewerLine =
      "'=A-100;12АБ345678;12АБ345678-01;г. Рязань, ул. Ленина, д. 5, кв. 12;viewer;05.03.2026;нет";
    expect(lines).toEqual([
      'Лицевой счёт;ЕЛС;ИЖКУ;Адрес;Роль;Зарегистрирован;E-mail подтверждён',
      ...(ownerFirst ? [ownerLine, viewerLine] : [viewerLine, ownerLine]),
      '',
    ]);
    expect(response.body).not.toContain('@');

    const json = (await download(operator, 'subscribers.csv?format=json')).json();
    expect(json.subscribers).toHaveLength(2);
    expect(json.subscribers[0]).toEqual(
      expect.objectContaining({ accountNumber: '=A-100', registeredAt: '2026-03-04T22:30:00.000Z' }),
    );

    const audit = await db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'organization_id', 'details'])
      .where('action', '=', 'export.subscribers')
      .execute();
    expect(audit).toEqual([
      {
        actor_user_id: operator.userId,
        organization_id: organizationId,
        details: { format: 'csv', encoding: 'utf-8' },
      },
      expect.objectContaining({ details: { format: 'json', encoding: 'utf-8' } }),
    ]);
  });

  it("refuses another organization's staff, staff without the second factor and subscribers", async () => {
    const elsewhere = await download(
      otherOperator,
      `payments.csv?period=2026-10&organizationId=${organizationId}`,
    );
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('FORBIDDEN');
    const own = await download(otherOperator, 'payments.csv?period=2026-10&format=json');
    expect(own.json().payments.map((line: { amount: number }) => line.amount)).toEqual([600]);
    const subscribers = await download(otherOperator, `subscribers.csv?organizationId=${organizationId}`);
    expect(subscribers.statusCode).toBe(403);

    const withoutSecondFactor = await logInStaff(t, organizationId, 'admin', { secondFactor: false });
    const refused = await download(withoutSecondFactor, 'subscribers.csv');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('TWO_FACTOR_REQUIRED');

    const subscriber = await buildUser(t.database.db);
    const session = await logIn(t.app, subscriber.email, subscriber.password);
    expect((await download(session, 'payments.csv?period=2026-10')).statusCode).toBe(403);
    expect((await download(operator, 'payments.csv?period=2026-13')).statusCode).toBe(400);
  });
});
