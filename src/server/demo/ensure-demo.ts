// Demo mode: seed the deterministic demo once; redo it if an earlier seed was interrupted.
import type { Database } from '../db/database.ts';
import {
  clearAllData,
  markSeedStarted,
  readSeedMarker,
  seedDemo,
  seedDemoPlatformAdmin,
  seedWasStarted,
} from './seed.ts';

export const DEMO_SEED = 20261125;

export async function ensureDemoData(
  database: Database,
  accounts: number,
  log: (line: string) => void,
): Promise<void> {
  const marker = await readSeedMarker(database.db);
  if (marker) {
    // Demos seeded before platform admins existed get the demo admin now.
    await seedDemoPlatformAdmin(database.db, new Date(marker.asOf));
    return;
  }
  const hasData = await database.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (hasData) {
    // Only data that an interrupted demo seed left behind may be wiped; anything else is real.
    if (!(await seedWasStarted(database.db))) {
      throw new Error(
        'DEMO is on, but the database already holds data that is not a demo seed. ' +
          'It was left untouched: unset DEMO, or point DATABASE_URL/DATA_DIR at an empty database.',
      );
    }
    log('An earlier demo seed did not finish; starting it again.');
    await clearAllData(database);
  }
  await markSeedStarted(database.db);
  log(`Seeding demo data: ${accounts} accounts, 12 months…`);
  const started = Date.now();
  let lastReported = 0;
  await seedDemo(database, { accounts, seed: DEMO_SEED, asOf: new Date() }, (done, total) => {
    if (done === total || Date.now() - lastReported > 2000) {
      lastReported = Date.now();
      log(`  ${done} / ${total} accounts`);
    }
  });
  log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
