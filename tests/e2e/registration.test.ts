// Self-registration in Debian's Chromium against a real, demo-seeded server, phone size: find
// «Уютный дом», give an account nobody has joined and its last payment, follow the e-mailed link
// (the demo mailbox) and type the password chosen at registration, sign in, and see that account
// on the dashboard.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/shared/money.ts';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions, waitForMailLink } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');

describe.skipIf(!hasChromium)('self-registration in the browser', () => {
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

  /** An active «Уютный дом» account without members, and its last credited payment as typed. */
  async function accountToClaim(): Promise<{ number: string; proof: string }> {
    const { db } = server.database;
    const account = await db
      .selectFrom('accounts')
      .innerJoin('organizations', 'organizations.id', 'accounts.organization_id')
      .select(['accounts.id', 'accounts.number'])
      .where('organizations.short_name', '=', 'УК «Уютный дом»')
      .where('accounts.status', '=', 'active')
      .where(sql<boolean>`not exists (select 1 from account_members m where m.account_id = accounts.id)`)
      .where(
        sql<boolean>`exists (select 1 from payments p where p.account_id = accounts.id and p.status = 'credited')`,
      )
      .orderBy('accounts.number')
      .executeTakeFirstOrThrow();
    // The same "last payment" the server checks: the latest credited one by payment time.
    const payment = await db
      .selectFrom('payments')
      .select('amount')
      .where('account_id', '=', account.id)
      .where('status', '=', 'credited')
      .orderBy('paid_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    // As printed on a receipt, `7 000,00`, without the ruble sign.
    return { number: account.number, proof: formatMoney(payment.amount).replace(/\s*₽$/, '') };
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(screenshotDir, `registration-${name}.png`), fullPage: true });
  }

  it('registers by account number and last payment, confirms by e-mail and signs in', async () => {
    const account = await accountToClaim();
    const email = `new.subscriber.${Date.now()}@example.ru`;
    const password = 'зелёный трамвай едет 42';
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);

    try {
      // From the login page to the registration.
      await page.goto(`${server.url}/login`);
      await page.getByRole('link', { name: 'Зарегистрироваться' }).click();
      await page.waitForURL('**/register');

      // 1. The organization.
      await page.getByLabel('Управляющая компания или провайдер').fill('Уютный');
      await page.getByRole('radio', { name: /УК «Уютный дом»/ }).click();
      await screenshot(page, '1-organization');
      await page.getByRole('button', { name: 'Продолжить' }).click();

      // 2. The account and the proof; the label follows the organization's proof type.
      await page.getByRole('heading', { name: 'Подтвердите лицевой счёт' }).waitFor();
      await page.getByLabel('Номер лицевого счёта').fill(account.number);
      await page.getByLabel('Сумма последнего платежа').fill(account.proof);
      await screenshot(page, '2-account');
      await page.getByRole('button', { name: 'Продолжить' }).click();

      // 3. E-mail, password, consent. A short password is stopped in the browser.
      await page.getByRole('heading', { name: 'Придумайте данные для входа' }).waitFor();
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel('Пароль', { exact: true }).fill('short');
      await page.getByLabel('Повторите пароль').fill('short');
      await page.getByRole('checkbox', { name: 'Я согласен(на) на обработку персональных данных' }).check();
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      await page.getByText('Пароль короче 10 символов').waitFor();
      await page.getByLabel('Пароль', { exact: true }).fill(password);
      await page.getByLabel('Повторите пароль').fill(password);
      await screenshot(page, '3-credentials');
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();

      // 4. Check your e-mail, with the demo mailbox hint.
      await page.getByRole('heading', { name: 'Проверьте почту' }).waitFor();
      expect(await page.getByTestId('check-email').textContent()).toContain(email);
      await page.getByTestId('demo-mailbox-hint').waitFor();
      await screenshot(page, '4-check-email');

      // 5. The link from the e-mail (its origin is PUBLIC_URL; the test server has a random port).
      // Following it needs the password chosen at registration; a wrong one leaves the link usable.
      const link = await waitForMailLink(server.url, email, '/confirm?token=');
      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByText('Завершите регистрацию: введите пароль, который вы задали').waitFor();
      await screenshot(page, '5-confirm-form');
      await page.getByLabel('Пароль', { exact: true }).fill('не тот пароль 123');
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByText('Это не тот пароль, который вы задали при регистрации').waitFor();
      await page.getByTestId('confirm-not-you').waitFor();
      await screenshot(page, '5-confirm-wrong-password');
      await page.getByLabel('Пароль', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByRole('heading', { name: 'Регистрация завершена' }).waitFor();
      expect(await page.getByTestId('confirm-success').textContent()).toContain(account.number);
      await screenshot(page, '5-confirmed');

      // 6. Sign in: the e-mail is filled in and the notice says why we are here.
      await page.getByRole('link', { name: 'Войти' }).click();
      await page.waitForURL('**/login');
      await page.getByTestId('login-notice').waitFor();
      expect(await page.getByLabel('Электронная почта').inputValue()).toBe(email);
      await screenshot(page, '6-login');
      await page.getByLabel('Пароль', { exact: true }).fill(password);
      await page.getByLabel('Пароль', { exact: true }).press('Enter');

      // 7. The dashboard shows the claimed account.
      await page.waitForURL((url) => url.pathname === '/');
      const summary = page.getByTestId('account-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toMatch(new RegExp(`№\\s${account.number}`));
      await page.getByTestId('balance').waitFor();
      await page.getByTestId('charges-chart').locator('svg.recharts-surface').first().waitFor();
      await screenshot(page, '7-dashboard');

      // The link works once.
      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByLabel('Пароль', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByRole('heading', { name: 'Ссылка больше не действует' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('explains a proof that does not match and offers to register again', async () => {
    const account = await accountToClaim();
    const email = `wrong.amount.${Date.now()}@example.ru`;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await page.goto(`${server.url}/register`);
      await page.getByLabel('Управляющая компания или провайдер').fill('Уютный');
      await page.getByRole('radio', { name: /УК «Уютный дом»/ }).click();
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByLabel('Номер лицевого счёта').fill(account.number);
      await page.getByLabel('Сумма последнего платежа').fill('0,01');
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel('Пароль', { exact: true }).fill('зелёный трамвай едет 42');
      await page.getByLabel('Повторите пароль').fill('зелёный трамвай едет 42');
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      await page.getByRole('heading', { name: 'Проверьте почту' }).waitFor();

      const link = await waitForMailLink(server.url, email, '/confirm?token=');
      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByLabel('Пароль', { exact: true }).fill('зелёный трамвай едет 42');
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      const mismatch = page.getByTestId('confirm-mismatch');
      await mismatch.waitFor();
      // The organization chosen in this browser is remembered, so its phone can be shown.
      expect(await mismatch.textContent()).toContain('+7 (4912) 55-10-20');
      await screenshot(page, 'proof-mismatch');
      await page.getByRole('link', { name: 'Зарегистрироваться заново' }).click();
      await page.waitForURL('**/register');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
