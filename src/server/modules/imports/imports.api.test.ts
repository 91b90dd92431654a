// Imports from the billing system, through the API as a billing system or an operator sends them:
// a Windows-1251 `;` CSV as Excel saves it keeps its Cyrillic; an XLSX imports; one bad row among
// 10,000 applies nothing and the report names its row and column; the same file twice changes
// nothing; a corrected period replaces the period whole; an organization's API key cannot import
// into another organization. On PGlite and PostgreSQL, with the job queue doing the work.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  buildOrganization,
  buildTariff,
  buildUser,
} from '../../../../tests/support/factories.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  logInStaff,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { ImportDetails } from '../../../shared/api/imports.ts';

const sample = (name: string) =>
  readFileSync(new URL(`../../../../docs/import-samples/${name}`, import.meta.url));

describe.each(databaseKinds)('imports API on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let otherOrganizationId: string;
  let operator: LoggedIn;
  let admin: LoggedIn;
  let otherOperator: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ id: organizationId } = await buildOrganization(t.database.db));
    ({ id: otherOrganizationId } = await buildOrganization(t.database.db));
    operator = await logInStaff(t, organizationId, 'operator');
    admin = await logInStaff(t, organizationId, 'admin');
    otherOperator = await logInStaff(t, otherOrganizationId, 'operator');
    await buildTariff(t.database.db, organizationId, 'cold_water', '61.23');
    await buildTariff(t.database.db, organizationId, 'maintenance', '38.90');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const upload = (
    importKind: string,
    body: Buffer | string,
    headers: Record<string, string>,
    query = '',
    contentType = 'text/csv',
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/imports/${importKind}${query}`,
      headers: { ...headers, 'content-type': contentType },
      payload: body,
    });

  async function finished(
    importId: string,
    who: Record<string, string> = bearer(operator),
  ): Promise<ImportDetails> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const response = await t.app.inject({
        url: `/api/v1/operator/imports/${importId}?lang=ru`,
        headers: who,
      });
      expect(response.statusCode).toBe(200);
      const batch = response.json<ImportDetails>();
      if (['applied', 'rejected', 'failed'].includes(batch.status)) return batch;
      if (Date.now() > deadline) throw new Error(`import ${importId} still ${batch.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function importAndWait(importKind: string, body: Buffer | string, contentType = 'text/csv') {
    const response = await upload(importKind, body, bearer(operator), '', contentType);
    expect(response.statusCode, response.body).toBe(202);
    return finished(response.json().import.id);
  }

  it('imports a Windows-1251 `;` CSV as Excel saves it, with its Cyrillic intact, and the same file again changes nothing', async () => {
    const file = sample('accounts-windows-1251.csv');
    expect(file.includes(Buffer.from('Иванова', 'utf8'))).toBe(false); // really not UTF-8
    const batch = await importAndWait('accounts', file);
    expect(batch.status).toBe('applied');
    expect(batch.result).toMatchObject({ created: 3, updated: 0 });
    const account = await t.database.db
      .selectFrom('accounts as a')
      .innerJoin('premises as p', 'p.id', 'a.premises_id')
      .innerJoin('buildings as b', 'b.id', 'p.building_id')
      .select(['a.holder_name', 'a.els', 'b.address', 'p.number', 'p.area', 'p.residents'])
      .where('a.organization_id', '=', organizationId)
      .where('a.number', '=', '900001')
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      holder_name: 'Иванова Мария Петровна',
      els: '12АБ345678',
      address: 'г. Рязань, ул. Есенина, д. 12',
      number: '1',
      residents: 2,
    });
    expect(Number(account.area)).toBe(54.2);
    const quoted = await t.database.db
      .selectFrom('accounts')
      .select('holder_name')
      .where('organization_id', '=', organizationId)
      .where('number', '=', '900003')
      .executeTakeFirstOrThrow();
    expect(quoted.holder_name).toBe('ООО «Цветы; и Ко»');

    const before = await t.database.db
      .selectFrom('import_batches')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('accounts')
      .set({ holder_name: 'changed since' })
      .where('number', '=', '900002')
      .execute();
    const again = await upload('accounts', file, bearer(operator));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, import: { id: batch.id, status: 'applied' } });
    const after = await t.database.db
      .selectFrom('import_batches')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // Nothing ran again: the change made since is still there.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const untouched = await t.database.db
      .selectFrom('accounts')
      .select('holder_name')
      .where('number', '=', '900002')
      .executeTakeFirstOrThrow();
    expect(untouched.holder_name).toBe('changed since');
  });

  it('imports an XLSX of charges (Russian headings, numbers as Excel stores them) and a corrected period replaces the period whole', async () => {
    const batch = await importAndWait(
      'charges',
      sample('charges.xlsx'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(batch.format).toBe('xlsx');
    expect(batch.status, JSON.stringify(batch.issues)).toBe('applied');
    expect(batch.result).toMatchObject({ period: '2026-11', inserted: 5, replaced: 0 });
    const lines = await t.database.db
      .selectFrom('charges as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .innerJoin('services as s', 's.id', 'c.service_id')
      .select(['a.number', 's.code', 'c.amount', 'c.recalculation', 'c.benefit', 'c.total', 'c.volume'])
      .where('a.organization_id', '=', organizationId)
      .where('c.period', '=', '2026-11-01')
      .orderBy('a.number')
      .orderBy('s.code')
      .execute();
    expect(
      lines.map((line) => [
        line.number,
        line.code,
        Number(line.amount),
        Number(line.recalculation),
        Number(line.benefit),
        Number(line.total),
      ]),
    ).toEqual([
      ['900001', 'cold_water', 39799, 0, 0, 39799],
      ['900001', 'maintenance', 210838, -12000, 0, 198838],
      ['900002', 'cold_water', 18369, 0, 0, 18369],
      ['900002', 'maintenance', 149765, 0, 50000, 99765],
      ['900003', 'maintenance', 276190, 0, 0, 276190],
    ]);

    // The billing corrects November: one line fewer, one amount changed. The period is exactly the new file.
    const corrected = [
      'account;period;service;volume;tariff;amount;total',
      '900001;11.2026;cold_water;7;61,23;428,61;428,61',
      '900002;11.2026;maintenance;38,5;38,90;1 497,65;1 497,65',
    ].join('\r\n');
    const replaced = await importAndWait('charges', corrected);
    expect(replaced.status).toBe('applied');
    expect(replaced.result).toMatchObject({ period: '2026-11', replaced: 5, inserted: 2 });
    const now = await t.database.db
      .selectFrom('charges as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .select(['a.number', 'c.total'])
      .where('a.organization_id', '=', organizationId)
      .where('c.period', '=', '2026-11-01')
      .orderBy('a.number')
      .execute();
    expect(now.map((line) => [line.number, Number(line.total)])).toEqual([
      ['900001', 42861],
      ['900002', 149765],
    ]);
  });

  it('one bad row among 10,000 applies nothing; the report names the row and the column; the corrected file applies all', async () => {
    await sql`insert into accounts (organization_id, number)
      select ${organizationId}::uuid, 'B' || lpad(n::text, 5, '0') from generate_series(1, 10000) as n`.execute(
      t.database.db,
    );
    const lines = ['account;period;opening;charged;paid;closing;due_date'];
    for (let n = 1; n <= 10_000; n++) {
      const account = `B${String(n).padStart(5, '0')}`;
      const bad = n === 6_789;
      lines.push(`${account};10.2026;100,00;2 345,67;100,00;${bad ? '2 345,68' : '2 345,67'};10.11.2026`);
    }
    const file = `${lines.join('\r\n')}\r\n`;
    const rejected = await importAndWait('statements', file);
    expect(rejected.status).toBe('rejected');
    expect(rejected.rowsRead).toBe(10_000);
    expect(rejected.errorCount).toBe(1);
    // Line 1 is the header, so account n is on line n + 1.
    expect(rejected.issues).toEqual([
      expect.objectContaining({
        row: 6_790,
        column: 'closing',
        value: '2 345,68',
        code: 'closing_mismatch',
        message: expect.stringContaining('2\u00a0345,67\u00a0₽'),
      }),
    ]);
    const applied = await t.database.db
      .selectFrom('statements as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('a.organization_id', '=', organizationId)
      .where('s.period', '=', '2026-10-01')
      .executeTakeFirstOrThrow();
    expect(applied.n).toBe(0);
    const staged = await t.database.db
      .selectFrom('import_staging_statements')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(staged.n).toBe(0);

    const report = await t.app.inject({
      url: `/api/v1/operator/imports/${rejected.id}/report.csv?lang=en`,
      headers: bearer(operator),
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    const reportLines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(reportLines).toHaveLength(2);
    expect(reportLines[0]).toBe('Row;Column;Value;Reason;Code');
    expect(reportLines[1]).toMatch(
      /^6790;closing;2 345,68;The closing balance does not add up: it should be 2\u00a0345,67\u00a0₽;closing_mismatch$/,
    );

    const fixed = await importAndWait('statements', file.replace('2 345,68', '2 345,67'));
    expect(fixed.status).toBe('applied');
    expect(fixed.rowsApplied).toBe(10_000);
    const count = await t.database.db
      .selectFrom('statements as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('a.organization_id', '=', organizationId)
      .where('s.period', '=', '2026-10-01')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(10_000);
  }, 180_000);

  it('reports every kind of bad cell by row and column, in Russian by default', async () => {
    const file = [
      'account;period;service;amount;total;benefit',
      'nope;11.2026;cold_water;10,00;10,00;',
      '900001;13.2026;cold_water;10,00;10,00;',
      '900001;11.2026;gas;10,00;10,00;',
      '900001;11.2026;cold_water;десять;;',
      '900002;11.2026;cold_water;10,00;9,00;',
      '900002;11.2026;maintenance;10,00;;-1',
      '900003;12.2026;maintenance;1;;',
    ].join('\n');
    const batch = await importAndWait('charges', file);
    expect(batch.status).toBe('rejected');
    expect(batch.issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual([
      [2, 'account', 'unknown_account'],
      [3, 'period', 'period_format'],
      [4, 'service', 'unknown_service'],
      [5, 'amount', 'money_format'],
      [6, 'total', 'total_mismatch'],
      [7, 'benefit', 'money_negative'],
      [8, 'period', 'period_mixed'],
    ]);
    expect(batch.issues[0]!.message).toBe(
      'Нет такого лицевого счёта в организации (сначала загрузите счета)',
    );
    // A NUL (JSON can carry one as \u0000) is a bad cell, not a 500 from PostgreSQL.
    const withNul = await importAndWait(
      'accounts',
      JSON.stringify([{ account: '9000\u00001', address: 'г. Рязань' }]),
      'application/json',
    );
    expect(withNul.status, JSON.stringify(withNul)).toBe('rejected');
    expect(withNul.issues).toEqual([
      expect.objectContaining({ row: 1, column: 'account', code: 'control_character' }),
    ]);
    const missingColumn = await importAndWait(
      'charges',
      'account;period;service\n900001;11.2026;cold_water\n',
    );
    expect(missingColumn.issues).toEqual([
      expect.objectContaining({ row: 1, column: 'amount', code: 'missing_column' }),
    ]);
  });

  it('imports JSON (money in kopecks) and payments from other channels exactly once, flagging a probable duplicate', async () => {
    const json = await importAndWait('statements', sample('statements.json'), 'application/json');
    expect(json.status, JSON.stringify(json.issues)).toBe('applied');
    const first = await importAndWait('payments', sample('payments.csv'));
    expect(first.status, JSON.stringify(first.issues)).toBe('applied');
    expect(first.result).toMatchObject({ added: 3, alreadyImported: 0, flagged: [] });
    // The billing sends the same payments in a longer file: the ones it had are not added again;
    // the same money for 900001 through the cash office on the same day is added and flagged.
    const longer = `${sample('payments.csv').toString()}900001;1 500,00;05.11.2026 18:40;cash_office;KASSA-9001;\r\n`;
    const second = await importAndWait('payments', longer);
    expect(second.result).toMatchObject({
      added: 1,
      alreadyImported: 3,
      flagged: [{ row: 5, reason: 'probable_duplicate' }],
    });
    const rows = await t.database.db
      .selectFrom('payments as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['a.number', 'p.amount', 'p.source', 'p.external_id', 'p.paid_at'])
      .where('a.organization_id', '=', organizationId)
      .orderBy('p.external_id')
      .execute();
    expect(rows.map((row) => [row.number, Number(row.amount), row.source, row.external_id])).toEqual([
      ['900003', 200000, 'gis_zhkh', 'GIS-7f3a9c'],
      ['900002', 80000, 'cash_office', 'KASSA-4471'],
      ['900001', 150000, 'cash_office', 'KASSA-9001'],
      ['900001', 150000, 'bank', 'SB-2026-11-000117'],
    ]);
    // Local time of the organization (Europe/Moscow): 10:15 there is 07:15 UTC.
    expect(new Date(rows[3]!.paid_at).toISOString()).toBe('2026-11-05T07:15:00.000Z');
  });

  it("a corrected month replaces the figures the subscriber's receipt is drawn from", async () => {
    const user = await buildUser(t.database.db);
    const account = await t.database.db
      .selectFrom('accounts')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('number', '=', '900001')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('account_members')
      .values({ account_id: account.id, user_id: user.id, role: 'owner' })
      .execute();
    const subscriber = await logIn(t.app, user.email, user.password);
    const receipt = () =>
      t.app.inject({ url: `/api/v1/accounts/${account.id}/receipts/2026-11`, headers: bearer(subscriber) });
    await importAndWait('statements', sample('statements.csv'));
    const before = await receipt();
    expect(before.statusCode, before.body).toBe(200);
    const corrected = sample('statements.csv')
      .toString()
      .replace('12,40;1 500,00;2 398,77', '0;1 500,00;2 386,37');
    expect((await importAndWait('statements', corrected)).status).toBe('applied');
    const after = await receipt();
    expect(after.statusCode).toBe(200);
    expect(after.json().totals.penalties).toBe(0);
    expect(before.json().totals.penalties).toBe(1240);
    expect(after.json().totals.closing).toBe(238637);
  });

  it('imports services and their prices by month, and a month priced twice is a bad row', async () => {
    const batch = await importAndWait('services', sample('services.csv'));
    expect(batch.status, JSON.stringify(batch.issues)).toBe('applied');
    expect(batch.result).toMatchObject({ created: 1, updated: 1, tariffs: 3 });
    const prices = await t.database.db
      .selectFrom('tariffs as t')
      .innerJoin('services as s', 's.id', 't.service_id')
      .select(['s.code', 's.name', 't.valid_from', 't.price'])
      .where('s.organization_id', '=', organizationId)
      .where('s.code', 'in', ['cold_water', 'intercom'])
      .orderBy('s.code')
      .orderBy('t.valid_from')
      .execute();
    expect(prices.map((row) => [row.code, String(row.valid_from).slice(0, 10), Number(row.price)])).toEqual([
      ['cold_water', '2020-01-01', 61.23],
      ['cold_water', '2026-01-01', 61.23],
      ['cold_water', '2026-07-01', 64.1],
      ['intercom', '2026-01-01', 45],
    ]);
    expect(prices[0]!.name).toBe('Холодное водоснабжение');
    const twice = await importAndWait(
      'services',
      'code;name;unit;kind;tariff;valid_from\nintercom;Домофон;мес.;fixed;45;02.2026\nintercom;Домофон;мес.;fixed;46;02.2026\n',
    );
    expect(twice.issues).toEqual([
      expect.objectContaining({ row: 3, column: 'valid_from', code: 'duplicate_in_file' }),
    ]);
  });

  it("an organization's API key imports into its own organization only; revoked keys and wrong scopes are refused", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operator/api-keys',
      headers: bearer(admin),
      payload: { name: 'Биллинг', scopes: ['imports'] },
    });
    expect(created.statusCode).toBe(201);
    const { secret, key } = created.json();
    expect(secret).toMatch(/^abk_/);
    const stored = await t.database.db
      .selectFrom('api_keys')
      .select('key_hash')
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(secret.slice(4, 20));

    const file = 'account;address\n900010;г. Рязань, ул. Новая, д. 1\n';
    const intoOther = await upload(
      'accounts',
      file,
      { 'x-api-key': secret },
      `?organizationId=${otherOrganizationId}`,
    );
    expect(intoOther.statusCode).toBe(403);
    expect(intoOther.json().error.code).toBe('FORBIDDEN');
    expect(
      await t.database.db
        .selectFrom('import_batches')
        .selectAll()
        .where('organization_id', '=', otherOrganizationId)
        .execute(),
    ).toEqual([]);

    const own = await upload('accounts', file, { 'x-api-key': secret });
    expect(own.statusCode).toBe(202);
    expect(own.json().import.organizationId).toBe(organizationId);
    expect((await finished(own.json().import.id, { 'x-api-key': secret })).status).toBe('applied');
    // Another organization's operator cannot see the batch.
    const peek = await t.app.inject({
      url: `/api/v1/operator/imports/${own.json().import.id}`,
      headers: bearer(otherOperator),
    });
    expect(peek.statusCode).toBe(404);

    const operatorTries = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operator/api-keys',
      headers: bearer(operator),
      payload: { name: 'x', scopes: ['imports'] },
    });
    expect(operatorTries.statusCode).toBe(403);
    const exportsOnly = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operator/api-keys',
      headers: bearer(admin),
      payload: { name: 'Выгрузки', scopes: ['exports'] },
    });
    const wrongScope = await upload('accounts', file, { 'x-api-key': exportsOnly.json().secret });
    expect(wrongScope.statusCode).toBe(403);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/operator/api-keys/${key.id}`,
      headers: bearer(admin),
    });
    expect(revoke.statusCode).toBe(204);
    const revoked = await upload('accounts', `${file}900011;г. Рязань, ул. Новая, д. 1\n`, {
      'x-api-key': secret,
    });
    expect(revoked.statusCode).toBe(401);
    expect(
      (await upload('accounts', file, { 'x-api-key': 'abk_made-up-key-0000000000000000' })).statusCode,
    ).toBe(401);
  });

  it('refuses subscribers and anonymous callers, and unknown kinds, with 4xx', async () => {
    const user = await buildUser(t.database.db);
    await buildAccount(t.database.db, organizationId, { members: [{ userId: user.id }] });
    const subscriber = await logIn(t.app, user.email, user.password);
    expect((await upload('accounts', 'account;address\n', bearer(subscriber))).statusCode).toBe(403);
    expect((await upload('accounts', 'account;address\n', {})).statusCode).toBe(401);
    const unknownKind = await upload('tariffs', 'a;b\n', bearer(operator));
    expect(unknownKind.statusCode).toBe(400);
    const empty = await upload('accounts', '', bearer(operator));
    expect(empty.statusCode).toBe(400);
  });
});
