// The same totals on paper, on screen and in the API: for every demo account of the latest period,
// and for generated statements, the PDF's text, the receipt page's HTML and the JSON show the same
// money, and the JSON satisfies the balance identity line by line and in total.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPoppler } from '../../../../tests/support/environment.ts';
import { pdfText } from '../../../../tests/support/pdf-tools.ts';
import { createTestDatabase } from '../../../../tests/support/test-database.ts';
import { type Receipt, receiptSchema } from '../../../shared/api/receipts.ts';
import { formatMoney, multiplyToKopecks } from '../../../shared/money.ts';
import { parsePaymentQr } from '../../../shared/payment-qr.ts';
import { renderReceiptMarkup } from '../../../web/features/receipts/render-receipt-markup.tsx';
import { renderReceiptPdf } from '../../adapters/pdf/receipt-pdf.ts';
import type { Database } from '../../db/database.ts';
import { ensureDemoData } from '../../demo/ensure-demo.ts';
import type { AccountScope } from '../accounts/accounts.repository.ts';
import { buildReceipt } from './receipt-model.ts';
import { loadReceiptSource, type ReceiptSource } from './receipts.repository.ts';

const DEMO_ACCOUNTS = 1000;

const text = (value: string) => value.replace(/\u00a0/g, ' ');
const money = (kopecks: number) => text(formatMoney(kopecks));
/** "12.500" → "12.5", "1200" stays (as PostgreSQL's trim_scale gives them). */
const trimDecimal = (value: string) =>
  value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
const pattern = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of each `data-testid` element of the receipt page's markup. */
function testIdTexts(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of html.matchAll(/data-testid="([a-z-]+)"[^>]*>((?:(?!<\/).)*?)<\//g)) {
    const value = text(match[2]!.replace(/<[^>]+>/g, ''));
    found.set(match[1]!, [...(found.get(match[1]!) ?? []), value]);
  }
  return found;
}

function checkIdentity(receipt: Receipt): void {
  const { totals, lines } = receipt;
  expect(totals.closing).toBe(
    totals.opening + totals.charged + totals.recalculation - totals.benefit + totals.penalties - totals.paid,
  );
  expect(totals.amountDue).toBe(Math.max(0, totals.closing));
  expect(lines.reduce((sum, line) => sum + line.charged, 0)).toBe(totals.charged);
  expect(lines.reduce((sum, line) => sum + line.recalculation, 0)).toBe(totals.recalculation);
  expect(lines.reduce((sum, line) => sum + line.benefit, 0)).toBe(totals.benefit);
  for (const line of lines) {
    expect(line.total).toBe(line.charged + line.recalculation - line.benefit);
    if (line.volume !== null) expect(line.charged).toBe(multiplyToKopecks(line.volume, line.tariff));
  }
  const sum = parsePaymentQr(receipt.qrPayload).fields.Sum;
  expect(sum === undefined ? 0 : Number(sum)).toBe(totals.amountDue);
}

function checkHtml(receipt: Receipt, html: string): void {
  const shown = testIdTexts(html);
  const { totals } = receipt;
  const expected: Record<string, number> = {
    'receipt-opening': totals.opening,
    'receipt-charged': totals.charged,
    'receipt-recalculation': totals.recalculation,
    'receipt-benefit': totals.benefit,
    'receipt-penalties': totals.penalties,
    'receipt-paid': totals.paid,
    'receipt-closing': totals.closing,
    'receipt-amount-due': totals.amountDue,
  };
  for (const [id, kopecks] of Object.entries(expected)) expect(shown.get(id), id).toEqual([money(kopecks)]);
  expect(shown.get('receipt-line-total')).toEqual(receipt.lines.map((line) => money(line.total)));
}

function checkPdfText(receipt: Receipt, pdf: string): void {
  const { totals } = receipt;
  const flat = text(pdf);
  expect(flat).toMatch(new RegExp(`Итого к оплате\\s+${pattern(money(totals.amountDue))}`));
  expect(flat).toMatch(
    new RegExp(
      `${totals.opening < 0 ? 'Аванс' : 'Задолженность'} на начало периода\\s+${pattern(money(Math.abs(totals.opening)))}`,
    ),
  );
  expect(flat).toMatch(new RegExp(`Начислено за период\\s+${pattern(money(totals.charged))}`));
  expect(flat).toMatch(new RegExp(`Перерасчёт\\s+${pattern(money(totals.recalculation))}`));
  expect(flat).toMatch(new RegExp(`Льготы и субсидии\\s+${pattern(money(-totals.benefit))}`));
  expect(flat).toMatch(new RegExp(`Пени\\s+${pattern(money(totals.penalties))}`));
  expect(flat).toMatch(new RegExp(`Оплачено в периоде\\s+${pattern(money(-totals.paid))}`));
  expect(flat).toMatch(
    new RegExp(
      `${totals.closing < 0 ? 'Аванс' : 'Задолженность'} на конец периода\\s+${pattern(money(Math.abs(totals.closing)))}`,
    ),
  );
  for (const line of receipt.lines) expect(flat).toContain(line.serviceName);
}

describe('receipt totals agree in the PDF, the HTML page and the JSON', () => {
  let database: Database;
  let sources: ReceiptSource[];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await ensureDemoData(database, DEMO_ACCOUNTS, () => {});
    const [latest] = await database.db
      .selectFrom('statements')
      .select((eb) => eb.fn.max('period').as('period'))
      .execute();
    const period = String(latest!.period).slice(0, 7);
    const accounts = await database.db
      .selectFrom('accounts')
      .innerJoin('organizations', 'organizations.id', 'accounts.organization_id')
      .select(['accounts.id', 'accounts.organization_id as organizationId', 'organizations.timezone'])
      .orderBy('accounts.number')
      .execute();
    sources = [];
    for (const account of accounts) {
      // The property looks at every account, so it reads them as the organization would.
      const scope = {
        userId: '',
        accountId: account.id,
        organizationId: account.organizationId,
        timezone: account.timezone,
        role: 'owner',
      } as unknown as AccountScope;
      const source = await loadReceiptSource(database.db, scope, period);
      if (source) sources.push(source);
    }
  }, 300_000);
  afterAll(async () => {
    await database?.close();
  });

  it(`covers every demo account of the latest period (${DEMO_ACCOUNTS})`, () => {
    expect(sources.length).toBe(DEMO_ACCOUNTS);
    expect(new Set(sources.map((source) => source.organization.kind))).toEqual(new Set(['housing', 'isp']));
  });

  it('JSON: the balance identity holds for every receipt and every line, and the QR sum is the amount due', () => {
    for (const source of sources) checkIdentity(receiptSchema.parse(buildReceipt(source)));
  });

  it('HTML: the receipt page shows the JSON totals for every account', () => {
    for (const source of sources) {
      const receipt = buildReceipt(source);
      checkHtml(receipt, renderReceiptMarkup(receipt, 'ru'));
    }
  });

  it.skipIf(!hasPoppler)(
    'PDF: the printed totals are the JSON totals for every account',
    async () => {
      const queue = [...sources];
      const worker = async () => {
        for (let source = queue.shift(); source; source = queue.shift()) {
          const receipt = buildReceipt(source);
          checkPdfText(receipt, await pdfText(await renderReceiptPdf(receipt)));
        }
      };
      await Promise.all([worker(), worker(), worker()]);
    },
    300_000,
  );

  it.skipIf(!hasPoppler)(
    'generated statements: PDF, HTML and JSON agree, whatever the amounts',
    async () => {
      const template = sources.find((source) => source.organization.kind === 'housing')!;
      const decimal = (digits: number, scale: number) =>
        fc.integer({ min: 0, max: 10 ** digits - 1 }).map((value) => {
          const raw = String(value).padStart(scale + 1, '0');
          return scale === 0 ? raw : `${raw.slice(0, -scale)}.${raw.slice(-scale)}`.replace(/^0+(?=\d)/, '');
        });
      const lineArbitrary = fc.record({
        volume: fc.option(decimal(7, 3), { nil: null }),
        tariff: decimal(8, 6),
        recalculation: fc.integer({ min: -500_000, max: 500_000 }),
        benefitShare: fc.integer({ min: 0, max: 100 }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(lineArbitrary, { minLength: 1, maxLength: 25 }),
          fc.integer({ min: -5_000_000, max: 50_000_000 }),
          fc.integer({ min: 0, max: 20_000_000 }),
          fc.integer({ min: 0, max: 1_000_000 }),
          async (generated, opening, paid, penalties) => {
            const lines = generated.map((line, index) => {
              const charged = multiplyToKopecks(line.volume ?? '1', line.tariff);
              const benefit = Math.floor((charged * line.benefitShare) / 100);
              return {
                serviceCode: `s${index}`,
                serviceName: `Услуга ${index + 1}`,
                unit: 'м³',
                volume: line.volume === null ? null : trimDecimal(line.volume),
                tariff: trimDecimal(line.tariff),
                charged,
                recalculation: line.recalculation,
                benefit,
                total: charged + line.recalculation - benefit,
              };
            });
            const charged = lines.reduce((sum, line) => sum + line.charged, 0);
            const recalculation = lines.reduce((sum, line) => sum + line.recalculation, 0);
            const benefit = lines.reduce((sum, line) => sum + line.benefit, 0);
            const closing = opening + charged + recalculation - benefit + penalties - paid;
            const receipt = receiptSchema.parse(
              buildReceipt({
                ...template,
                lines,
                statement: {
                  ...template.statement,
                  opening,
                  charged,
                  recalculation,
                  benefit,
                  penalties,
                  paid,
                  closing,
                },
              }),
            );
            checkIdentity(receipt);
            checkHtml(receipt, renderReceiptMarkup(receipt, 'ru'));
            checkPdfText(receipt, await pdfText(await renderReceiptPdf(receipt)));
          },
        ),
        { numRuns: 40 },
      );
    },
    300_000,
  );
});
