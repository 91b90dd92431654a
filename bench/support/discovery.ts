// Which users and accounts the bench can use, read from the database by discover-cli.ts in a child
// process before the server starts (PGlite allows only one process per data directory).
import { runTs } from './server.ts';

export const DISCOVERY_PREFIX = 'BENCH_DISCOVERY ';

export interface Discovery {
  accounts: number;
  /** Generated users, `user<N>@abonent.local`, evenly spread over N (only those of `usersOf`). */
  userEmails: string[];
  /** Account ids evenly spread over the accounts (by organization and number). */
  accountIds: string[];
  /**
   * Only with `recentFailuresMs`: failed logins (rows of auth_failures) per e-mail of `userEmails`
   * within that many milliseconds; e-mails without any are left out.
   */
  recentFailures?: Record<string, number>;
}

/** `count` items evenly spread over a sorted list (all of it when it is shorter). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

export async function discover(options: {
  users: number;
  accountIds: number;
  recentFailuresMs?: number;
  /** Only users with an account at an organization of this kind ('housing' has the meters). */
  usersOf?: 'housing' | 'isp';
}): Promise<Discovery> {
  const result = await runTs('bench/support/discover-cli.ts', [
    '--users',
    String(options.users),
    '--account-ids',
    String(options.accountIds),
    ...(options.recentFailuresMs === undefined
      ? []
      : ['--recent-failures-ms', String(options.recentFailuresMs)]),
    ...(options.usersOf === undefined ? [] : ['--users-of', options.usersOf]),
  ]);
  const line = result.stdout.split('\n').find((text) => text.startsWith(DISCOVERY_PREFIX));
  if (result.code !== 0 || !line) {
    throw new Error(
      `Reading users and accounts from the database failed:\n${result.stderr || result.stdout}`,
    );
  }
  return JSON.parse(line.slice(DISCOVERY_PREFIX.length)) as Discovery;
}
