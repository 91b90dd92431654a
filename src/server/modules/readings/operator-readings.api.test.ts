// The operator's readings: the period list with filters, entering a reading for a subscriber,
// rejecting one, reading settings, and exports for the billing system (batches, CSV in UTF-8 with
// BOM or Windows-1251, JSON, downloaded again unchanged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addReading,
  buildAccount,
  buildMeter,
  buildOrganization,
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
import { addMonths, periodInTimeZone } from '../../../shared/period.ts';
import { openExportDownload } from './operator-readings.service.ts';

describe.each(databaseKinds)('operator readings API on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let operator: LoggedIn;
  let admin: LoggedIn;
  let subscriber: LoggedIn;
  let accountId: string;
  let meterId: string;
  const period = periodInTimeZone(new Date(), 'Europe/Moscow');

  const staffSession = (role: 'operator' | 'admin', secondFactor = true) =>
    logInStaff(t, organizationId, role, { secondFactor });

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ id: organizationId } = await buildOrganization(t.database.db));
    await t.database.db
      .updateTable('organizations')
      .set({ reading_window_start: 1, reading_window_end: 31 })
      .where('id', '=', organizationId)
      .execute();
    const user = await buildUser(t.database.db);
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      members: [{ userId: user.id }],
      number: '7700123',
    }));
    await t.database.db
      .insertInto('buildings')
      .values({ organization_id: organizationId, address: 'г. Тверь, ул. Советская, д. 5' })
      .execute();
    const building = await t.database.db
      .selectFrom('buildings')
      .select('id')
      .where('organization_id', '=', organizationId)
      .executeTakeFirstOrThrow();
    const premises = await t.database.db
      .insertInto('premises')
      .values({ building_id: building.id, number: '12' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('accounts')
      .set({ premises_id: premises.id })
      .where('id', '=', accountId)
      .execute();
    meterId = (await buildMeter(t.database.db, accountId)).id;
    await addReading(t.database.db, meterId, addMonths(period, -1), ['100']);
    subscriber = await logIn(t.app, user.email, user.password);
    operator = await staffSession('operator');
    admin = await staffSession('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const submitAsSubscriber = (value: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/meters/${meterId}/readings`,
      headers: bearer(subscriber),
      payload: { values: [{ register: 1, value }] },
    });
  const list = async (query: string) =>
    (
      await t.app.inject({
        url: `/api/v1/operator/readings?period=${period}${query}`,
        headers: bearer(operator),
      })
    ).json();
  const history = async () =>
    (
      await t.app.inject({
        url: `/api/v1/accounts/${accountId}/meters/${meterId}/readings`,
        headers: bearer(subscriber),
      })
    ).json();

  it('enters a reading for a subscriber as the operator, with the same rules, once the session passed 2FA', async () => {
    const withoutTwoFactor = await staffSession('operator', false);
    const url = `/api/v1/operator/accounts/${accountId}/meters/${meterId}/readings`;
    const refused = await t.app.inject({
      method: 'POST',
      url,
      headers: bearer(withoutTwoFactor),
      payload: { values: [{ register: 1, value: '103' }] },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('TWO_FACTOR_REQUIRED');
    const below = await t.app.inject({
      method: 'POST',
      url,
      headers: bearer(operator),
      payload: { values: [{ register: 1, value: '99' }] },
    });
    expect(below.json().error.code).toBe('READING_BELOW_PREVIOUS');
    const entered = await t.app.inject({
      method: 'POST',
      url,
      headers: bearer(operator),
      payload: { values: [{ register: 1, value: '103' }] },
    });
    expect(entered.statusCode).toBe(201);
    expect(entered.json().submission).toMatchObject({ source: 'operator', status: 'accepted' });
    expect((await history()).submissions[0]).toMatchObject({
      source: 'operator',
      values: [{ consumption: '3' }],
    });
  });

  it('lists the period’s readings with filters, and rejects one with a reason the subscriber sees', async () => {
    const submitted = (await submitAsSubscriber('104')).json().submission;
    const all = await list('');
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({
      accountNumber: '7700123',
      address: 'г. Тверь, ул. Советская, д. 5, кв. 12',
      status: 'accepted',
      source: 'subscriber',
      values: [{ register: 1, value: '104' }],
    });
    expect((await list('&status=replaced')).items.map((i: { source: string }) => i.source)).toEqual([
      'operator',
    ]);
    expect((await list('&source=operator&status=accepted')).total).toBe(0);
    expect((await list('&account=0000')).total).toBe(0);
    const badQuery = await t.app.inject({
      url: '/api/v1/operator/readings?period=2026-13',
      headers: bearer(operator),
    });
    expect(badQuery.statusCode).toBe(400);

    const reject = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/operator/readings/${id}/reject`,
        headers: bearer(operator),
        payload: { reason: 'Показание не совпадает с фото счётчика' },
      });
    expect((await reject(submitted.id)).statusCode).toBe(204);
    const { submissions, meter } = await history();
    expect(submissions[0]).toMatchObject({
      id: submitted.id,
      status: 'rejected',
      rejectionReason: 'Показание не совпадает с фото счётчика',
    });
    // The rejected reading no longer counts: the meter waits for a reading again.
    expect(meter.needsReading).toBe(true);
    const twice = await reject(submitted.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('READING_LOCKED');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', submitted.id)
      .execute();
    expect(audit).toEqual([{ action: 'reading.rejected' }]);
  });

  it('exports the accepted readings once, as a batch that downloads again unchanged in every format', async () => {
    await submitAsSubscriber('106');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operator/reading-exports',
      headers: bearer(operator),
      payload: { period },
    });
    expect(created.statusCode).toBe(201);
    const batch = created.json();
    expect(batch).toMatchObject({ period, readingCount: 1 });
    // Nothing new since: the next batch is empty, and the exported reading is marked.
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operator/reading-exports',
      headers: bearer(operator),
      payload: { period },
    });
    expect(next.json().readingCount).toBe(0);
    expect((await list('&exported=true')).items.map((i: { exportId: string }) => i.exportId)).toEqual([
      batch.id,
    ]);
    const listed = (
      await t.app.inject({ url: '/api/v1/operator/reading-exports', headers: bearer(operator) })
    ).json();
    expect(listed.exports.map((e: { id: string }) => e.id)).toEqual([next.json().id, batch.id]);

    const download = (query: string) =>
      t.app.inject({
        url: `/api/v1/operator/reading-exports/${batch.id}/file${query}`,
        headers: bearer(operator),
      });
    const utf8 = await download('');
    expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(utf8.headers['content-disposition']).toMatch(/^attachment; filename="readings-/);
    expect([...utf8.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = utf8.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Лицевой счёт;Адрес;Заводской номер;Ресурс;Тариф (зона);Период;Показание;Источник;Передано',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^7700123;г\\. Тверь, ул\\. Советская, д\\. 5, кв\\. 12;T-\\d+;cold_water;1;${period};106;subscriber;\\d{4}-`,
      ),
    );
    expect(lines).toHaveLength(3);

    const cp1251 = await download('?encoding=windows-1251');
    expect(cp1251.headers['content-type']).toBe('text/csv; charset=windows-1251');
    expect(cp1251.rawPayload[0]).toBe(0xcb); // «Л» in Windows-1251, no byte order mark
    const decoded = new TextDecoder('windows-1251').decode(cp1251.rawPayload);
    expect(decoded).toBe(lines.join('\r\n'));

    const json = (await download('?format=json')).json();
    expect(json).toMatchObject({
      exportId: batch.id,
      period,
      readings: [{ accountNumber: '7700123', value: '106', register: 1, resource: 'cold_water' }],
    });
    // Exported is final: the subscriber can no longer replace it, nor the operator reject it, so
    // the batch downloads the same later.
    const replace = await submitAsSubscriber('107');
    expect(replace.statusCode).toBe(409);
    expect(replace.json().error.code).toBe('READING_LOCKED');
    const previewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/meters/${meterId}/readings/preview`,
      headers: bearer(subscriber),
      payload: { values: [{ register: 1, value: '107' }] },
    });
    expect(previewed.json().errors).toEqual([{ code: 'READING_LOCKED' }]);
    const exportedId = (await list('&exported=true')).items[0].id;
    const reject = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/readings/${exportedId}/reject`,
      headers: bearer(operator),
      payload: { reason: 'поздно' },
    });
    expect(reject.json().error.code).toBe('READING_LOCKED');
    expect((await download('')).rawPayload.equals(utf8.rawPayload)).toBe(true);
  });

  it('quotes CSV fields with separators and quotes, and defuses spreadsheet formulas', async () => {
    const building = await t.database.db
      .insertInto('buildings')
      .values({ organization_id: organizationId, address: 'ул. "Новая"; д. 1' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const premises = await t.database.db
      .insertInto('premises')
      .values({ building_id: building.id, number: '3' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: odd } = await buildAccount(t.database.db, organizationId, { number: '=1+2' });
    await t.database.db
      .updateTable('accounts')
      .set({ premises_id: premises.id })
      .where('id', '=', odd)
      .execute();
    const meter = await buildMeter(t.database.db, odd);
    await addReading(t.database.db, meter.id, period, ['7'], { status: 'accepted' });
    const batch = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/operator/reading-exports',
        headers: bearer(operator),
        payload: { period },
      })
    ).json();
    const file = await t.app.inject({
      url: `/api/v1/operator/reading-exports/${batch.id}/file`,
      headers: bearer(operator),
    });
    const line = file.rawPayload.subarray(3).toString('utf8').split('\r\n')[1]!;
    expect(line.startsWith(`'=1+2;"ул. ""Новая""; д. 1, кв. 3";T-`)).toBe(true);
  });

  it('streams an export page by page without losing or repeating a row', async () => {
    const meters = await Promise.all(
      Array.from({ length: 5 }, () => buildMeter(t.database.db, accountId, { registers: 1 })),
    );
    for (const meter of meters)
      await addReading(t.database.db, meter.id, period, ['5'], { status: 'accepted' });
    const batch = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/operator/reading-exports',
        headers: bearer(operator),
        payload: { period },
      })
    ).json();
    expect(batch.readingCount).toBe(5);
    const scope = { userId: operator.userId, organizationId, role: 'operator' as const };
    const download = await openExportDownload(t.database.db, scope, batch.id, 'json', 'utf-8', 2);
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(chunk as Buffer);
    const serials = JSON.parse(Buffer.concat(chunks).toString('utf8')).readings.map(
      (r: { serialNumber: string }) => r.serialNumber,
    );
    expect(serials).toHaveLength(5);
    expect(new Set(serials).size).toBe(5);
  });

  it('lets administrators change the reading settings, not operators, and refuses a backwards window', async () => {
    const url = '/api/v1/operator/settings/readings';
    const current = (await t.app.inject({ url, headers: bearer(operator) })).json();
    expect(current).toMatchObject({
      windowStartDay: 1,
      windowEndDay: 31,
      outsideWindow: 'next_period',
      anomalyFactor: 3,
    });
    // 'UTC' is an alias Intl.supportedValuesOf leaves out; it is a valid zone all the same.
    const settings = {
      ...current,
      windowStartDay: 20,
      windowEndDay: 25,
      anomalyFactor: 2.5,
      timezone: 'UTC',
    };
    const byOperator = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(operator),
      payload: settings,
    });
    expect(byOperator.statusCode).toBe(403);
    const backwards = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(admin),
      payload: { ...settings, windowStartDay: 26 },
    });
    expect(backwards.statusCode).toBe(400);
    const badZone = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(admin),
      payload: { ...settings, timezone: 'Mars/Olympus' },
    });
    expect(badZone.statusCode).toBe(400);
    expect((await t.app.inject({ url, headers: bearer(operator) })).json()).toEqual(current);
    const changed = await t.app.inject({ method: 'PUT', url, headers: bearer(admin), payload: settings });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual(settings);
    const window = (
      await t.app.inject({ url: `/api/v1/accounts/${accountId}/meters`, headers: bearer(subscriber) })
    ).json().window;
    expect(window).toMatchObject({ startDay: 20, endDay: 25 });
  });
});
