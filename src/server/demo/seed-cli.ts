// `npm run seed -- --accounts 100000 [--reset] [--seed N]`: loads the demo/bench data set into the
// configured database (PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR), printing progress.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCli } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_SEED } from './ensure-demo.ts';
import { clearAllData, markSeedStarted, readSeedMarker, seedDemo } from './seed.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '1000' },
      seed: { type: 'string', default: String(DEMO_SEED) },
      reset: { type: 'boolean', default: false },
    },
  });
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(accounts) || accounts < 10)
    throw new Error('--accounts must be a whole number ≥ 10');
  if (!Number.isSafeInteger(seed)) throw new Error('--seed must be a whole number');

  const config = loadConfig();
  if (config.database.kind === 'pglite') mkdirSync(config.database.dataDir, { recursive: true });
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const marker = await readSeedMarker(database.db);
    if (marker && !values.reset) {
      console.log(
        `Already seeded with ${marker.accounts} accounts (seed ${marker.seed}). Use --reset to replace.`,
      );
      return;
    }
    const hasData = await database.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    if (hasData) {
      if (!values.reset)
        throw new Error(
          'The database holds data that is not a finished demo seed; use --reset to replace it.',
        );
      console.log('Removing existing data…');
      await clearAllData(database);
    }
    await markSeedStarted(database.db);
    const started = Date.now();
    await seedDemo(database, { accounts, seed, asOf: new Date() }, (done, total) => {
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        `\r  ${done} / ${total} accounts · ${seconds.toFixed(0)} s · ${Math.round(done / seconds)} accounts/s   `,
      );
    });
    console.log(`\nSeeded ${accounts} accounts in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await database.close();
  }
});
