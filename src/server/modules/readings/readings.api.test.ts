// Submitting meter readings through the API: every rule of DOMAIN.md "Meter readings" at its edge,
// warnings that need confirmation, replacement within the period, idempotency, who may submit,
// and concurrency (50 simultaneous submissions) — on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addReading,
  buildAccount,
  buildMeter,
  buildOrganization,
  buildTariff,
  buildUser,
} from '../../../../tests/support/factories.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { addMonths, type Period, periodInTimeZone } from '../../../shared/period.ts';
import { submitReading } from './readings.service.ts';

describe.each(databaseKinds)('meter readings API on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let owner: LoggedIn;
  let viewer: LoggedIn;
  let stranger: LoggedIn;
  let accountId: string;
  /** The period a reading submitted today counts for (the window is set to every day). */
  let period: Period;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ id: organizationId } = await buildOrganization(t.database.db));
    const ownerUser = await buildUser(t.database.db);
    const viewerUser = await buildUser(t.database.db);
    const strangerUser = await buildUser(t.database.db);
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      members: [
        { userId: ownerUser.id, role: 'owner' },
        { userId: viewerUser.id, role: 'viewer' },
      ],
    }));
    await buildAccount(t.database.db, organizationId, { members: [{ userId: strangerUser.id }] });
    await buildTariff(t.database.db, organizationId, 'cold_water', '50.5');
    await buildTariff(t.database.db, organizationId, 'electricity_day', '9.12');
    await buildTariff(t.database.db, organizationId, 'electricity_night', '3.5');
    owner = await logIn(t.app, ownerUser.email, ownerUser.password);
    viewer = await logIn(t.app, viewerUser.email, viewerUser.password);
    stranger = await logIn(t.app, strangerUser.email, strangerUser.password);
    period = periodInTimeZone(new Date(), 'Europe/Moscow');
  });
  afterAll(async () => {
    await t?.close();
  });

  beforeEach(async () => {
    await setSettings({});
  });

  async function setSettings(settings: {
    reading_window_start?: number;
    reading_window_end?: number;
    reading_outside_window?: 'next_period' | 'refuse';
    reading_refuse_below_previous?: boolean;
  }) {
    await t.database.db
      .updateTable('organizations')
      .set({
        reading_window_start: 1,
        reading_window_end: 31,
        reading_outside_window: 'next_period',
        reading_refuse_below_previous: true,
        ...settings,
      })
      .where('id', '=', organizationId)
      .execute();
  }

  const base = (meterId: string) => `/api/v1/accounts/${accountId}/meters/${meterId}/readings`;
  const submit = (
    meterId: string,
    values: string[],
    options: { confirm?: boolean; key?: string; session?: LoggedIn } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: base(meterId),
      headers: {
        ...bearer(options.session ?? owner),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      payload: {
        values: values.map((value, index) => ({ register: index + 1, value })),
        ...(options.confirm === undefined ? {} : { confirm: options.confirm }),
      },
    });
  const preview = (meterId: string, values: string[]) =>
    t.app.inject({
      method: 'POST',
      url: `${base(meterId)}/preview`,
      headers: bearer(owner),
      payload: { values: values.map((value, index) => ({ register: index + 1, value })) },
    });
  const history = async (meterId: string) =>
    (await t.app.inject({ method: 'GET', url: base(meterId), headers: bearer(owner) })).json();
  const countSubmissions = async (meterId: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('reading_submissions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('meter_id', '=', meterId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A meter whose readings counted for the months before `period`, oldest first. */
  async function meterWithHistory(values: string[][], meter: Parameters<typeof buildMeter>[2] = {}) {
    const { id } = await buildMeter(t.database.db, accountId, meter);
    for (const [index, entry] of values.entries())
      await addReading(t.database.db, id, addMonths(period, index - values.length), entry);
    return id;
  }

  it('takes 00012 after 99 998 on a 5-digit register as a rollover once confirmed: 14 m³', async () => {
    const meterId = await meterWithHistory([['99998']]);
    const warned = await submit(meterId, ['00012']);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.code).toBe('READING_CONFIRMATION_REQUIRED');
    expect(warned.json().error.details.warnings).toEqual([{ code: 'ROLLOVER_SUSPECTED', register: 1 }]);
    expect(await countSubmissions(meterId)).toBe(1);

    const confirmed = await submit(meterId, ['00012'], { confirm: true });
    expect(confirmed.statusCode).toBe(201);
    const body = confirmed.json();
    expect(body.registers).toEqual([
      { register: 1, value: '12', previous: '99998', consumption: '14', estimatedCharge: 70700 },
    ]);
    expect(body.estimatedCharge).toBe(70700); // 14 × 50,50 ₽
    expect(body.submission.values).toEqual([{ register: 1, value: '12', consumption: '14' }]);
  });

  it('refuses a lower value that is no rollover, and saves nothing', async () => {
    const meterId = await meterWithHistory([['500']]);
    const response = await submit(meterId, ['499'], { confirm: true });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'READING_BELOW_PREVIOUS',
      details: { errors: [{ code: 'READING_BELOW_PREVIOUS', register: 1 }] },
    });
    expect(await countSubmissions(meterId)).toBe(1);
    // The preview names the value it compares with, so the form can say "below 500".
    expect((await preview(meterId, ['499'])).json()).toMatchObject({
      errors: [{ code: 'READING_BELOW_PREVIOUS', register: 1 }],
      previous: [{ register: 1, value: '500' }],
    });
  });

  it('lets a lower value through as a confirmed correction when the organization allows it', async () => {
    await setSettings({ reading_refuse_below_previous: false });
    const meterId = await meterWithHistory([['500']]);
    const warned = await submit(meterId, ['499']);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.details.warnings).toEqual([{ code: 'READING_DECREASED', register: 1 }]);
    const confirmed = await submit(meterId, ['499'], { confirm: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().consumption).toBeNull();
  });

  it('accepts a value equal to the previous one: zero consumption, nothing to pay, no warning', async () => {
    const meterId = await meterWithHistory([['480'], ['490'], ['500'], ['510']]);
    const response = await submit(meterId, ['510']);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ consumption: '0', estimatedCharge: 0, warnings: [] });
  });

  it('asks to confirm a consumption above 3 × the 6-month average ("possible leak")', async () => {
    // 10 m³ a month for six months; 31 is just above 3 × 10, 30 is not.
    const meterId = await meterWithHistory([['100'], ['110'], ['120'], ['130'], ['140'], ['150'], ['160']]);
    const fine = await preview(meterId, ['190']);
    expect(fine.json()).toMatchObject({ warnings: [], errors: [], consumption: '30' });
    const leak = await submit(meterId, ['191']);
    expect(leak.statusCode).toBe(409);
    expect(leak.json().error.details).toMatchObject({
      warnings: [{ code: 'CONSUMPTION_ANOMALY', register: 1 }],
      preview: { consumption: '31', estimatedCharge: 156550 },
    });
    expect(await countSubmissions(meterId)).toBe(7);
    expect((await submit(meterId, ['191'], { confirm: true })).statusCode).toBe(201);
  });

  it('needs one value per register of a three-register meter, each with its own tariff', async () => {
    const meterId = await meterWithHistory([['1000', '2000', '3000']], {
      resource: 'electricity',
      registers: 3,
      digits: 6,
    });
    await t.database.db
      .updateTable('meters')
      .set({ register_names: ['day', 'night', 'peak'] })
      .where('id', '=', meterId)
      .execute();
    expect((await submit(meterId, ['1100', '2010'])).json().error.code).toBe('READING_REGISTERS_INVALID');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: base(meterId),
      headers: bearer(owner),
      payload: { values: [1, 1, 2].map((register) => ({ register, value: '5000' })) },
    });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().error.code).toBe('READING_REGISTERS_INVALID');

    const response = await submit(meterId, ['1100', '2010', '3000']);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    // day 100 × 9,12 ₽ = 912 ₽; night 10 × 3,50 ₽ = 35 ₽; peak 0 (no peak tariff here: unknown cost).
    expect(body.registers.map((r: { consumption: string }) => r.consumption)).toEqual(['100', '10', '0']);
    expect(body.registers.map((r: { estimatedCharge: number | null }) => r.estimatedCharge)).toEqual([
      91200,
      3500,
      null,
    ]);
    expect(body.consumption).toBe('110');
    expect(body.estimatedCharge).toBeNull();
  });

  it('keeps decimals exactly ("123,456" and "123.456" are the same) and refuses more decimals than the register has', async () => {
    const meterId = await meterWithHistory([['120.5']], { decimals: 3 });
    expect((await preview(meterId, ['123,4567'])).json().errors).toEqual([
      { code: 'READING_FORMAT_INVALID', register: 1 },
    ]);
    expect((await submit(meterId, ['123456'])).json().error.code).toBe('READING_FORMAT_INVALID');
    const response = await submit(meterId, ['123,456']);
    expect(response.statusCode).toBe(201);
    expect(response.json().registers[0]).toMatchObject({ value: '123.456', consumption: '2.956' });
    const stored = await history(meterId);
    expect(stored.submissions[0].values).toEqual([{ register: 1, value: '123.456', consumption: '2.956' }]);
  });

  it('refuses readings of a meter whose verification has expired or that is out of service', async () => {
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const expired = await meterWithHistory([['100']], { verified_until: yesterday });
    const response = await submit(expired, ['105']);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('METER_VERIFICATION_EXPIRED');
    const broken = await meterWithHistory([['100']], { status: 'broken' });
    expect((await submit(broken, ['105'])).json().error.code).toBe('METER_NOT_ACTIVE');
    expect(await countSubmissions(expired)).toBe(1);
    expect(await countSubmissions(broken)).toBe(1);
    // Neither is listed as waiting for a reading: the dashboard must not ask for what is refused.
    const summary = await t.app.inject({
      url: `/api/v1/accounts/${accountId}/summary`,
      headers: bearer(owner),
    });
    const due = summary.json().metersDue.map((meter: { meterId: string }) => meter.meterId);
    expect(due).not.toContain(expired);
    expect(due).not.toContain(broken);
    const waiting = await meterWithHistory([['100']]);
    const dueNow = (
      await t.app.inject({ url: `/api/v1/accounts/${accountId}/summary`, headers: bearer(owner) })
    ).json().metersDue;
    expect(dueNow.map((meter: { meterId: string }) => meter.meterId)).toContain(waiting);
  });

  it('outside the window accepts the reading for the next period and says so, or refuses when set to', async () => {
    const today = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', day: 'numeric' }).format(new Date()),
    );
    // A one-day window that is not today: tomorrow's day, or the 1st when today is the 31st.
    const day = today >= 28 ? 1 : today + 1;
    await setSettings({ reading_window_start: day, reading_window_end: day });
    const meterId = await meterWithHistory([['100']]);
    const response = await submit(meterId, ['105']);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      inWindow: false,
      period: day > today ? period : addMonths(period, 1),
    });

    await setSettings({
      reading_window_start: day,
      reading_window_end: day,
      reading_outside_window: 'refuse',
    });
    const refused = await submit(meterId, ['106']);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('READING_WINDOW_CLOSED');
  });

  it('replaces the period’s reading with a later one: the last counts, the history keeps both', async () => {
    const meterId = await meterWithHistory([['100']]);
    const first = await submit(meterId, ['105']);
    expect(first.json().replacedEarlier).toBe(false);
    const second = await submit(meterId, ['107']);
    expect(second.statusCode).toBe(201);
    expect(second.json().replacedEarlier).toBe(true);

    const { submissions, meter, chart } = await history(meterId);
    expect(
      submissions.map((s: { status: string; values: { value: string }[] }) => [s.status, s.values[0]!.value]),
    ).toEqual([
      ['accepted', '107'],
      ['replaced', '105'],
      ['included', '100'],
    ]);
    expect(meter).toMatchObject({ needsReading: false, current: { id: second.json().submission.id } });
    expect(chart).toHaveLength(24);
    expect(chart.at(-1)).toEqual({ period, consumption: '7', yearEarlier: null, estimated: false });
  });

  it('answers a repeated Idempotency-Key with the first answer, and refuses the key for other values', async () => {
    const meterId = await meterWithHistory([['100']]);
    const key = randomUUID();
    const first = await submit(meterId, ['105'], { key });
    const again = await submit(meterId, ['105'], { key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countSubmissions(meterId)).toBe(2);
    const other = await submit(meterId, ['106'], { key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const badKey = await submit(meterId, ['106'], { key: 'with space' });
    expect(badKey.statusCode).toBe(400);
    expect(await countSubmissions(meterId)).toBe(2);
  });

  it('lets viewers read but not submit, and shows strangers nothing', async () => {
    const meterId = await meterWithHistory([['100']]);
    const byViewer = await submit(meterId, ['105'], { session: viewer });
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().error.code).toBe('FORBIDDEN_ROLE');
    const viewerMeters = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/meters`,
      headers: bearer(viewer),
    });
    expect(viewerMeters.statusCode).toBe(200);
    for (const response of [
      await submit(meterId, ['105'], { session: stranger }),
      await t.app.inject({ method: 'GET', url: base(meterId), headers: bearer(stranger) }),
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${accountId}/meters`,
        headers: bearer(stranger),
      }),
    ])
      expect(response.statusCode).toBe(404);
    // A meter of this account asked for under another account is not found either.
    const { id: otherAccount } = await buildAccount(t.database.db, organizationId, {
      members: [{ userId: owner.userId }],
    });
    const crossed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${otherAccount}/meters/${meterId}/readings`,
      headers: bearer(owner),
      payload: { values: [{ register: 1, value: '105' }] },
    });
    expect(crossed.statusCode).toBe(404);
    expect(await countSubmissions(meterId)).toBe(1);
  });

  it('refuses to replace a reading already billed for the period: 409, nothing saved', async () => {
    const { id: meterId } = await buildMeter(t.database.db, accountId);
    await addReading(t.database.db, meterId, addMonths(period, -1), ['100']);
    await addReading(t.database.db, meterId, period, ['104'], { status: 'included' });
    const response = await submit(meterId, ['106']);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('READING_LOCKED');
    expect((await preview(meterId, ['106'])).json().errors).toEqual([{ code: 'READING_LOCKED' }]);
    expect(await countSubmissions(meterId)).toBe(2);
  });

  it('takes a value below the organization’s estimate as a correction to confirm, not an error', async () => {
    const { id: meterId } = await buildMeter(t.database.db, accountId);
    await addReading(t.database.db, meterId, addMonths(period, -2), ['100']);
    await addReading(t.database.db, meterId, addMonths(period, -1), ['130'], { source: 'estimated' });
    const warned = await submit(meterId, ['120']);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.details.warnings).toEqual([{ code: 'READING_DECREASED', register: 1 }]);
    expect((await submit(meterId, ['120'], { confirm: true })).statusCode).toBe(201);
  });

  it('measures a reading after months without any against those months, not one (no false leak)', async () => {
    // 10 m³ a month for six months (the last reading six months ago): 60 m³ now is 10 a month.
    const { id: meterId } = await buildMeter(t.database.db, accountId);
    for (let index = 0; index <= 6; index++)
      await addReading(t.database.db, meterId, addMonths(period, index - 12), [String(100 + 10 * index)]);
    expect((await preview(meterId, ['220'])).json()).toMatchObject({ consumption: '60', warnings: [] });
    // More than 3 × 10 m³ × 6 months is still a leak: 181 is, 180 is not.
    expect((await preview(meterId, ['340'])).json().warnings).toEqual([]);
    expect((await preview(meterId, ['341'])).json().warnings).toEqual([
      { code: 'CONSUMPTION_ANOMALY', register: 1 },
    ]);
    await submit(meterId, ['220']);
    const { chart } = await history(meterId);
    // The chart shows the month's share of the 60 m³ (10), not 60 in one month.
    expect(chart.at(-1)).toMatchObject({ period, consumption: '10' });
  });

  it('still takes readings on the last day of verification, in the organization’s time zone', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    const meterId = await meterWithHistory([['100']], { verified_until: today });
    expect((await submit(meterId, ['101'])).statusCode).toBe(201);
  });

  it('counts the window’s last minute for this month and the next minute for the next, in the organization’s time zone', async () => {
    await setSettings({ reading_window_start: 15, reading_window_end: 25 });
    // The history is fixed in time like the clock of this test (not relative to today).
    const { id: meterId } = await buildMeter(t.database.db, accountId);
    await addReading(t.database.db, meterId, '2026-10', ['100']);
    const actor = { userId: owner.userId, as: 'subscriber' as const };
    const body = (value: string) => ({ values: [{ register: 1, value }] });
    // 25 November 23:59 in Moscow is 20:59 UTC; a minute later it is the 26th there.
    const lastMinute = await submitReading(
      t.database,
      actor,
      accountId,
      meterId,
      body('105'),
      null,
      new Date('2026-11-25T20:59:00Z'),
    );
    expect(lastMinute.response).toMatchObject({ period: '2026-11', inWindow: true });
    const nextMinute = await submitReading(
      t.database,
      actor,
      accountId,
      meterId,
      body('107'),
      null,
      new Date('2026-11-25T21:00:00Z'),
    );
    expect(nextMinute.response).toMatchObject({ period: '2026-12', inWindow: false, replacedEarlier: false });
  });

  it('keeps exactly one reading for 50 simultaneous submissions with one Idempotency-Key', async () => {
    const meterId = await meterWithHistory([['100']]);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 50 }, () => submit(meterId, ['105'], { key })));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.json().submission.id)).size).toBe(1);
    expect(await countSubmissions(meterId)).toBe(2);
  });

  it('keeps one current reading and the rest in the history for 50 simultaneous different submissions', async () => {
    const meterId = await meterWithHistory([['100']]);
    const values = Array.from({ length: 50 }, (_, index) => String(101 + index));
    const responses = await Promise.all(values.map((value) => submit(meterId, [value])));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const { submissions } = await history(meterId);
    const ofPeriod = submissions.filter((s: { period: string }) => s.period === period);
    expect(ofPeriod).toHaveLength(50);
    const accepted = ofPeriod.filter((s: { status: string }) => s.status === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(ofPeriod.filter((s: { status: string }) => s.status === 'replaced')).toHaveLength(49);
    // Every value is kept; the one that counts is the one saved last.
    expect(ofPeriod.map((s: { values: { value: string }[] }) => s.values[0]!.value).sort()).toEqual(
      values.sort(),
    );
    const latest = [...ofPeriod].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0];
    expect(accepted[0].id).toBe(latest.id);
  });
});
