// Logs many different users in through the API (argon2 makes each login cost tens of milliseconds,
// so only a few at a time) and collects, for each, its Bearer token and one of its accounts.
import type { RouteSpec } from './load.ts';
export interface BenchSession {
  email: string;
  token: string;
  accountId: string;
}

const GENERATED_USER_PASSWORD = 'demo-password';

/** Runs `task` over `items` with at most `concurrency` in flight, keeping the input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export async function logInUsers(
  baseUrl: string,
  emails: readonly string[],
  options: { concurrency: number },
): Promise<{ sessions: BenchSession[]; skipped: { email: string; reason: string }[] }> {
  const skipped: { email: string; reason: string }[] = [];
  let done = 0;
  const results = await mapLimited(emails, options.concurrency, async (email) => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: GENERATED_USER_PASSWORD }),
    });
    if (login.status === 429) {
      throw new Error(`Login of ${email} was rate-limited (429): ${await login.text()}`);
    }
    if (login.status !== 200) {
      skipped.push({ email, reason: `login ${login.status}` });
      await login.body?.cancel();
      return null;
    }
    const { token } = (await login.json()) as { token: string };
    const list = await fetch(`${baseUrl}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } });
    if (list.status !== 200)
      throw new Error(`GET /api/v1/accounts as ${email}: ${list.status} ${await list.text()}`);
    const { accounts } = (await list.json()) as { accounts: { id: string }[] };
    done++;
    if (process.stdout.isTTY && done % 50 === 0)
      process.stdout.write(`\r  logged in ${done} / ${emails.length}   `);
    if (accounts.length === 0) {
      skipped.push({ email, reason: 'no accounts' });
      return null;
    }
    return { email, token, accountId: accounts[0]!.id };
  });
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  return { sessions: results.filter((session): session is BenchSession => session !== null), skipped };
}

/** (c) of the dashboard bench: the dashboard summary with a Bearer session, rotating over the users. */
export function summaryRoute(sessions: BenchSession[]): RouteSpec {
  let nextSession = 0;
  return {
    key: '(c)',
    route: 'GET /api/v1/accounts/:id/summary',
    description: `the dashboard summary with a Bearer session, rotating over ${sessions.length} users`,
    next: () => {
      const session = sessions[nextSession++ % sessions.length]!;
      return {
        path: `/api/v1/accounts/${session.accountId}/summary`,
        headers: { authorization: `Bearer ${session.token}` },
      };
    },
  };
}
