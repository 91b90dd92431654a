// The organization's settings: staff read them, only administrators change them (audited), requisites
// that fail a control check are refused field by field with nothing changed, and the logo is a PNG
// or JPEG recognised by its bytes, served publicly with a cache validator. On PGlite and PostgreSQL.
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
import {
  LOGO_MAX_BYTES,
  type OrganizationSettings,
  type UpdateOrganizationSettings,
} from '../../../shared/api/organization-settings.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);

const SETTINGS: UpdateOrganizationSettings = {
  name: 'ООО «Управляющая компания „Рассвет“»',
  shortName: 'УК «Рассвет»',
  inn: '7707083893',
  kpp: '773601001',
  bankName: 'ПАО СБЕРБАНК',
  bic: '044525225',
  settlementAccount: '40702810138250123017',
  correspondentAccount: '30101810400000000225',
  address: 'г. Рязань, ул. Ленина, д. 1',
  phone: '+7 4912 00-00-00',
  email: 'office@rassvet.example',
  registrationMode: 'invite',
  proofType: 'last_receipt_total',
  paymentDueDay: 15,
  receiptShowQr: false,
  receiptNote: 'Аварийная служба: 112.\r\nПн–пт 9–18.',
  accentColor: '#1C7ED6',
  supportDeadlineDays: 3,
  officeHours: 'Пн–чт 9:00–18:00, пт 9:00–17:00',
};

describe.each(databaseKinds)('organization settings API on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let otherOrganizationId: string;
  let admin: LoggedIn;
  let operator: LoggedIn;
  let otherAdmin: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ id: organizationId } = await buildOrganization(t.database.db));
    ({ id: otherOrganizationId } = await buildOrganization(t.database.db));
    admin = await logInStaff(t, organizationId, 'admin');
    operator = await logInStaff(t, organizationId, 'operator');
    otherAdmin = await logInStaff(t, otherOrganizationId, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const settingsUrl = (organization = organizationId) =>
    `/api/v1/operator/settings/organization?organizationId=${organization}`;
  const read = (who: LoggedIn, organization = organizationId) =>
    t.app.inject({ url: settingsUrl(organization), headers: bearer(who) });
  const put = (who: LoggedIn, payload: unknown, organization = organizationId) =>
    t.app.inject({
      method: 'PUT',
      url: settingsUrl(organization),
      headers: bearer(who),
      payload: payload as Record<string, unknown>,
    });
  const upload = (who: LoggedIn, content: Buffer, contentType = 'image/png') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/operator/settings/organization/logo?organizationId=${organizationId}`,
      headers: { ...bearer(who), 'content-type': contentType },
      payload: content,
    });
  const organizationRow = () =>
    t.database.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', organizationId)
      .executeTakeFirstOrThrow();
  const auditActions = async (action: string) =>
    t.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'details'])
      .where('action', '=', action)
      .where('organization_id', '=', organizationId)
      .execute();

  it('shows staff the settings with the defaults, and operators that they may not edit', async () => {
    const response = await read(operator);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      organizationId,
      kind: 'housing',
      canEdit: false,
      inn: '7707083893',
      kpp: null,
      bic: '044525225',
      registrationMode: 'both',
      proofType: 'last_payment',
      paymentDueDay: 10,
      receiptShowQr: true,
      receiptNote: null,
      accentColor: null,
      logoUrl: null,
      supportDeadlineDays: 2,
      officeHours: null,
    } satisfies Partial<OrganizationSettings>);
    expect((await read(admin)).json().canEdit).toBe(true);
  });

  it('lets an administrator change every setting, normalised, and audits what changed', async () => {
    const saved = await put(admin, SETTINGS);
    expect(saved.statusCode, saved.body).toBe(200);
    const expected = {
      ...SETTINGS,
      receiptNote: 'Аварийная служба: 112.\nПн–пт 9–18.',
      accentColor: '#1c7ed6',
      organizationId,
      kind: 'housing',
      canEdit: true,
      logoUrl: null,
    };
    expect(saved.json()).toEqual(expected);
    expect((await read(operator)).json()).toEqual({ ...expected, canEdit: false });

    const events = await auditActions('organization.settings_changed');
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_user_id).toBe(admin.userId);
    const details =
      typeof events[0]!.details === 'string' ? JSON.parse(events[0]!.details) : events[0]!.details;
    expect(details.changed).toEqual(
      expect.arrayContaining(['name', 'kpp', 'registration_mode', 'accent_color']),
    );
    expect(details.changed).not.toContain('inn');

    // Saving the same values again changes nothing and logs nothing.
    expect((await put(admin, SETTINGS)).statusCode).toBe(200);
    expect(await auditActions('organization.settings_changed')).toHaveLength(1);
  });

  it('refuses operators and staff of another organization, changing nothing', async () => {
    const before = await organizationRow();
    const byOperator = await put(operator, { ...SETTINGS, shortName: 'Захват' });
    expect(byOperator.statusCode).toBe(403);
    expect(byOperator.json().error.code).toBe('FORBIDDEN');
    const byOther = await put(otherAdmin, { ...SETTINGS, shortName: 'Захват' });
    expect(byOther.statusCode).toBe(403);
    expect((await read(otherAdmin)).statusCode).toBe(403);
    expect((await upload(operator, PNG)).statusCode).toBe(403);
    expect(await organizationRow()).toEqual(before);
  });

  it.each([
    ['INN with a wrong check digit', { inn: '6200098765' }, { inn: 'checksum' }],
    ['INN of 11 digits', { inn: '77070838931' }, { inn: 'format' }],
    ['KPP of 8 digits', { kpp: '77360100' }, { kpp: 'format' }],
    ['KPP missing for a company', { kpp: null }, { kpp: 'required' }],
    ['BIC of a foreign bank', { bic: '144525225' }, { bic: 'country' }],
    ['BIC of another bank', { bic: '044525226' }, { settlementAccount: 'checksum' }],
    [
      'settlement account with a digit changed',
      { settlementAccount: '40702810138250123018' },
      { settlementAccount: 'checksum' },
    ],
    [
      'correspondent account with a digit changed',
      { correspondentAccount: '30101810400000000226' },
      { correspondentAccount: 'checksum' },
    ],
    [
      'several at once',
      { inn: '7707083894', bic: '04452522', settlementAccount: '4070281013825012301' },
      { inn: 'checksum', bic: 'format', settlementAccount: 'format' },
    ],
  ])('refuses a %s with 400 naming the field, and changes nothing', async (_what, change, problems) => {
    const before = await organizationRow();
    const response = await put(admin, { ...SETTINGS, shortName: 'Новое имя', ...change });
    expect(response.statusCode, response.body).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ fields: Object.keys(problems), problems });
    expect(await organizationRow()).toEqual(before);
  });

  it('accepts a person INN without a KPP and a KPP with letters in the reason code', async () => {
    const person = await put(admin, { ...SETTINGS, inn: '500100732259', kpp: '' });
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json()).toMatchObject({ inn: '500100732259', kpp: null });
    const letters = await put(admin, { ...SETTINGS, kpp: '7736AB001' });
    expect(letters.statusCode, letters.body).toBe(200);
    expect((await organizationRow()).kpp).toBe('7736AB001');
  });

  it('refuses other bad input with 400 and the path, never 500', async () => {
    const bad: [string, Record<string, unknown>][] = [
      ['colour', { accentColor: 'red' }],
      ['receipt note too long', { receiptNote: 'а'.repeat(501) }],
      ['control character in the name', { name: 'ООО\u0007' }],
      ['empty short name', { shortName: '  ' }],
      ['bank name too long for the QR code', { bankName: 'Б'.repeat(46) }],
      ['deadline of zero days', { supportDeadlineDays: 0 }],
      ['due day 29', { paymentDueDay: 29 }],
      ['unknown registration mode', { registrationMode: 'open' }],
      ['bad e-mail', { email: 'not-an-email' }],
    ];
    for (const [what, change] of bad) {
      const response = await put(admin, { ...SETTINGS, ...change });
      expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await put(admin, { ...SETTINGS, receiptNote: 'ё'.repeat(500) })).statusCode).toBe(200);
  });

  it('takes a PNG or JPEG logo by its bytes, serves it publicly with a validator, and replaces it', async () => {
    const saved = await upload(admin, PNG, 'application/octet-stream');
    expect(saved.statusCode, saved.body).toBe(200);
    const { logoUrl } = saved.json() as OrganizationSettings;
    expect(logoUrl).toMatch(new RegExp(`^/api/v1/organizations/${organizationId}/logo\\?v=[0-9a-f]{16}$`));

    const served = await t.app.inject({ url: logoUrl! });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('public');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const again = await t.app.inject({
      url: `/api/v1/organizations/${organizationId}/logo`,
      headers: { 'if-none-match': String(served.headers.etag) },
    });
    expect(again.statusCode).toBe(304);

    const replaced = await upload(admin, JPEG, 'image/png');
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().logoUrl).not.toBe(logoUrl);
    const jpeg = await t.app.inject({ url: `/api/v1/organizations/${organizationId}/logo` });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    // The replaced file is gone; one logo file is kept.
    const files = await t.database.db.selectFrom('stored_files').select('content_type').execute();
    expect(files.filter((file) => file.content_type.startsWith('image/'))).toHaveLength(1);
    expect(await auditActions('organization.logo_changed')).toHaveLength(2);
  });

  it('refuses a logo that is not a PNG or JPEG by its bytes, or too large, keeping the old one', async () => {
    const before = (await organizationRow()).logo_file_id;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [content, type] of [
      [svg, 'image/svg+xml'],
      [svg, 'image/png'],
      [Buffer.from('GIF89a\u0001\u0000\u0001\u0000'), 'image/gif'],
      [Buffer.from('{"logo":1}'), 'application/json'],
      [PNG.subarray(0, 8), 'image/png'],
    ] as const) {
      const response = await upload(admin, content, type);
      expect(response.statusCode, `${type}: ${response.body}`).toBe(415);
      expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const tooLarge = await upload(admin, Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const largest = await upload(admin, Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES - PNG.length)]));
    expect(largest.statusCode, largest.body).toBe(200);
    expect((await organizationRow()).logo_file_id).not.toBe(before);
  });

  it('removes the logo, after which the public address answers 404', async () => {
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/operator/settings/organization/logo?organizationId=${organizationId}`,
      headers: bearer(admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().logoUrl).toBeNull();
    const gone = await t.app.inject({ url: `/api/v1/organizations/${organizationId}/logo` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
    expect((await t.app.inject({ url: `/api/v1/organizations/${randomUUID()}/logo` })).statusCode).toBe(404);
    expect(await auditActions('organization.logo_removed')).toHaveLength(1);
  });
});
