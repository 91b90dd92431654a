// An organization's own payment rules: anyone reads them (null: the default rules), staff read the
// organization's texts, only its administrators change them (audited), a blank text brings the
// default back, and bad input is a 400 with the field named — never a 500. On PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../../../tests/support/factories.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logInStaff,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { PAYMENT_RULES_MAX_LENGTH, type PublicPaymentRules } from '../../../shared/api/payment-rules.ts';

const RULES_RU = [
  'Оплата картой принимается круглосуточно.',
  '',
  '- Зачисление — в течение дня.',
  '- Возврат — по заявлению, в течение 30 дней.',
].join('\n');

describe.each(databaseKinds)('payment rules API on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let otherOrganizationId: string;
  let admin: LoggedIn;
  let operator: LoggedIn;
  let otherAdmin: LoggedIn;

  const staffSession = (organization: string, role: 'operator' | 'admin') =>
    logInStaff(t, organization, role);

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ id: organizationId } = await buildOrganization(t.database.db, { short_name: 'УК «Рассвет»' }));
    ({ id: otherOrganizationId } = await buildOrganization(t.database.db));
    admin = await staffSession(organizationId, 'admin');
    operator = await staffSession(organizationId, 'operator');
    otherAdmin = await staffSession(otherOrganizationId, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const readPublic = (organization: string, locale?: string) =>
    t.app.inject({
      url: `/api/v1/organizations/${organization}/payment-rules${locale ? `?locale=${locale}` : ''}`,
    });

  const put = (who: LoggedIn, payload: unknown, organization = organizationId) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/operator/settings/payment-rules?organizationId=${organization}`,
      headers: bearer(who),
      payload: payload as Record<string, unknown>,
    });

  const readSettings = (who: LoggedIn, organization = organizationId) =>
    t.app.inject({
      url: `/api/v1/operator/settings/payment-rules?organizationId=${organization}`,
      headers: bearer(who),
    });

  it('answers anyone with null before the organization writes its own rules', async () => {
    const response = await readPublic(organizationId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      organizationId,
      organizationName: 'УК «Рассвет»',
      locale: 'ru',
      body: null,
      updatedAt: null,
    } satisfies PublicPaymentRules);
    expect((await readSettings(operator)).json()).toEqual({ ru: null, en: null });
  });

  it('publishes the text an administrator stores, in its language only, and audits the change', async () => {
    const saved = await put(admin, { ru: `\r\n${RULES_RU.replaceAll('\n', '\r\n')}  \r\n`, en: null });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ ru: RULES_RU, en: null });

    const ru = (await readPublic(organizationId, 'ru')).json() as PublicPaymentRules;
    expect(ru.body).toBe(RULES_RU);
    expect(Date.now() - Date.parse(ru.updatedAt!)).toBeLessThan(60_000);
    const en = (await readPublic(organizationId, 'en')).json() as PublicPaymentRules;
    expect(en).toMatchObject({ locale: 'en', body: null, updatedAt: null });
    // Another organization keeps the default.
    expect((await readPublic(otherOrganizationId)).json().body).toBeNull();
    // Staff who may not change the rules still read them.
    expect((await readSettings(operator)).json()).toEqual({ ru: RULES_RU, en: null });

    const events = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'organization.payment_rules_changed')
      .where('organization_id', '=', organizationId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_user_id).toBe(admin.userId);
    const details =
      typeof events[0]!.details === 'string' ? JSON.parse(events[0]!.details) : events[0]!.details;
    expect(details).toEqual({ ru: 'set', ruLength: [...RULES_RU].length, en: 'unchanged' });
  });

  it('keeps markup as typed: the text is plain text, not HTML', async () => {
    const text = '<script>alert(1)</script>\n\n<b>Жирный</b> & «кавычки»';
    expect((await put(admin, { ru: RULES_RU, en: text })).statusCode).toBe(200);
    expect((await readPublic(organizationId, 'en')).json().body).toBe(text);
  });

  it('refuses operators who are not administrators', async () => {
    const response = await put(operator, { ru: 'Чужие правила', en: null });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect((await readPublic(organizationId)).json().body).toBe(RULES_RU);
  });

  it('refuses staff of another organization, reading or writing', async () => {
    const write = await put(otherAdmin, { ru: 'Чужие правила', en: null });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('FORBIDDEN');
    expect((await readSettings(otherAdmin)).statusCode).toBe(403);
    expect((await readPublic(organizationId)).json().body).toBe(RULES_RU);
  });

  it('removes a language’s text when it is sent empty or null, so the default shows again', async () => {
    const cleared = await put(admin, { ru: '  \n\n ', en: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toEqual({ ru: null, en: null });
    expect((await readPublic(organizationId, 'ru')).json()).toMatchObject({ body: null, updatedAt: null });
    expect((await readPublic(organizationId, 'en')).json().body).toBeNull();
    const rows = await t.database.db
      .selectFrom('payment_rules')
      .select('locale')
      .where('organization_id', '=', organizationId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('takes 20,000 characters, counting as the database does, and refuses one more with 400', async () => {
    // Characters outside the BMP are two UTF-16 units each but one character for PostgreSQL.
    const longest = '😀'.repeat(PAYMENT_RULES_MAX_LENGTH);
    const saved = await put(admin, { ru: longest, en: null });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(200);
    expect((await readPublic(organizationId)).json().body).toBe(longest);

    const tooLong = await put(admin, { ru: 'а'.repeat(PAYMENT_RULES_MAX_LENGTH + 1), en: null });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'body.ru' })],
    });
    expect((await readPublic(organizationId)).json().body).toBe(longest);
  });

  it('answers 400 with the field, never 500, to input the database could not store', async () => {
    const bad: [string, string][] = [
      ['NUL character', JSON.stringify({ ru: 'Правила\u0000', en: null })],
      ['other control character', JSON.stringify({ ru: null, en: 'Rules\u001b[31m' })],
      ['lone surrogate', '{"ru":"\\ud800 правила","en":null}'],
      ['a language left out', JSON.stringify({ ru: 'Правила' })],
      ['a number instead of text', JSON.stringify({ ru: 42, en: null })],
      ['not an object', JSON.stringify(['Правила'])],
      ['malformed JSON', '{"ru": "Правила",'],
    ];
    for (const [what, payload] of bad) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/operator/settings/payment-rules?organizationId=${organizationId}`,
        headers: { ...bearer(admin), 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const named = await put(admin, { ru: null, en: 'Rules\u0007' });
    expect(named.json().error.details).toEqual([expect.objectContaining({ path: 'body.en' })]);
  });

  it('answers 404 for an unknown organization and 400 for a malformed id or language', async () => {
    const unknown = await readPublic(randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await readPublic('not-a-uuid')).statusCode).toBe(400);
    const language = await readPublic(organizationId, 'de');
    expect(language.statusCode).toBe(400);
    expect(language.json().error.code).toBe('VALIDATION_FAILED');
  });
});
