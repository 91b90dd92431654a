// Organization settings in Debian's Chromium against a real, demo-seeded server: an administrator on
// a phone sees a mistyped INN refused by its control digit before saving, saves the requisites,
// picks an accent colour and uploads a logo after its preview; an operator sees the same page
// read-only, without save buttons.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { buildUser } from '../support/factories.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(!hasChromium)('organization settings in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let organizationId: string;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch(launchOptions(chromiumPath));
    ({ id: organizationId } = await server.database.db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'housing')
      .executeTakeFirstOrThrow());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new staff member of the demo management company, signed in with the second factor passed. */
  async function signInStaff(page: Page, role: 'operator' | 'admin'): Promise<void> {
    const db = server.database.db;
    const user = await buildUser(db);
    await db
      .insertInto('staff')
      .values({ user_id: user.id, organization_id: organizationId, role })
      .execute();
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, {
      data: { email: user.email, password: user.password },
    });
    expect(login.status()).toBe(200);
    // As after a login with the authenticator code (that login has its own journey).
    await db
      .updateTable('sessions')
      .set({ second_factor_at: new Date() })
      .where('user_id', '=', user.id)
      .execute();
  }

  it('lets an administrator fix a mistyped INN, save, and upload a logo (phone)', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await signInStaff(page, 'admin');
      await page.goto(`${server.url}/operator/settings`);
      await page.getByRole('heading', { level: 1, name: 'Настройки организации' }).waitFor();
      const requisites = page.getByTestId('settings-requisites');
      const inn = requisites.getByTestId('requisite-inn');
      await inn.waitFor();
      const storedInn = await inn.inputValue();

      // One digit off: the control digit fails as soon as the field is left, and nothing is sent.
      const broken = storedInn.slice(0, -1) + String((Number(storedInn.at(-1)) + 1) % 10);
      await inn.fill(broken);
      await inn.blur();
      await requisites.getByText('ИНН: не сходится контрольное число — проверьте цифры').waitFor();
      await requisites.getByRole('button', { name: 'Сохранить' }).click();
      // Saving is held back and the field to fix takes the focus.
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'requisite-inn',
      );
      await page.screenshot({ path: path.join(screenshotDir, 'settings-inn-refused-phone.png') });
      expect(
        (
          await server.database.db
            .selectFrom('organizations')
            .select('inn')
            .where('id', '=', organizationId)
            .executeTakeFirstOrThrow()
        ).inn,
      ).toBe(storedInn);

      // Pasted with spaces, the digits are kept; the right INN saves.
      await inn.fill(`${storedInn.slice(0, 4)} ${storedInn.slice(4)}`);
      expect(await inn.inputValue()).toBe(storedInn);
      await requisites.getByLabel('Адрес').fill('г. Рязань, ул. Ленина, д. 1');
      await requisites.getByRole('button', { name: 'Сохранить' }).click();
      await requisites.getByRole('status').getByText('Сохранено').waitFor();

      // Branding: an accent colour and a logo, previewed before it is uploaded.
      const branding = page.getByTestId('settings-branding');
      await branding.getByLabel('Фирменный цвет').fill('#0b7285');
      // The colour picker stays open under the field (on a phone it covers the button): close it.
      await page.keyboard.press('Escape');
      await branding.getByRole('button', { name: 'Сохранить' }).click();
      await branding.getByRole('status').getByText('Сохранено').waitFor();
      await branding
        .locator('input[type="file"]')
        .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
      await branding.getByRole('img', { name: 'Новый логотип (ещё не загружен)' }).waitFor();
      await branding.getByRole('button', { name: 'Загрузить логотип' }).click();
      const logo = branding.getByRole('img', { name: 'Текущий логотип' });
      await logo.waitFor();
      expect(await logo.getAttribute('src')).toMatch(/^\/api\/v1\/organizations\/[0-9a-f-]+\/logo\?v=/);

      const row = await server.database.db
        .selectFrom('organizations')
        .select(['address', 'accent_color', 'logo_file_id'])
        .where('id', '=', organizationId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ address: 'г. Рязань, ул. Ленина, д. 1', accent_color: '#0b7285' });
      expect(row.logo_file_id).not.toBeNull();
      await page.screenshot({
        path: path.join(screenshotDir, 'settings-admin-phone.png'),
        fullPage: true,
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows an operator the settings read-only (desktop)', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await signInStaff(page, 'operator');
      await page.goto(`${server.url}/operator/settings`);
      await page
        .getByText('Изменять настройки могут администраторы организации. Вам они доступны для просмотра.')
        .waitFor();
      await page.getByTestId('settings-requisites').getByTestId('requisite-inn').waitFor();
      await page.getByTestId('settings-readings').getByLabel('Часовой пояс').waitFor();
      await page.getByTestId('settings-gateway').waitFor();
      expect(await page.getByTestId('settings-requisites').getByTestId('requisite-inn').isDisabled()).toBe(
        true,
      );
      expect(await page.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Открыть правила оплаты' }).waitFor();
      await page.screenshot({
        path: path.join(screenshotDir, 'settings-operator-desktop.png'),
        fullPage: true,
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
