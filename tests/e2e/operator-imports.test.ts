// Imports from the billing system in Debian's Chromium against a real, demo-seeded server: the demo
// operator uploads a statements file for the month after the latest one with one row that does not
// add up, reads «Ничего не применено» and the bad row, downloads the report, uploads the corrected
// file and watches the progress bar fill to 100 %; the same file again changes nothing; made an
// administrator, creates an API key (shown once, works) and revokes it; then the demo subscriber's
// dashboard shows the new month. Screenshots at phone and desktop width.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_TOTP_SECRET } from '../../src/server/demo/catalog.ts';
import { addMonths, formatMonthYear, formatPeriod } from '../../src/shared/period.ts';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions, signInWithCode } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/** The page writes `1 234,56 ₽` with no-break spaces; compare texts with plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

/** Kopecks as the billing system writes rubles in a CSV: `-1234.5` rubles → `-1234,50`. */
function rubles(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

/** `1 234,56 ₽` as the page shows an amount (with plain spaces). */
function shownMoney(kopecks: number): string {
  const grouped = String(Math.floor(Math.abs(kopecks) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${kopecks < 0 ? '−' : ''}${grouped},${String(Math.abs(kopecks) % 100).padStart(2, '0')} ₽`;
}

describe.skipIf(!hasChromium)('imports from billing in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch(launchOptions(chromiumPath));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The whole page at phone width and at desktop width, then back to the phone. */
  async function screenshots(page: Page, name: string): Promise<void> {
    for (const [size, viewport] of [
      ['phone', phone],
      ['desktop', desktop],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.mouse.move(0, 0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: path.join(screenshotDir, `imports-${name}-${size}.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize(phone);
  }

  /** The demo subscriber's account in the demo operator's organization, another one, the latest month. */
  async function importScene() {
    const { db } = server.database;
    const operatorOrganization = await db
      .selectFrom('staff as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('s.organization_id')
      .where('u.email', '=', 'operator@abonent.local')
      .executeTakeFirstOrThrow();
    const organizationId = operatorOrganization.organization_id;
    const subscriberAccount = await db
      .selectFrom('accounts as a')
      .innerJoin('account_members as m', 'm.account_id', 'a.id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['a.id', 'a.number'])
      .where('u.email', '=', 'demo@abonent.local')
      .where('a.organization_id', '=', organizationId)
      .orderBy('a.number')
      .executeTakeFirstOrThrow();
    const otherAccount = await db
      .selectFrom('accounts')
      .select(['id', 'number'])
      .where('organization_id', '=', organizationId)
      .where('id', '<>', subscriberAccount.id)
      .orderBy('number')
      .executeTakeFirstOrThrow();
    // The organization's latest month, so the new one replaces nothing anyone has.
    const latest = await sql<{ period: string }>`select to_char(max(s.period), 'YYYY-MM') as period
      from statements s join accounts a on a.id = s.account_id where a.organization_id = ${organizationId}`.execute(
      db,
    );
    const latestPeriod = latest.rows[0]?.period;
    if (!latestPeriod) throw new Error('The demo has no statements');
    const opening = await db
      .selectFrom('statements')
      .select('closing')
      .where('account_id', '=', subscriberAccount.id)
      .where('period', '=', `${latestPeriod}-01`)
      .executeTakeFirst();
    return {
      subscriberAccount,
      otherAccount,
      period: addMonths(latestPeriod, 1),
      opening: Number(opening?.closing ?? 0),
    };
  }

  it('rejects a file with a bad row with its report, applies the corrected file, and the subscriber sees the new month', async () => {
    const scene = await importScene();
    const [year, month] = addMonths(scene.period, 1).split('-');
    const dueDate = `10.${month}.${year}`;
    const charged = 234_567;
    const paid = 50_000;
    const closing = scene.opening + charged - paid;
    const header = 'account;period;opening;charged;paid;closing;due_date';
    const goodRow = [
      scene.subscriberAccount.number,
      formatPeriod(scene.period),
      rubles(scene.opening),
      rubles(charged),
      rubles(paid),
      rubles(closing),
      dueDate,
    ].join(';');
    const otherRow = (closingText: string) =>
      [scene.otherAccount.number, formatPeriod(scene.period), '0', '1000,00', '0', closingText, dueDate].join(
        ';',
      );
    // Row 3 (the header is row 1): 0 + 1 000,00 − 0 is not 999,00.
    const badFile = `${header}\n${goodRow}\n${otherRow('999,00')}\n`;
    const goodFile = `${header}\n${goodRow}\n${otherRow('1000,00')}\n`;

    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU', acceptDownloads: true });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await signInWithCode(
        page,
        server.url,
        'operator@abonent.local',
        'operator-password',
        DEMO_OPERATOR_TOTP_SECRET,
      );
      await page.waitForURL((url) => url.pathname === '/operator');

      // To the imports through the console's sections.
      await page
        .getByRole('navigation', { name: 'Разделы кабинета оператора' })
        .getByRole('link', { name: 'Загрузки' })
        .click();
      await page.waitForURL((url) => url.pathname === '/operator/imports');
      await page.getByRole('heading', { level: 1, name: 'Загрузки из биллинга' }).waitFor();
      await page.getByTestId('import-history').getByText('Загрузок ещё не было').waitFor();
      // An operator (not an administrator) sees the keys but cannot create one.
      await page.getByTestId('api-keys-admins-only').waitFor();
      expect(await page.getByTestId('api-key-form').count()).toBe(0);

      // The kind and its columns; then the file with the bad row.
      await page.getByRole('radio', { name: /Сальдо/ }).click();
      expect(await page.getByRole('radio', { name: /Сальдо/ }).getAttribute('aria-checked')).toBe('true');
      expect(await page.getByTestId('import-columns').locator('code').allTextContents()).toEqual([
        ...['account', 'period', 'opening', 'charged', 'closing', 'due_date'],
        ...['recalculation', 'benefit', 'penalties', 'paid'],
      ]);
      await page.getByTestId('import-file').setInputFiles({
        name: 'statements-bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(badFile),
      });
      expect(await page.getByTestId('import-file-name').textContent()).toBe('statements-bad.csv');
      await page.getByRole('button', { name: 'Загрузить и проверить' }).click();

      const details = page.getByTestId('import-details');
      const rejected = details.getByTestId('import-rejected');
      await rejected.waitFor({ timeout: 30_000 });
      expect(plain(await rejected.textContent())).toContain('Ничего не применено');
      expect(plain(await details.getByTestId('import-error-count').textContent())).toBe('В файле 1 ошибка.');
      const badRow = details.getByTestId('import-issues').locator('tbody tr');
      expect(await badRow.count()).toBe(1);
      const cells = (await badRow.locator('td').allTextContents()).map(plain);
      expect(cells.slice(0, 3)).toEqual(['3', 'closing', '999,00']);
      expect(cells[3]).toBe('Исходящее сальдо не сходится: должно быть 1 000,00 ₽');
      // At phone width the same row is a card instead of the table.
      const card = details.getByTestId('import-issue-cards').locator('li');
      expect(await card.count()).toBe(1);
      expect(await card.isVisible()).toBe(true);
      expect(plain(await card.textContent())).toBe(
        'Строка 3closing999,00Исходящее сальдо не сходится: должно быть 1 000,00 ₽',
      );
      expect(new URL(page.url()).searchParams.get('import')).toMatch(/^[0-9a-f-]{36}$/);
      await screenshots(page, 'rejected');

      // The full report, in Russian, names the row, the column, the value and the reason.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        details.getByTestId('import-report').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^import-statements-[0-9a-f]{8}-report\.csv$/);
      const report = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const reportLines = report.trim().split(/\r\n/);
      expect(reportLines[0]).toBe('Строка;Колонка;Значение;Причина;Код');
      expect(plain(reportLines[1] ?? '')).toBe(
        '3;closing;999,00;Исходящее сальдо не сходится: должно быть 1 000,00 ₽;closing_mismatch',
      );

      // The corrected file: the bar fills to 100 % and the result is put into words.
      await page.getByTestId('import-file').setInputFiles({
        name: 'statements.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(goodFile),
      });
      await page.getByRole('button', { name: 'Загрузить и проверить' }).click();
      const progress = details.getByRole('progressbar', { name: 'Ход загрузки' });
      await progress.waitFor();
      await expect
        .poll(async () => (await details.getByTestId('import-progress').getAttribute('data-status')) ?? '', {
          timeout: 30_000,
        })
        .toBe('applied');
      expect(await progress.getAttribute('aria-valuenow')).toBe('100');
      const applied = details.getByTestId('import-applied');
      await applied.waitFor();
      expect(plain(await applied.textContent())).toContain('Загрузка применена');
      expect(plain(await details.getByTestId('import-result').textContent())).toBe(
        `Период ${formatPeriod(scene.period)}: заменено 0 строк, загружено 2.`,
      );
      expect(plain(await details.getByTestId('import-rowsApplied').textContent())).toContain('2');

      // The list: the applied file above the rejected one.
      const history = page.getByTestId('import-history-item');
      await expect.poll(() => history.count()).toBe(2);
      expect(await history.nth(0).getAttribute('data-status')).toBe('applied');
      expect(await history.nth(1).getAttribute('data-status')).toBe('rejected');
      expect(plain(await history.nth(0).textContent())).toMatch(
        /Сальдо\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} · statements\.csvзагруженострок: 2/,
      );
      await screenshots(page, 'applied');

      // The same bytes again: that earlier batch, and nothing done again.
      await page.getByTestId('import-file').setInputFiles({
        name: 'statements-again.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(goodFile),
      });
      await page.getByRole('button', { name: 'Загрузить и проверить' }).click();
      const duplicate = details.getByTestId('import-duplicate');
      await duplicate.waitFor();
      expect(plain(await duplicate.textContent())).toMatch(
        /^Этот файл уже загружали \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} — ничего не изменилось\./,
      );
      expect(await history.count()).toBe(2);

      // Opening the rejected batch from the list shows its bad row again.
      await history.nth(1).getByRole('link').click();
      await details.getByTestId('import-rejected').waitFor();
      expect(await details.getByTestId('import-duplicate').count()).toBe(0);

      // Made an administrator, the same person manages the API keys: created, shown once, revoked.
      await server.database.db
        .updateTable('staff')
        .set({ role: 'admin' })
        .where('user_id', '=', (eb) =>
          eb.selectFrom('users').select('id').where('email', '=', 'operator@abonent.local'),
        )
        .execute();
      await page.reload();
      const keys = page.getByTestId('api-keys');
      await keys.getByTestId('api-key-form').waitFor();
      await keys.getByRole('button', { name: 'Создать ключ' }).click();
      await keys.getByText('Введите название').waitFor();
      await keys.getByLabel('Название ключа').fill('1С: Квартплата');
      await keys.getByRole('button', { name: 'Создать ключ' }).click();
      const secret = plain(await keys.getByTestId('api-key-secret-value').textContent()).trim();
      expect(secret).toMatch(/^abk_/);
      expect(plain(await keys.getByTestId('api-key-curl').textContent())).toContain(`X-API-Key: ${secret}`);
      const byKey = await fetch(`${server.url}/api/v1/operator/imports?limit=1`, {
        headers: { 'X-API-Key': secret },
      });
      expect(byKey.status).toBe(200);
      await screenshots(page, 'api-key-created');
      await keys.getByRole('button', { name: 'Я сохранил ключ' }).click();
      expect(await keys.getByTestId('api-key-secret').count()).toBe(0);
      const keyItem = keys.getByTestId('api-key-item');
      await keyItem.getByText('1С: Квартплата').waitFor();
      await keyItem.getByRole('button', { name: 'Отозвать ключ «1С: Квартплата»' }).click();
      const dialog = page.getByRole('dialog', { name: 'Отозвать ключ?' });
      await dialog.getByRole('button', { name: 'Отозвать ключ' }).click();
      await keyItem.getByText('отозван', { exact: true }).waitFor();
      await dialog.waitFor({ state: 'detached' });
      const revoked = await fetch(`${server.url}/api/v1/operator/imports?limit=1`, {
        headers: { 'X-API-Key': secret },
      });
      expect(revoked.status).toBe(401);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }

    // The subscriber, in a fresh browser context, sees the new month on the dashboard.
    const subscriberContext = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const subscriberPage = await subscriberContext.newPage();
    try {
      await subscriberPage.goto(`${server.url}/login`);
      await subscriberPage.getByLabel('Электронная почта').fill('demo@abonent.local');
      await subscriberPage.getByLabel('Пароль', { exact: true }).fill('demo-password');
      await subscriberPage.getByLabel('Пароль', { exact: true }).press('Enter');
      await subscriberPage.waitForURL((url) => url.pathname === '/');
      await subscriberPage.goto(`${server.url}/?account=${scene.subscriberAccount.id}`);
      const balance = subscriberPage.getByTestId('balance').locator('..');
      await balance.getByText(`Расчёт за ${formatMonthYear(scene.period, 'ru')}`).waitFor();
      expect(plain(await balance.textContent())).toContain(shownMoney(charged));
      await subscriberPage.screenshot({
        path: path.join(screenshotDir, 'imports-subscriber-dashboard-phone.png'),
        fullPage: true,
      });
    } finally {
      await subscriberContext.close();
    }
  }, 180_000);
});
