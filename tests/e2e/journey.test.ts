// The subscriber's main journey in Debian's Chromium against a real, demo-seeded server:
// log in, read the balance and the chart, switch to another account, log out. Phone size first.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');

const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

// Without Chromium the global setup has already said so loudly (and fails under CI=true).
describe.skipIf(!hasChromium)('subscriber journey in the browser', () => {
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

  for (const viewport of viewports) {
    it(`logs in, sees the balance and the chart, switches account and logs out (${viewport.name})`, async () => {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        locale: 'ru-RU',
      });
      const page = await context.newPage();
      const problems = collectPageProblems(page);

      try {
        // A visitor without a session lands on the login page.
        await page.goto(server.url);
        await page.waitForURL('**/login');
        await page.getByRole('heading', { level: 1, name: 'Вход в личный кабинет' }).waitFor();

        await page.getByLabel('Электронная почта').fill('demo@abonent.local');
        await page.getByLabel('Пароль', { exact: true }).fill('demo-password');
        await page.getByLabel('Пароль', { exact: true }).press('Enter');

        // Dashboard: the balance headline and the twelve-month chart.
        await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('account'));
        const balance = page.getByTestId('balance');
        await balance.waitFor();
        expect(await balance.textContent()).toMatch(/К оплате|Переплата|Задолженности нет/);
        const chart = page.getByTestId('charges-chart');
        await chart.locator('svg.recharts-surface').first().waitFor();
        expect(await chart.getByRole('heading', { name: 'Начисления за 12 месяцев' }).isVisible()).toBe(true);
        await page.screenshot({
          path: path.join(screenshotDir, `dashboard-${viewport.name}.png`),
          fullPage: true,
        });

        // Switch to another account: the URL and the page follow the choice.
        const firstAccount = new URL(page.url()).searchParams.get('account');
        const switcher = page.getByRole('combobox', { name: 'Лицевой счёт' });
        const firstLabel = await switcher.inputValue();
        await switcher.click();
        await page.getByRole('option', { selected: false }).first().click();
        await page.waitForURL((url) => url.searchParams.get('account') !== firstAccount);
        await expect.poll(() => switcher.inputValue()).not.toBe(firstLabel);
        await balance.waitFor();
        expect(await balance.textContent()).toMatch(/К оплате|Переплата|Задолженности нет/);
        await page.screenshot({
          path: path.join(screenshotDir, `dashboard-switched-${viewport.name}.png`),
          fullPage: true,
        });

        // Log out: from the drawer on a phone, from the header on a desktop.
        if (viewport.width < 768) {
          await page.getByRole('button', { name: 'Открыть меню' }).click();
        }
        await page.getByRole('button', { name: 'Выйти' }).click();
        await page.waitForURL('**/login');

        // The session is gone: the dashboard sends us back to the login page.
        await page.goto(server.url);
        await page.waitForURL('**/login');
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 90_000);
  }
});
