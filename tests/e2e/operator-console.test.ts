// The operator console in Debian's Chromium against a real, demo-seeded server: the demo operator
// signs in with the authenticator code and lands on the overview, searches an account by its
// holder's surname, opens it (the view is audited) and sees it as the subscriber does; then the same
// pages at desktop width. Screenshots at phone and desktop size.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_TOTP_SECRET } from '../../src/server/demo/catalog.ts';
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

describe.skipIf(!hasChromium)('operator console in the browser', () => {
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
    await page.screenshot({ path: path.join(screenshotDir, `operator-${name}.png`), fullPage: true });
  }

  /** `stepsAhead: 1` lets a second login use the next step's code. */
  async function signInAsOperator(page: Page, stepsAhead: number): Promise<void> {
    await signInWithCode(
      page,
      server.url,
      'operator@abonent.local',
      'operator-password',
      DEMO_OPERATOR_TOTP_SECRET,
      stepsAhead,
    );
    // Staff without accounts of their own start in the console.
    await page.waitForURL((url) => url.pathname === '/operator');
  }

  /** An account of the operator's organization with a holder, an address and a member. */
  async function demoAccount() {
    return server.database.db
      .selectFrom('accounts as a')
      .innerJoin('staff as s', 's.organization_id', 'a.organization_id')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('premises as p', 'p.id', 'a.premises_id')
      .innerJoin('buildings as b', 'b.id', 'p.building_id')
      .select(['a.id', 'a.number', 'a.holder_name', 'b.address', 'p.number as flat'])
      .where('u.email', '=', 'operator@abonent.local')
      .where('a.holder_name', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb.selectFrom('account_members as m').select('m.user_id').whereRef('m.account_id', '=', 'a.id'),
        ),
      )
      .orderBy('a.number')
      .executeTakeFirstOrThrow();
  }

  it('shows the overview, finds an account by surname and opens it as the subscriber sees it (phone)', async () => {
    const account = await demoAccount();
    const surname = account.holder_name!.split(' ')[0]!;
    const context = await browser.newContext({ viewport: phone, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await signInAsOperator(page, 0);
      await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
      // The figures match the API's.
      const overview = await (await page.request.get(`${server.url}/api/v1/operator/overview`)).json();
      const accountsCard = page.getByTestId('stat-accounts');
      await accountsCard.waitFor();
      expect(plain(await accountsCard.getByTestId('stat-value').textContent())).toBe(
        String(overview.accounts.total).replace(/\B(?=(\d{3})+(?!\d))/g, ' '),
      );
      expect(
        plain(await page.getByTestId('stat-payments-today').getByTestId('stat-value').textContent()),
      ).toMatch(/^\d[\d ]*,\d\d ₽$/);
      await page.getByTestId('stat-tickets').getByText('Обращения появятся в следующей версии').waitFor();
      await page.getByTestId('recent-imports').waitFor();
      // The console is in the main menu.
      await page.getByRole('button', { name: 'Открыть меню' }).click();
      await page
        .getByRole('navigation', { name: 'Основная навигация' })
        .getByRole('link', { name: 'Кабинет оператора' })
        .waitFor();
      await page.getByRole('button', { name: 'Закрыть меню' }).click();
      await screenshot(page, 'overview-phone');

      // Search from the overview by the holder's surname, in lower case.
      await page.getByLabel('Поиск лицевого счёта').fill(surname.toLowerCase());
      await page.getByRole('button', { name: 'Найти' }).click();
      await page.waitForURL((url) => url.pathname === '/operator/accounts' && url.searchParams.has('q'));
      await page.getByTestId('search-found').waitFor();
      const results = page.getByTestId('search-results');
      await results.getByText(account.holder_name!).first().waitFor();
      await screenshot(page, 'search-phone');

      const viewsBefore = await countViews(account.id);
      await results.getByRole('link', { name: account.number, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/operator/accounts/${account.id}`);
      await page.getByRole('heading', { level: 1, name: `Лицевой счёт ${account.number}` }).waitFor();
      expect(plain(await page.getByTestId('account-address').textContent())).toBe(
        `${account.address}, кв. ${account.flat}`,
      );
      await page.getByTestId('read-only-notice').waitFor();
      // The page's view is in the audit log (React's development build, which the test server
      // serves, mounts twice and may fetch twice), and so is every other read of the account.
      const viewsByPage = await countViews(account.id);
      expect(viewsByPage).toBeGreaterThan(viewsBefore);
      const view = await (
        await page.request.get(`${server.url}/api/v1/operator/accounts/${account.id}`)
      ).json();
      expect(await countViews(account.id)).toBe(viewsByPage + 1);
      // The balance is the one the subscriber's dashboard shows.
      const balance = page.getByTestId('account-balance');
      await balance.waitFor();
      expect(plain(await balance.textContent())).toContain(
        plain(
          `${new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2 }).format(Math.abs(view.summary.balance) / 100)} ₽`,
        ),
      );
      await page
        .getByTestId('account-members')
        .getByRole('button', { name: /Сбросить пароль/ })
        .first()
        .waitFor();
      await screenshot(page, 'account-phone');

      // Back keeps the search.
      await page.getByRole('link', { name: '← К поиску' }).click();
      await page.waitForURL((url) => url.pathname === '/operator/accounts' && url.searchParams.has('q'));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('lays the overview and the account out at desktop width', async () => {
    const account = await demoAccount();
    const context = await browser.newContext({ viewport: desktop, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await signInAsOperator(page, 1);
      await page.getByTestId('stat-accounts').waitFor();
      await page.getByTestId('recent-imports').waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, 'overview-desktop');
      await page
        .getByRole('navigation', { name: 'Разделы кабинета оператора' })
        .getByRole('link', { name: 'Лицевые счета' })
        .click();
      await page.getByLabel('Поиск лицевого счёта').fill(account.number);
      await page.getByLabel('Поиск лицевого счёта').press('Enter');
      await page
        .getByTestId('search-results')
        .getByRole('link', { name: account.number, exact: true })
        .click();
      await page.getByTestId('account-balance').waitFor();
      await page.getByTestId('pending-invitations').or(page.getByText('Ожидающих приглашений нет')).waitFor();
      await screenshot(page, 'account-desktop');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  async function countViews(accountId: string): Promise<number> {
    const row = await server.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('action', '=', 'operator.account_viewed')
      .where('target_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
});
