// The monthly receipt in Debian's Chromium against a real, demo-seeded server, phone size: from the
// menu to the list of months, into the latest receipt (amount due and QR code as the API gives
// them), and the PDF download, which must be the receipt's PDF with the same total.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt, ReceiptsResponse } from '../../src/shared/api/receipts.ts';
import { formatMoney } from '../../src/shared/money.ts';
import { chromiumPath, hasChromium, hasPoppler } from '../support/environment.ts';
import { pdfText } from '../support/pdf-tools.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe.skipIf(!hasChromium)('receipts in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch(launchOptions(chromiumPath));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the latest receipt from the menu, shows what to pay, and downloads its PDF', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'ru-RU',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Электронная почта').fill('demo@abonent.local');
      await page.getByLabel('Пароль', { exact: true }).fill('demo-password');
      await page.getByLabel('Пароль', { exact: true }).press('Enter');
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('account'));
      const accountId = new URL(page.url()).searchParams.get('account');

      const list = (await (
        await page.request.get(`${server.url}/api/v1/accounts/${accountId}/receipts`)
      ).json()) as ReceiptsResponse;
      const latest = list.receipts[0]!;
      const receipt = (await (
        await page.request.get(`${server.url}/api/v1/accounts/${accountId}/receipts/${latest.period}`)
      ).json()) as Receipt;

      await page
        .getByRole('button', { name: /меню|menu/i })
        .first()
        .click();
      await page.getByRole('link', { name: 'Квитанции' }).first().click();
      await page.waitForURL((url) => url.pathname === '/receipts');
      await expect
        .poll(async () => plain(await page.locator('main').textContent()))
        .toContain(plain(formatMoney(latest.amountDue)));

      await page.locator(`a[href^="/receipts/${latest.period}"]:visible`).first().click();
      await page.waitForURL((url) => url.pathname === `/receipts/${latest.period}`);
      await expect
        .poll(async () =>
          plain(await page.getByTestId('receipt-amount-due').locator('visible=true').first().textContent()),
        )
        .toBe(plain(formatMoney(receipt.totals.amountDue)));
      await expect.poll(async () => page.getByRole('img', { name: /QR/i }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(screenshotDir, 'receipt-phone.png'), fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('link', { name: /Скачать PDF/ })
          .first()
          .click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^receipt-epd-\\d+-${latest.period}\\.pdf$`));
      const file = await download.path();
      const { readFile } = await import('node:fs/promises');
      const pdf = await readFile(file);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      if (hasPoppler)
        expect(plain(await pdfText(pdf))).toContain(plain(formatMoney(receipt.totals.amountDue)));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
