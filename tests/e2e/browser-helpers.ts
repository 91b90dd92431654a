// What the browser journeys share: Chromium's launch flags, a watch for script errors and CSP
// reports, the staff sign-in with the authenticator code, and reading links from the demo mailbox
// (GET /dev/mailbox.json, newest first).
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { LaunchOptions, Page } from 'playwright-core';

export function launchOptions(executablePath: string): LaunchOptions {
  return {
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

/** Collects any script error or CSP violation the page reports; a journey expects none. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return problems;
}

/**
 * The authenticator app's code (RFC 6238, 30 s, 6 digits). Each code is accepted once, and the
 * server also takes the next step's code (clock drift), so `stepsAhead: 1` signs in again at once.
 */
export function totpFor(secret: string, stepsAhead = 0): string {
  const step = Math.floor(Date.now() / 30_000) + stepsAhead;
  return generateHOTP(decodeBase32IgnorePadding(secret.replace(/\s/g, '')), BigInt(step), 6);
}

/**
 * Signs in on /login with the password, then the authenticator code on the second step, and
 * waits until the page has left /login. Where it lands is the journey's to check.
 */
export async function signInWithCode(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  totpSecret: string,
  stepsAhead = 0,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByLabel('Пароль', { exact: true }).press('Enter');
  await page.getByTestId('second-factor').waitFor();
  await page.getByLabel('Код из приложения').fill(totpFor(totpSecret, stepsAhead));
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Polls the mailbox until a message to `to` carries a link containing `marker`, and returns that
 * link. Mail goes out through a job polled every 0.5 s, so it takes a moment.
 */
export async function waitForMailLink(
  baseUrl: string,
  to: string,
  marker: string,
  timeoutMs = 30_000,
): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  const pattern = /https?:\/\/\S+/g;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/dev/mailbox.json`);
    if (response.ok) {
      const messages = (await response.json()) as MailboxMessage[];
      for (const message of messages) {
        if (message.to.toLowerCase() !== to.toLowerCase()) continue;
        const link = message.text.match(pattern)?.find((url) => url.includes(marker));
        if (link) return new URL(link);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`No message to ${to} with a ${marker} link within ${timeoutMs} ms`);
}
