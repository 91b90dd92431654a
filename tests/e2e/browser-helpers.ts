// What the browser journeys share: Chromium's launch flags, a watch for script errors and CSP
// reports, and reading links from the demo mailbox (GET /dev/mailbox.json, newest first).
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
