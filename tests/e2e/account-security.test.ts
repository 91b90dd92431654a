// Two-factor sign-in, households and invitations in Debian's Chromium against a real, demo-seeded
// server: the demo operator signs in with a TOTP code; the demo subscriber invites a viewer, who
// accepts by the e-mailed link and sees the account read-only, and cancels a second invitation; a
// subscriber turns on two-factor in the profile, saves the recovery codes and signs in with a code,
// then with a recovery code.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { buildAccount, buildOrganization, buildUser } from '../support/factories.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions, totpFor, waitForMailLink } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

describe.skipIf(!hasChromium)('two-factor sign-in, household and invitations in the browser', () => {
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
    await page.screenshot({ path: path.join(screenshotDir, `security-${name}.png`), fullPage: true });
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль', { exact: true }).fill(password);
    await page.getByLabel('Пароль', { exact: true }).press('Enter');
  }

  it('signs the demo operator in with the password, then the authenticator code', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await page.goto(`${server.url}/login`);
      await signIn(page, 'operator@abonent.local', 'operator-password');

      // The password was right; the second step asks for the code.
      const secondStep = page.getByTestId('second-factor');
      await secondStep.waitFor();
      const codeField = page.getByLabel('Код из приложения');
      expect(await codeField.getAttribute('inputmode')).toBe('numeric');
      expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');

      // A wrong code is refused next to the field.
      await codeField.fill('000000');
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByText('Код не подошёл').waitFor();
      await screenshot(page, 'operator-code-invalid');

      await codeField.fill(totpFor('JBSWY3DPEHPK3PXP'));
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      // Staff without accounts of their own start in the operator console.
      await page.waitForURL((url) => url.pathname === '/operator');
      await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
      // Two-factor is on, so no banner asks for it.
      expect(await page.getByTestId('two-factor-banner').count()).toBe(0);

      // Staff cannot turn it off.
      await page.goto(`${server.url}/profile/security`);
      const section = page.getByTestId('two-factor-section');
      await section.getByText('Включена').waitFor();
      expect(await section.getByRole('button', { name: 'Отключить' }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('leads staff without two-factor to its setup right after login, and the banner stays until it is on', async () => {
    const organization = await buildOrganization(server.database.db);
    const staff = await buildUser(server.database.db, { email: `new.operator.${Date.now()}@example.ru` });
    await server.database.db
      .insertInto('staff')
      .values({ user_id: staff.id, organization_id: organization.id, role: 'operator' })
      .execute();
    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await page.goto(`${server.url}/login`);
      await signIn(page, staff.email, staff.password);
      await page.waitForURL('**/profile/two-factor');
      await page.getByTestId('two-factor-required').waitFor();
      await page.getByTestId('totp-secret').waitFor();

      // Elsewhere in the app a banner keeps asking.
      await page.goto(`${server.url}/`);
      const banner = page.getByTestId('two-factor-banner');
      await banner.waitFor();
      await screenshot(page, 'staff-banner');
      await banner.getByRole('link', { name: 'Включить сейчас' }).click();
      await page.waitForURL('**/profile/two-factor');
      await page.getByTestId('totp-qr').locator('img').waitFor();
      const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      await page.getByLabel('Код из приложения').fill(totpFor(secret));
      await page.getByRole('button', { name: 'Включить защиту' }).click();
      await page.getByTestId('recovery-codes').waitFor();
      await page.getByRole('checkbox', { name: 'Я сохранил(а) резервные коды' }).check();
      await page.getByRole('button', { name: 'Готово' }).click();
      await page.waitForURL('**/profile/security');
      await page.getByTestId('two-factor-section').getByText('Включена').waitFor();
      await page.goto(`${server.url}/`);
      await page.waitForURL((url) => url.pathname === '/operator');
      await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
      expect(await page.getByTestId('two-factor-banner').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('invites a viewer who accepts by the e-mailed link and sees the account read-only; cancels an invitation', async () => {
    const viewerEmail = `viewer.${Date.now()}@example.ru`;
    const viewerPassword = 'жёлтый зонт над рекой 17';
    const owner = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const ownerPage = await owner.newPage();
    const ownerProblems = collectPageProblems(ownerPage);
    const invited = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const viewerPage = await invited.newPage();
    const viewerProblems = collectPageProblems(viewerPage);
    try {
      // The demo subscriber opens "Доступ" from the menu and invites a viewer.
      await ownerPage.goto(`${server.url}/login`);
      await signIn(ownerPage, 'demo@abonent.local', 'demo-password');
      await ownerPage.waitForURL((url) => url.pathname === '/');
      await ownerPage.getByRole('button', { name: 'Открыть меню' }).click();
      await ownerPage.getByRole('link', { name: 'Доступ' }).click();
      await ownerPage.waitForURL((url) => url.pathname === '/household');
      const accountNumber = (await ownerPage.getByRole('combobox', { name: 'Лицевой счёт' }).inputValue())
        .replace(/^№\s*/, '')
        .split(' ')[0]!;
      const form = ownerPage.getByTestId('invite-form');
      await form.getByLabel('E-mail').fill(viewerEmail);
      await form.getByRole('radio', { name: /Наблюдатель/ }).click();
      await form.getByRole('button', { name: 'Отправить приглашение' }).click();
      await ownerPage.getByTestId('invite-sent').waitFor();
      await ownerPage.getByTestId('invitations').getByText(viewerEmail).waitFor();
      await screenshot(ownerPage, 'household-owner');

      // A second invitation, sent by mistake, is cancelled after confirming; the first one stays.
      const mistakeEmail = `mistake.${Date.now()}@example.ru`;
      await form.getByLabel('E-mail').fill(mistakeEmail);
      await form.getByRole('button', { name: 'Отправить приглашение' }).click();
      const invitations = ownerPage.getByTestId('invitations');
      await invitations.getByText(mistakeEmail).waitFor();
      // What a phone shows: the pending invitations at the top of the screen (390×844, not full page).
      await invitations.evaluate((element) => element.scrollIntoView());
      await ownerPage.screenshot({ path: path.join(screenshotDir, 'security-household-invitations.png') });
      await invitations.getByRole('button', { name: `Отменить приглашение для ${mistakeEmail}` }).click();
      const confirm = ownerPage.getByRole('dialog', { name: 'Отменить приглашение?' });
      await confirm.getByText(mistakeEmail).waitFor();
      await ownerPage.screenshot({
        path: path.join(screenshotDir, 'security-invitation-cancel-confirm.png'),
        animations: 'disabled',
      });
      await confirm.getByRole('button', { name: 'Отменить приглашение' }).click();
      await ownerPage.getByTestId('invitation-cancelled').getByText(mistakeEmail).waitFor();
      await confirm.waitFor({ state: 'detached' });
      await expect.poll(() => invitations.getByTestId('invitation').count()).toBe(1);
      expect(await invitations.getByText(mistakeEmail).count()).toBe(1); // only in the notice
      expect(await invitations.getByTestId('invitation').getByText(viewerEmail).count()).toBe(1);
      await ownerPage.screenshot({ path: path.join(screenshotDir, 'security-invitation-cancelled.png') });

      // The invitation, opened in another browser: a new address sets a password and consents.
      const link = await waitForMailLink(server.url, viewerEmail, '/invitation?token=');
      await viewerPage.goto(`${server.url}${link.pathname}${link.search}`);
      const details = viewerPage.getByTestId('invitation-details');
      await details.waitFor();
      expect(await details.textContent()).toMatch(new RegExp(`№\\s${accountNumber}`));
      expect(await details.textContent()).toContain('Наблюдатель');
      await viewerPage.getByLabel('Пароль', { exact: true }).fill(viewerPassword);
      await viewerPage.getByLabel('Повторите пароль').fill(viewerPassword);
      await viewerPage.getByRole('button', { name: 'Принять приглашение' }).click();
      // Consent is required and said so next to the box.
      await viewerPage.getByText('Без согласия мы не можем создать личный кабинет').waitFor();
      await viewerPage.getByRole('checkbox', { name: /согласен/ }).check();
      await screenshot(viewerPage, 'invitation-new-user');
      await viewerPage.getByRole('button', { name: 'Принять приглашение' }).click();

      // Then the login page, with the e-mail filled in.
      await viewerPage.waitForURL('**/login');
      await viewerPage.getByTestId('login-notice').waitFor();
      expect(await viewerPage.getByLabel('Электронная почта').inputValue()).toBe(viewerEmail);
      await viewerPage.getByLabel('Пароль', { exact: true }).fill(viewerPassword);
      await viewerPage.getByLabel('Пароль', { exact: true }).press('Enter');
      await viewerPage.waitForURL((url) => url.pathname === '/');
      const summary = viewerPage.getByTestId('account-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toMatch(new RegExp(`№\\s${accountNumber}`));
      await viewerPage.getByTestId('balance').waitFor();

      // The household page is read-only for a viewer: no invite form, no remove buttons.
      await viewerPage.goto(`${server.url}/household`);
      await viewerPage.getByTestId('read-only-note').waitFor();
      await expect.poll(() => viewerPage.getByTestId('member').count()).toBe(2);
      expect(await viewerPage.getByTestId('invite-form').count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: /^Убрать/ }).count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: 'Покинуть этот счёт' }).count()).toBe(1);
      await screenshot(viewerPage, 'household-viewer');

      // The owner now sees the viewer among the members, and the invitation is no longer pending.
      await ownerPage.reload();
      await ownerPage.getByTestId('members').getByText(viewerEmail).waitFor();
      expect(await ownerPage.getByTestId('invitations').count()).toBe(0);
      expect(ownerProblems).toEqual([]);
      expect(viewerProblems).toEqual([]);
    } finally {
      await owner.close();
      await invited.close();
    }
  }, 60_000);

  it('turns on two-factor in the profile, then signs in with a code and with a recovery code', async () => {
    const organization = await buildOrganization(server.database.db);
    const user = await buildUser(server.database.db, { email: `totp.${Date.now()}@example.ru` });
    await buildAccount(server.database.db, organization.id, { members: [{ userId: user.id }] });
    const context = await browser.newContext({ viewport: desktop, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await page.goto(`${server.url}/login`);
      await signIn(page, user.email, user.password);
      await page.waitForURL((url) => url.pathname === '/');

      // Profile → Security → Turn on.
      await page.getByTestId('profile-link').click();
      await page.waitForURL('**/profile');
      await page.getByRole('tab', { name: 'Безопасность' }).click();
      await page.waitForURL('**/profile/security');
      await page.getByTestId('two-factor-section').getByText('Выключена').waitFor();
      await page.getByRole('link', { name: 'Включить' }).click();
      await page.waitForURL('**/profile/two-factor');

      // The QR code and the key to type; the test is the authenticator app.
      await page.getByTestId('totp-qr').locator('img[src^="data:image/png"]').waitFor();
      const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await screenshot(page, 'two-factor-setup');
      await page.getByLabel('Код из приложения').fill(totpFor(secret));
      await page.getByRole('button', { name: 'Включить защиту' }).click();

      // Ten recovery codes, shown once; "done" waits for the confirmation.
      const codes = page.getByTestId('recovery-codes').locator('li');
      await expect.poll(() => codes.count()).toBe(10);
      const recoveryCodes = await codes.allTextContents();
      expect(recoveryCodes.every((code) => /^[a-z2-7]{4}-[a-z2-7]{4}$/.test(code))).toBe(true);
      await screenshot(page, 'recovery-codes');
      await page.getByRole('button', { name: 'Готово' }).click();
      await page.getByText('Отметьте, что коды сохранены').waitFor();
      await page.getByRole('checkbox', { name: 'Я сохранил(а) резервные коды' }).check();
      await page.getByRole('button', { name: 'Готово' }).click();
      await page.waitForURL('**/profile/security');
      await page.getByTestId('two-factor-section').getByText('Включена').waitFor();

      // Log out; the password alone no longer signs in.
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.waitForURL('**/login');
      await signIn(page, user.email, user.password);
      await page.getByTestId('second-factor').waitFor();
      // The code that turned protection on was used up; the app's next one works.
      await page.getByLabel('Код из приложения').fill(totpFor(secret, 1));
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('account-summary').waitFor();

      // A recovery code works instead of the app, once.
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.waitForURL('**/login');
      await signIn(page, user.email, user.password);
      await page.getByRole('button', { name: /резервный код/ }).click();
      await page.getByLabel('Резервный код').fill(recoveryCodes[0]!.toUpperCase());
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('account-summary').waitFor();

      // The security log names what happened.
      await page.goto(`${server.url}/profile/devices`);
      const activity = page.getByTestId('activity');
      await activity.getByText('Двухфакторная аутентификация включена').waitFor();

      // A subscriber may turn it off again: password and a code (here another recovery code).
      await page.getByRole('tab', { name: 'Безопасность' }).click();
      const section = page.getByTestId('two-factor-section');
      await section.getByRole('button', { name: 'Отключить' }).click();
      await section.getByLabel('Текущий пароль').fill(user.password);
      await section.getByLabel('Код из приложения или резервный код').fill(recoveryCodes[1]!);
      await section.getByRole('button', { name: 'Отключить защиту' }).click();
      await section.getByText('Выключена').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
