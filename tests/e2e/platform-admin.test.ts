// Platform admin and operator exports in Debian's Chromium against a real, demo-seeded server: the
// demo platform admin signs in with the authenticator code, sees the health and job-queue cards,
// creates an organization (a mistyped INN is caught before anything is sent) and invites its first
// administrator, who accepts the e-mailed link with a new password; the demo operator downloads the
// month's payments and the registered subscribers from /operator/exports. Screenshots phone and desktop.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_TOTP_SECRET, DEMO_PLATFORM_ADMIN_TOTP_SECRET } from '../../src/server/demo/catalog.ts';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions, signInWithCode, waitForMailLink } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

describe.skipIf(!hasChromium)('platform admin and exports in the browser', () => {
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
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  }

  it('creates an organization and invites its first administrator, who accepts the link', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await signInWithCode(
      page,
      server.url,
      'admin@abonent.local',
      'admin-password',
      DEMO_PLATFORM_ADMIN_TOTP_SECRET,
    );
    await page.goto(`${server.url}/admin`);
    await expect.poll(() => page.getByTestId('admin-queue').textContent()).toContain('send-mail');
    await expect.poll(() => page.getByTestId('admin-health').textContent()).toContain('работает');
    await expect.poll(() => page.getByTestId('admin-organizations').textContent()).toContain('ИНН');
    await screenshot(page, 'platform-admin-phone');

    const form = page.getByTestId('create-organization-form');
    await form.getByLabel('Полное наименование').fill('Товарищество собственников жилья «Берёзка»');
    await form.getByLabel('Краткое наименование').fill('ТСЖ «Берёзка»');
    await form.getByLabel('ИНН').fill('7707083894');
    await form.getByLabel('КПП').fill('773601001');
    await form.getByLabel('Банк', { exact: true }).fill('ПАО СБЕРБАНК');
    await form.getByLabel('БИК').fill('044525225');
    await form.getByLabel('Расчётный счёт').fill('40702810138250123017');
    await form.getByLabel('Корреспондентский счёт').fill('30101810400000000225');
    await form.getByRole('button', { name: 'Создать организацию' }).click();
    await expect.poll(() => form.textContent()).toContain('ИНН не проходит проверку контрольной цифры');
    await form.getByLabel('ИНН').fill('7707083893');
    await form.getByRole('button', { name: 'Создать организацию' }).click();
    await page.getByText('Организация «ТСЖ «Берёзка»» создана').waitFor();

    const row = page.getByRole('row', { name: /ТСЖ «Берёзка»/ });
    await row.getByRole('button', { name: 'Пригласить сотрудника' }).click();
    const invite = page.getByTestId('invite-operator-form');
    await invite.getByLabel('Электронная почта').fill('chair@berezka.example');
    await invite.getByRole('button', { name: 'Отправить приглашение' }).click();
    await invite.getByText('Приглашение отправлено на chair@berezka.example.').waitFor();
    await page.setViewportSize(desktop);
    await screenshot(page, 'platform-admin-desktop');

    const link = await waitForMailLink(server.url, 'chair@berezka.example', '/staff-invitation');
    const invited = await (await browser.newContext({ viewport: phone, locale: 'ru-RU' })).newPage();
    await invited.goto(link.toString());
    await invited.getByTestId('staff-invitation-details').waitFor();
    expect(await invited.getByTestId('staff-invitation-details').textContent()).toContain('ТСЖ «Берёзка»');
    await invited.getByLabel('Пароль', { exact: true }).fill('Berezka-Parol-2026');
    await invited.getByLabel('Повторите пароль').fill('Berezka-Parol-2026');
    await invited.getByLabel(/Я согласен/).check();
    await screenshot(invited, 'staff-invitation-phone');
    await invited.getByRole('button', { name: 'Принять приглашение' }).click();
    await invited.waitForURL((url) => url.pathname === '/login');
    const staff = await server.database.db
      .selectFrom('staff as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organizations as o', 'o.id', 's.organization_id')
      .select(['s.role', 'o.short_name'])
      .where('u.email_normalized', '=', 'chair@berezka.example')
      .execute();
    expect(staff).toEqual([{ role: 'admin', short_name: 'ТСЖ «Берёзка»' }]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("downloads the month's payments and the registered subscribers from /operator/exports", async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'ru-RU', acceptDownloads: true });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await signInWithCode(
      page,
      server.url,
      'operator@abonent.local',
      'operator-password',
      DEMO_OPERATOR_TOTP_SECRET,
    );
    await page.goto(`${server.url}/operator/exports`);
    await page.getByTestId('export-payments').waitFor();
    await expect
      .poll(() => page.getByTestId('export-readings').textContent())
      .toMatch(/Выгрузок показаний ещё не было|Скачать/);
    await screenshot(page, 'operator-exports-desktop');

    const [payments] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByTestId('export-payments')
        .getByRole('link', { name: /Скачать CSV/ })
        .click(),
    ]);
    expect(payments.suggestedFilename()).toMatch(/^payments-\d{10}-\d{4}-\d{2}\.csv$/);
    const paymentsText = readFileSync((await payments.path())!, 'utf8');
    expect(paymentsText.startsWith('\ufeffЛицевой счёт;Сумма;Дата оплаты;')).toBe(true);

    await page.getByText('Windows-1251 (1С)').click();
    const [subscribers] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-subscribers').getByRole('link', { name: 'Скачать CSV' }).click(),
    ]);
    const bytes = readFileSync((await subscribers.path())!);
    const text = new TextDecoder('windows-1251').decode(bytes);
    expect(text.split('\r\n')[0]).toBe('Лицевой счёт;ЕЛС;ИЖКУ;Адрес;Роль;Зарегистрирован;E-mail подтверждён');
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    expect(text).not.toContain('@');
    await page.setViewportSize(phone);
    await screenshot(page, 'operator-exports-phone');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
