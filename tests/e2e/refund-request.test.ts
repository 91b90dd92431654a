// Applying for a refund in Debian's Chromium against a real, demo-seeded server with the sandbox bank,
// phone size: the demo subscriber pays by card, and on the payment's page files the written
// application (a too-short reason is refused before it is sent), then sees «Заявление принято» with
// the decision date 30 days ahead and the days left. The later states are then set in the database,
// as an operator's decision would leave them, to see how the page words them: overdue, and rejected
// with the operator's note (the offer to apply again comes back). Screenshots of each, phone size.
//
// A separate journey rather than one more step of card-payment.test.ts: that one measures the
// notification → «credited» latency and ends on the dashboard and a desktop page.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountListItem } from '../../src/shared/api/accounts.ts';
import type { CardPayment } from '../../src/shared/api/card-payments.ts';
import { formatMoney } from '../../src/shared/money.ts';
import { chromiumPath, hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { collectPageProblems, launchOptions } from './browser-helpers.ts';

const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const PHONE = { width: 390, height: 844 };
const DAY = 24 * 60 * 60 * 1000;
const REASON =
  'Оплатил дважды: тот же счёт за ноябрь уже оплачен через банк по QR-коду. Прошу вернуть этот платёж на карту.';

/** The house date, dd.mm.yyyy in the local time zone (the browser runs in the same one). */
function houseDate(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
}

/** The whole page from the top: scrolled, a full-page shot would paint the sticky header midway. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

describe.skipIf(!hasChromium)('applying for a refund of a card payment in the browser', () => {
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

  const getJson = async <T>(page: Page, apiPath: string): Promise<T> => {
    const response = await page.request.get(`${server.url}${apiPath}`);
    expect(response.status(), apiPath).toBe(200);
    return (await response.json()) as T;
  };

  it('files the written application for a credited payment and shows the 30-day deadline, then overdue and rejected', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Электронная почта').fill('demo@abonent.local');
      await page.getByLabel('Пароль', { exact: true }).fill('demo-password');
      await page.getByLabel('Пароль', { exact: true }).press('Enter');
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('account'));
      const { accounts } = await getJson<{ accounts: AccountListItem[] }>(page, '/api/v1/accounts');
      const account = accounts.find((item) => item.role !== 'viewer')!;

      // Pay 1 234,56 ₽ with the card that needs no 3-D Secure.
      await page.goto(`${server.url}/pay?account=${account.id}`);
      await page.getByLabel(/^Сумма/).fill('1234,56');
      await page.getByRole('button', { name: 'Оплатить картой' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/sandbox-bank/pay/'));
      await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
      await page.getByLabel(/Срок действия/).fill('12/30');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: /^Оплатить/ }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/payments/'));
      const paymentId = new URL(page.url()).pathname.split('/')[2]!;
      await page.getByRole('status').filter({ hasText: 'Зачислено на лицевой счёт' }).waitFor();

      // The offer is quiet; the form opens with the reason field focused.
      const offer = page.getByRole('button', { name: 'Вернуть платёж' });
      await offer.waitFor();
      await shoot(page, 'refund-offer-phone.png');
      await offer.click();
      const form = page.getByTestId('refund-form');
      await form.waitFor();
      const reason = page.getByLabel(/^Причина возврата/);
      await expect
        .poll(async () => reason.evaluate((element) => element === document.activeElement))
        .toBe(true);
      expect(plain(await form.textContent())).toContain('в течение 30 дней');
      expect(plain(await form.textContent())).toContain('весь платёж: 1 234,56 ₽');

      // Too short: refused here, nothing sent.
      await reason.fill('  ошибка  ');
      await page.getByRole('button', { name: 'Подать заявление' }).click();
      await page.getByText('Опишите причину подробнее — не меньше 10 символов.').waitFor();
      await shoot(page, 'refund-form-error-phone.png');
      expect(plain(await page.getByTestId('refund-reason-counter').textContent())).toBe('6 из 2000');
      const before = await getJson<CardPayment>(page, `/api/v1/payments/${paymentId}`);
      expect(before.refund ?? null).toBeNull();

      await reason.fill(REASON);
      expect(plain(await page.getByTestId('refund-reason-counter').textContent())).toBe(
        `${REASON.length} из 2000`,
      );
      await shoot(page, 'refund-form-phone.png');

      const filedAround = Date.now();
      await page.getByRole('button', { name: 'Подать заявление' }).click();
      const panel = page.getByTestId('refund-panel');
      await panel.waitFor();
      const payment = await getJson<CardPayment>(page, `/api/v1/payments/${paymentId}`);
      const refund = payment.refund!;
      expect(refund).toMatchObject({ status: 'requested', reason: REASON, overdue: false, daysLeft: 30 });
      expect(Date.parse(refund.dueAt) - Date.parse(refund.requestedAt)).toBe(30 * DAY);
      expect(Math.abs(Date.parse(refund.requestedAt) - filedAround)).toBeLessThan(60_000);
      const dueDate = houseDate(new Date(filedAround + 30 * DAY).toISOString());
      expect(houseDate(refund.dueAt)).toBe(dueDate);

      await expect
        .poll(async () => plain(await page.getByTestId('refund-state').textContent()))
        .toContain(`Заявление принято, решение до ${dueDate} (осталось 30 дн.)`);
      expect(plain(await panel.textContent())).toContain(REASON);
      // The heading took the focus from the form it replaced; the offer is gone while it waits.
      await expect
        .poll(async () => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Возврат платежа');
      expect(await page.getByTestId('refund-form').count()).toBe(0);
      expect(await offer.count()).toBe(0);
      await expect
        .poll(async () => page.getByTestId('payment-timeline').textContent())
        .toContain('Подано заявление на возврат');
      await shoot(page, 'refund-requested-phone.png');

      // The deadline passes without a decision.
      const db = server.database.db;
      const longAgo = new Date(Date.now() - 31 * DAY);
      await db
        .updateTable('refund_requests')
        .set({ requested_at: longAgo, due_at: new Date(longAgo.getTime() + 30 * DAY) })
        .where('id', '=', refund.id)
        .execute();
      await page.reload();
      await page.getByTestId('refund-panel').waitFor();
      expect(await page.getByTestId('refund-panel').getAttribute('data-refund')).toBe('overdue');
      expect(plain(await page.getByTestId('refund-state').textContent())).toContain(
        'Срок рассмотрения истёк — обратитесь в организацию',
      );
      await shoot(page, 'refund-overdue-phone.png');

      // The operator rejects it with a note: the subscriber reads the note and may apply again.
      const note = 'Платёж зачислен верно: за ноябрь по QR-коду оплаты не поступало.';
      await db
        .updateTable('refund_requests')
        .set({ status: 'rejected', decided_at: new Date(), decision_note: note })
        .where('id', '=', refund.id)
        .execute();
      await page.reload();
      await page.getByTestId('refund-panel').waitFor();
      expect(plain(await page.getByTestId('refund-state').textContent())).toContain(
        `В возврате отказано ${houseDate(new Date().toISOString())}`,
      );
      expect(plain(await page.getByTestId('refund-state').textContent())).toContain(
        `Причина отказа: «${note}»`,
      );
      await page.getByRole('button', { name: 'Вернуть платёж' }).waitFor();
      expect(plain(await page.getByTestId('refund-offer').textContent())).toContain('новое заявление');
      await shoot(page, 'refund-rejected-phone.png');

      expect(plain(formatMoney(payment.amount))).toBe('1 234,56 ₽');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
