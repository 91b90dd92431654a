// Receipts through the API: the JSON with each line's formula, the PDF read back with poppler (the
// QR code decoded from the rendered page, the text extracted), storage per data version, and who
// may see which receipt — on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPoppler } from '../../../../tests/support/environment.ts';
import {
  addReading,
  buildAccount,
  buildMeter,
  buildOrganization,
  buildStatement,
  buildUser,
} from '../../../../tests/support/factories.ts';
import { decodeQr, pdfPageCount, pdfPagePng, pdfText } from '../../../../tests/support/pdf-tools.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { Receipt, ReceiptsResponse } from '../../../shared/api/receipts.ts';
import { formatMoney } from '../../../shared/money.ts';
import { encodePaymentQr, parsePaymentQr } from '../../../shared/payment-qr.ts';
import { renderReceiptPdf } from '../../adapters/pdf/receipt-pdf.ts';

describe.each(databaseKinds)('receipts API on %s', (kind) => {
  let t: TestApp;
  let organizationId: string;
  let owner: LoggedIn;
  let stranger: LoggedIn;
  let accountId: string;
  const accountNumber = '7700123456';

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ id: organizationId } = await buildOrganization(t.database.db));
    const ownerUser = await buildUser(t.database.db);
    const strangerUser = await buildUser(t.database.db);
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      number: accountNumber,
      members: [{ userId: ownerUser.id }],
    }));
    await buildAccount(t.database.db, organizationId, { members: [{ userId: strangerUser.id }] });
    await buildStatement(t.database.db, organizationId, accountId, '2026-09', [
      { code: 'cold_water', name: 'Холодное водоснабжение', volume: '7', tariff: '50.5' },
    ]);
    await buildStatement(
      t.database.db,
      organizationId,
      accountId,
      '2026-10',
      [
        { code: 'cold_water', name: 'Холодное водоснабжение', volume: '3.250', tariff: '45.67' },
        {
          code: 'heating',
          name: 'Отопление',
          unit: 'Гкал',
          volume: '0.5345',
          tariff: '3433.891234',
          recalculation: -12_000,
        },
        {
          code: 'maintenance',
          name: 'Содержание жилого помещения',
          unit: 'м²',
          kind: 'area',
          volume: '52.3',
          tariff: '42.75',
          benefit: 50_000,
        },
      ],
      { opening: 353_500, paid: 353_500, penalties: 1_234 },
    );
    const { id: meterId } = await buildMeter(t.database.db, accountId, {
      resource: 'electricity',
      registers: 2,
    });
    await addReading(t.database.db, meterId, '2026-09', ['1000', '400']);
    await addReading(t.database.db, meterId, '2026-10', ['1226', '495'], { source: 'estimated' });
    owner = await logIn(t.app, ownerUser.email, ownerUser.password);
    stranger = await logIn(t.app, strangerUser.email, strangerUser.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const getReceipt = async (period: string, who: LoggedIn = owner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/receipts/${period}`,
      headers: bearer(who),
    });
    return { status: response.statusCode, body: response.json() as Receipt };
  };

  const getPdf = async (period: string, who: LoggedIn = owner) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/receipts/${period}.pdf`,
      headers: bearer(who),
    });

  it('lists the months with a receipt, newest first, with the amount due', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/receipts`,
      headers: bearer(owner),
    });
    expect(response.statusCode).toBe(200);
    const { receipts } = response.json() as ReceiptsResponse;
    expect(receipts.map((receipt) => receipt.period)).toEqual(['2026-10', '2026-09']);
    expect(receipts[1]).toMatchObject({
      charged: 35_350,
      closing: 35_350,
      amountDue: 35_350,
      dueDate: '2026-10-10',
    });
  });

  it('gives every line its formula and totals that satisfy the balance identity', async () => {
    const { status, body } = await getReceipt('2026-10');
    expect(status).toBe(200);
    const [water, heating, maintenance] = body.lines;
    // 3.250 × 45.67 = 148.4275 → 148.43; 0.5345 × 3433.891234 = 1835.4148… → 1835.41
    expect(water).toMatchObject({ volume: '3.25', tariff: '45.67', charged: 14_843, total: 14_843 });
    expect(water!.formula).toBe('3.25 × 45.67 = 148.43; 148.43 + 0.00 − 0.00 = 148.43');
    expect(heating).toMatchObject({ charged: 183_541, recalculation: -12_000, total: 171_541 });
    expect(heating!.formula).toBe('0.5345 × 3433.891234 = 1835.41; 1835.41 − 120.00 − 0.00 = 1715.41');
    expect(maintenance).toMatchObject({ charged: 223_583, benefit: 50_000, total: 173_583 });
    const { totals } = body;
    expect(totals.charged).toBe(14_843 + 183_541 + 223_583);
    expect(totals.closing).toBe(
      totals.opening +
        totals.charged +
        totals.recalculation -
        totals.benefit +
        totals.penalties -
        totals.paid,
    );
    expect(totals.amountDue).toBe(totals.closing);
    expect(body.meters).toEqual([
      expect.objectContaining({
        resource: 'electricity',
        register: 1,
        registerName: 'день',
        unit: 'кВт·ч',
        previous: { period: '2026-09', value: '1000' },
        current: { period: '2026-10', value: '1226', estimated: true },
      }),
      expect.objectContaining({
        register: 2,
        registerName: 'ночь',
        previous: { period: '2026-09', value: '400' },
      }),
    ]);
  });

  it('answers 404 for a month without a statement and for an account that is not yours, 400 for a bad month', async () => {
    const missing = await getReceipt('2025-01');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'RECEIPT_NOT_FOUND' } });
    const foreign = await getReceipt('2026-10', stranger);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'ACCOUNT_NOT_FOUND' } });
    const foreignPdf = await getPdf('2026-10', stranger);
    expect(foreignPdf.statusCode).toBe(404);
    expect(foreignPdf.headers['content-type']).toContain('application/json');
    for (const bad of ['2026-13', '26-10', '2026-10x']) {
      const response = await getPdf(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/receipts/2026-10.pdf`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('draws the PDF once per data version and serves the stored one after that', async () => {
    const first = await getPdf('2026-09');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toBe(
      `attachment; filename="receipt-epd-${accountNumber}-2026-09.pdf"`,
    );
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.headers['x-receipt-version']).toBe('1');
    const again = await getPdf('2026-09');
    expect(again.headers['x-receipt-version']).toBe('1');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const countFiles = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('receipt_documents')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('account_id', '=', accountId)
            .where('period', '=', '2026-09-01')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await countFiles()).toBe(1);

    // The organization's phone changes: it is printed, so the receipt gets a new version.
    await t.database.db
      .updateTable('organizations')
      .set({ phone: '+7 (4912) 00-00-01' })
      .where('id', '=', organizationId)
      .execute();
    const changed = await getPdf('2026-09');
    expect(changed.headers['x-receipt-version']).toBe('2');
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(await countFiles()).toBe(2);
    // Changed back, the data is new again compared with version 2: version 3, never version 1 again.
    await t.database.db
      .updateTable('organizations')
      .set({ phone: null })
      .where('id', '=', organizationId)
      .execute();
    const back = await getPdf('2026-09');
    expect(back.headers['x-receipt-version']).toBe('3');
    expect(back.headers.etag).toBe(first.headers.etag);
    expect((await getPdf('2026-09')).headers['x-receipt-version']).toBe('3');
  });

  it('keeps a receipt whose data holds the QR separator or line breaks: they become spaces', async () => {
    const { id: oddId } = await buildAccount(t.database.db, organizationId, {
      number: 'A|7\n1',
      members: [{ userId: owner.userId }],
    });
    await buildStatement(t.database.db, organizationId, oddId, '2026-10', [
      { code: 'cold_water', volume: '1', tariff: '10' },
    ]);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${oddId}/receipts/2026-10`,
      headers: bearer(owner),
    });
    expect(response.statusCode).toBe(200);
    const { fields } = parsePaymentQr((response.json() as Receipt).qrPayload);
    expect(fields.PersAcc).toBe('A 7 1');
    expect(fields.Purpose).toBe('Оплата ЖКУ за 10.2026, л/с A 7 1');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${oddId}/receipts/2026-10.pdf`,
      headers: bearer(owner),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="receipt-epd-A_7_1-2026-10.pdf"');
  });

  it('stores one version when many ask for a new receipt at once', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => getPdf('2026-10')));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(12).fill(200));
    expect(new Set(responses.map((response) => response.headers['x-receipt-version']))).toEqual(
      new Set(['1']),
    );
    const rows = await t.database.db
      .selectFrom('receipt_documents')
      .select('version')
      .where('account_id', '=', accountId)
      .where('period', '=', '2026-10-01')
      .execute();
    expect(rows).toEqual([{ version: 1 }]);
    const files = await t.database.db
      .selectFrom('stored_files')
      .leftJoin('receipt_documents', 'receipt_documents.file_id', 'stored_files.id')
      .select('stored_files.id')
      .where('receipt_documents.file_id', 'is', null)
      .execute();
    expect(files).toEqual([]); // no orphan file from a process that lost the race
  });

  describe.skipIf(!hasPoppler)('the PDF as people read it (poppler-utils)', () => {
    it('has a QR code on page 1 that decodes to the exact ST00012 payload, with Sum = amount due', async () => {
      const { body: receipt } = await getReceipt('2026-10');
      const pdf = (await getPdf('2026-10')).rawPayload;
      const payload = decodeQr(await pdfPagePng(pdf, 1, 200));
      const organization = await t.database.db
        .selectFrom('organizations')
        .selectAll()
        .where('id', '=', organizationId)
        .executeTakeFirstOrThrow();
      expect(payload).toBe(
        encodePaymentQr({
          Name: organization.name,
          PersonalAcc: '40702810138250123017',
          BankName: 'ПАО СБЕРБАНК',
          BIC: '044525225',
          CorrespAcc: '30101810400000000225',
          PayeeINN: '7707083893',
          Purpose: `Оплата ЖКУ за 10.2026, л/с ${accountNumber}`,
          Sum: receipt.totals.amountDue,
          PersAcc: accountNumber,
          PaymPeriod: '102026',
          TechCode: '02',
        }),
      );
      expect(payload).toContain(`|Sum=${receipt.totals.amountDue}|`);
      expect(payload).toContain(`|PersAcc=${accountNumber}|`);
    });

    it('prints the Cyrillic service names and the totals as the JSON formats them', async () => {
      const { body: receipt } = await getReceipt('2026-10');
      const text = await pdfText((await getPdf('2026-10')).rawPayload);
      for (const name of ['Холодное водоснабжение', 'Отопление', 'Содержание жилого помещения'])
        expect(text).toContain(name);
      expect(text).toContain('ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ');
      expect(text).toMatch(
        new RegExp(`Итого к оплате\\s+${escapeForRegExp(formatMoney(receipt.totals.amountDue))}`),
      );
      expect(text).toMatch(new RegExp(`Пени\\s+${escapeForRegExp(formatMoney(receipt.totals.penalties))}`));
      expect(text).toContain('1 226 расч.'); // the estimated reading is marked as such
    });

    it('continues a long services table on the next page under a repeated header', async () => {
      const { body: receipt } = await getReceipt('2026-10');
      const many = Array.from({ length: 70 }, (_, index) => ({
        ...receipt.lines[0]!,
        serviceCode: `service_${index}`,
        serviceName: `Услуга номер ${index + 1}`,
      }));
      const pdf = await renderReceiptPdf({ ...receipt, lines: many });
      expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
      const second = await pdfText(pdf, 2);
      expect(second).toContain('продолжение');
      expect(second).toMatch(/Услуга\s+Ед\.\s+Объём\s+Тариф\s+Начислено/);
      expect(await pdfText(pdf)).toContain('Услуга номер 70');
    });
  });
});

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\u00a0/g, ' ');
}
