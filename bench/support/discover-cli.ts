// Run as a child process before the server starts (PGlite allows one process per data directory):
// reads from the bench database which generated users exist (optionally only those with an account
// at a housing or ISP organization) and a spread of account ids, and
// prints them as one JSON line after DISCOVERY_PREFIX.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { runCli } from '../../src/server/cli.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { DISCOVERY_PREFIX, type Discovery, spread } from './discovery.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      'account-ids': { type: 'string' },
      'recent-failures-ms': { type: 'string' },
      'users-of': { type: 'string' },
    },
  });
  const config = loadConfig();
  // Ask PostgreSQL through a tiny pool; the server gets its own pool later.
  const database = await openDatabase(
    config.database.kind === 'postgres' ? { ...config.database, poolSize: 2 } : config.database,
  );
  try {
    const db = database.db;
    const { accounts } = await db
      .selectFrom('accounts')
      .select(sql<number>`count(*)::int`.as('accounts'))
      .executeTakeFirstOrThrow();
    let usersQuery = db
      .selectFrom('users')
      .select('email')
      .where(sql<boolean>`email ~ '^user[0-9]+@abonent\\.local$'`);
    const usersOf = values['users-of'];
    if (usersOf === 'housing' || usersOf === 'isp') {
      usersQuery = usersQuery.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('account_members as am')
            .innerJoin('accounts as a', 'a.id', 'am.account_id')
            .innerJoin('organizations as o', 'o.id', 'a.organization_id')
            .whereRef('am.user_id', '=', 'users.id')
            .where('o.kind', '=', usersOf)
            .select(sql`1`.as('one')),
        ),
      );
    } else if (usersOf !== undefined) {
      throw new Error(`--users-of takes housing or isp (got ${usersOf})`);
    }
    const users = await usersQuery.execute();
    const byIndex = users
      .map(({ email }) => ({ email, n: Number(/^user(\d+)@/.exec(email)![1]) }))
      .sort((a, b) => a.n - b.n);
    const accountIds = await sql<{ id: string }>`
      select id from (
        select id, row_number() over (order by organization_id, number) - 1 as position,
          count(*) over () as total
        from accounts
      ) numbered
      where position % greatest(1, total / ${Number(values['account-ids'] ?? 500)}) = 0
      order by position
    `.execute(db);
    const discovery: Discovery = {
      accounts,
      userEmails: spread(byIndex, Number(values.users ?? 400)).map(({ email }) => email),
      accountIds: accountIds.rows.map((row) => row.id),
    };
    if (values['recent-failures-ms'] !== undefined && discovery.userEmails.length > 0) {
      // The login limit counts these per normalized e-mail; generated addresses are lower case.
      const since = new Date(Date.now() - Number(values['recent-failures-ms']));
      const failures = await db
        .selectFrom('auth_failures')
        .select(['email_normalized', sql<number>`count(*)::int`.as('failures')])
        .where('created_at', '>', since)
        .where('email_normalized', 'in', discovery.userEmails)
        .groupBy('email_normalized')
        .execute();
      discovery.recentFailures = Object.fromEntries(
        failures.map((row) => [row.email_normalized, row.failures]),
      );
    }
    console.log(DISCOVERY_PREFIX + JSON.stringify(discovery));
  } finally {
    await database.close();
  }
});
