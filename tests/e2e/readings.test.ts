// Submitting a meter reading in Debian's Chromium against a real, demo-seeded server, phone size:
// the dashboard's reminder, the live preview of the cost, the leak warning that must be confirmed,
// the accepted reading, and the same reading in the history table and the consumption chart.
// The period and the days left come from the API's window: the test passes inside the window and
// after it closes (when readings count for the next month).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse, MetersResponse } from '../../src/shared/api/readings.ts';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/** The page writes `6 018` with a no-break space; compare texts with plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

/** `6018` → `6 018`, as the page groups digits. */
function grouped(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** `2026-11-25` → `25.11.2026`. */
function russianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

/** `2026-11` → `ноябрь 2026`. */
function russianMonth(period: string): string {
  const [year, month] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
  return `${new Intl.DateTimeFormat('ru-RU', { month: 'long', timeZone: 'UTC' }).format(date)} ${year}`;
}

describe.skipIf(!hasChromium)('meter readings in the browser', () => {
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

  async function screenshot(page: Page, name: string): Promise<void> {
    // From the top, with the pointer off the chart: the fixed header and no tooltip over the page.
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotDir, `readings-${name}.png`), fullPage: true });
  }

  it('previews the cost, asks to confirm a leak-sized reading, accepts it and shows it in the history', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);

    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Электронная почта').fill('demo@abonent.local');
      await page.getByLabel('Пароль', { exact: true }).fill('demo-password');
      await page.getByLabel('Пароль', { exact: true }).press('Enter');
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('account'));
      const accountId = new URL(page.url()).searchParams.get('account');

      // What the page should show, from the API with the same session.
      const metersAnswer = await page.request.get(`${server.url}/api/v1/accounts/${accountId}/meters`);
      expect(metersAnswer.status()).toBe(200);
      const { window, meters } = (await metersAnswer.json()) as MetersResponse;
      const coldWater = meters.find(
        (meter) =>
          meter.resource === 'cold_water' && meter.status === 'active' && meter.verification !== 'expired',
      );
      const lastValue = Number(coldWater?.last?.values[0]?.value);
      expect(coldWater?.registers).toHaveLength(1);
      expect(Number.isInteger(lastValue)).toBe(true);

      // The dashboard's reminder says until when readings are taken, or when the window opens.
      const reminder = page.getByTestId('meters-deadline');
      await reminder.waitFor();
      expect(plain(await reminder.textContent())).toContain(
        window.open
          ? `Передайте показания до ${russianDate(window.closesOn)}`
          : `Приём показаний откроется ${russianDate(window.opensOn ?? '')}`,
      );

      // To the meters page through the menu.
      await page.getByRole('button', { name: 'Открыть меню' }).click();
      await page.getByRole('link', { name: 'Показания', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/meters');
      await page.getByRole('heading', { level: 1, name: 'Показания счётчиков' }).waitFor();
      const banner = page.getByTestId('reading-window');
      expect(plain(await banner.textContent())).toContain(
        window.open
          ? `Приём показаний за ${russianMonth(window.period)} открыт до ${russianDate(window.closesOn)}`
          : `Приём показаний откроется ${russianDate(window.opensOn ?? '')}`,
      );

      const card = page.locator('[data-testid="meter-card"][data-resource="cold_water"]');
      expect(plain(await card.getByTestId('last-reading-value').textContent())).toBe(
        `${grouped(lastValue)} м³`,
      );
      const input = card.getByLabel('Показание, м³');

      // An ordinary month: the preview shows the cost of 5 m³.
      await input.fill(String(lastValue + 5));
      const charge = card.getByTestId('reading-preview-charge');
      await charge.waitFor();
      expect(plain(await charge.textContent())).toMatch(/^≈ \d[\d ]*,\d\d ₽ за 5 м³$/);
      await screenshot(page, 'preview-phone');

      // A leak-sized one: the warning and the confirmation it needs.
      await input.fill(String(lastValue + 5000));
      const warnings = card.getByTestId('reading-warnings');
      await warnings
        .getByText('Расход намного больше обычного — возможна утечка. Проверьте показание.')
        .waitFor();
      await expect.poll(async () => plain(await charge.textContent())).toMatch(/ за 5 000 м³$/);
      await card.getByRole('button', { name: 'Передать показание' }).click();
      await card.getByText('Отметьте, что показание верное').waitFor();
      await screenshot(page, 'warning-phone');
      await card.getByLabel('Показание верное, подтверждаю').check();
      await card.getByRole('button', { name: 'Передать показание' }).click();

      const saved = card.getByTestId('reading-saved');
      await saved.waitFor();
      const savedText = plain(await saved.textContent());
      expect(savedText).toContain(`Показание принято за ${russianMonth(window.period)}`);
      expect(savedText).toContain(`Показание: ${grouped(lastValue + 5000)} м³`);
      expect(savedText).toContain('Расход: 5 000 м³');
      // The card now says that this period's reading is in.
      await card.getByText(`Передано за ${russianMonth(window.period)}`).waitFor();
      await screenshot(page, 'saved-phone');

      // The history: the new reading on top of the table, and its month in the chart.
      await card.getByRole('link', { name: /История показаний/ }).click();
      await page.waitForURL((url) => url.pathname === `/meters/${coldWater?.id}`);
      const history = page.getByTestId('readings-history');
      await history.locator('li[data-status="accepted"]').first().waitFor();
      const newest = plain(await history.locator('li').first().textContent());
      expect(newest).toContain(`${grouped(lastValue + 5000)} м³`);
      expect(newest).toContain('принято');
      expect(newest).toContain(russianMonth(window.period).replace(/^./, (letter) => letter.toUpperCase()));

      const chart = page.getByTestId('consumption-chart');
      await chart.locator('svg.recharts-surface').first().waitFor();
      const currentMonth = chart.locator(`tr[data-period="${window.period}"]`);
      expect(plain(await currentMonth.textContent())).toContain('5 000 м³');
      await screenshot(page, 'history-phone');

      // The API agrees: the newest submission is the one just sent.
      const historyAnswer = await page.request.get(
        `${server.url}/api/v1/accounts/${accountId}/meters/${coldWater?.id}/readings`,
      );
      const { submissions } = (await historyAnswer.json()) as HistoryResponse;
      expect(submissions[0]?.values[0]?.value).toBe(String(lastValue + 5000));

      // The same pages on a desktop, for the screenshots.
      await page.setViewportSize(desktop);
      await chart.locator('svg.recharts-surface').first().waitFor();
      await screenshot(page, 'history-desktop');
      await page.getByRole('link', { name: 'Все счётчики' }).click();
      await page.waitForURL((url) => url.pathname === '/meters');
      await card.getByTestId('last-reading-value').waitFor();
      await screenshot(page, 'meters-desktop');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
