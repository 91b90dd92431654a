// `npm run admin -- grant <email>` | `revoke <email>` | `list`: who runs this instance. The person
// must have a login already (registered, invited, or the demo's). Works on the configured database
// (DATABASE_URL, else PGlite in DATA_DIR) — stop `npm start` first when that is PGlite, which one
// process at a time can open.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCli } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { AppError } from '../../errors.ts';
import { listPlatformAdmins } from './platform-admin.repository.ts';
import { grantPlatformAdmin, revokePlatformAdmin } from './platform-admin.service.ts';

const usage = 'Usage: npm run admin -- grant <email> | revoke <email> | list';

/** An expected refusal (no such user) is one plain line, not a stack trace. */
function explain(error: unknown): null {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
  return null;
}

await runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [command, email] = positionals;
  if (!command || !['grant', 'revoke', 'list'].includes(command) || (command !== 'list' && !email)) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  if (config.database.kind === 'pglite') mkdirSync(config.database.dataDir, { recursive: true });
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    if (command === 'list') {
      const admins = await listPlatformAdmins(database.db);
      if (admins.length === 0) console.log('No platform admins yet.');
      for (const admin of admins) console.log(`${admin.email}  since ${admin.createdAt.toISOString()}`);
    } else if (command === 'grant') {
      const result = await grantPlatformAdmin(database.db, email!).catch(explain);
      if (result === null) return;
      console.log(
        result === 'granted'
          ? `${email} is now a platform admin. They log in with two-factor authentication and open /admin.`
          : `${email} already is a platform admin.`,
      );
    } else {
      const result = await revokePlatformAdmin(database.db, email!).catch(explain);
      if (result === null) return;
      console.log(result === 'revoked' ? `${email} is no longer a platform admin.` : `${email} was not one.`);
    }
  } finally {
    await database.close();
  }
});
