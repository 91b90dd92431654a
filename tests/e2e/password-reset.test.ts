// Password reset in Debian's Chromium against a real, demo-seeded server, phone size: while the
// demo subscriber is signed in elsewhere (session A), "forgot password" → the e-mailed link → a new
// password. The new password signs in, the old one no longer does, and session A is over.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions, waitForMailLink } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const email = 'demo@abonent.local';
const oldPassword = 'demo-password';
const newPassword = 'синий кит плывёт на север';

describe.skipIf(!hasChromium)('password reset in the browser', () => {
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

  const newPhoneContext = () =>
    browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' });

  async function signIn(page: Page, password: string): Promise<void> {
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль', { exact: true }).fill(password);
    await page.getByLabel('Пароль', { exact: true }).press('Enter');
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(screenshotDir, `password-reset-${name}.png`), fullPage: true });
  }

  it('sets a new password from the e-mailed link, refuses the old one and ends other sessions', async () => {
    const contextA = await newPhoneContext();
    const contextB = await newPhoneContext();
    const pageA = await contextA.newPage();
    const pageB = await contextB.newPage();
    const problemsA = collectPageProblems(pageA);
    const problemsB = collectPageProblems(pageB);

    try {
      // Session A: signed in, on the dashboard.
      await pageA.goto(`${server.url}/login`);
      await signIn(pageA, oldPassword);
      await pageA.waitForURL((url) => url.pathname === '/' && url.searchParams.has('account'));
      await pageA.getByTestId('balance').waitFor();

      // Elsewhere: "forgot password" from the login page.
      await pageB.goto(`${server.url}/login`);
      await pageB.getByRole('link', { name: 'Забыли пароль?' }).click();
      await pageB.waitForURL('**/forgot-password');
      await pageB.getByLabel('Электронная почта').fill(email);
      await screenshot(pageB, '1-request');
      await pageB.getByRole('button', { name: 'Отправить ссылку' }).click();
      await pageB.getByRole('heading', { name: 'Проверьте почту' }).waitFor();
      await pageB.getByTestId('demo-mailbox-hint').waitFor();
      await screenshot(pageB, '2-check-email');

      // The link from the e-mail: a weak password is refused, a good one saved.
      const link = await waitForMailLink(server.url, email, '/reset-password?token=');
      await pageB.goto(`${server.url}${link.pathname}${link.search}`);
      await pageB.getByRole('heading', { name: 'Новый пароль', level: 1 }).waitFor();
      await pageB.getByLabel('Новый пароль').fill('qwertyuiop');
      await pageB.getByLabel('Повторите пароль').fill('qwertyuiop');
      await pageB.getByRole('button', { name: 'Сохранить пароль' }).click();
      await pageB.getByText('Этот пароль слишком распространён').waitFor();
      await pageB.getByLabel('Новый пароль').fill(newPassword);
      await pageB.getByLabel('Повторите пароль').fill(newPassword);
      await screenshot(pageB, '3-new-password');
      await pageB.getByRole('button', { name: 'Сохранить пароль' }).click();

      // Back on /login with the notice.
      await pageB.waitForURL('**/login');
      const notice = pageB.getByTestId('login-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Пароль изменён, войдите с новым паролем');
      await screenshot(pageB, '4-login-notice');

      // The old password no longer works…
      await signIn(pageB, oldPassword);
      await pageB.getByText('Неверный e-mail или пароль.').waitFor();
      expect(new URL(pageB.url()).pathname).toBe('/login');
      // …the new one does.
      await signIn(pageB, newPassword);
      await pageB.waitForURL((url) => url.pathname === '/' && url.searchParams.has('account'));
      await pageB.getByTestId('balance').waitFor();

      // Session A ended with the password change.
      await pageA.reload();
      await pageA.waitForURL('**/login');
      await pageA.getByRole('heading', { level: 1, name: 'Вход в личный кабинет' }).waitFor();

      // The link worked once.
      await pageB.goto(`${server.url}${link.pathname}${link.search}`);
      await pageB.getByLabel('Новый пароль').fill('another long password 7');
      await pageB.getByLabel('Повторите пароль').fill('another long password 7');
      await pageB.getByRole('button', { name: 'Сохранить пароль' }).click();
      await pageB.getByRole('heading', { name: 'Ссылка больше не действует' }).waitFor();

      expect([...problemsA, ...problemsB]).toEqual([]);
    } finally {
      await contextA.close();
      await contextB.close();
    }
  }, 90_000);
});
