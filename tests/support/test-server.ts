// A real server on a random port with a small demo seeded, for browser journeys. Builds the web
// app first when dist/web is missing or stale (the same check `npm start` makes).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/database.ts';
import { DEMO_SEED } from '../../src/server/demo/ensure-demo.ts';
import { seedDemo } from '../../src/server/demo/seed.ts';
import { freePort } from './free-port.ts';
import { startTestQueue, testConfig } from './test-app.ts';
import { createTestDatabase } from './test-database.ts';

const root = path.resolve(import.meta.dirname, '../..');

export function ensureWebBuild(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build-web-if-stale.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The web build failed');
}

/**
 * `database` lets a journey read the demo data it needs (e.g. a proof for registration). The port is
 * chosen first so that PUBLIC_URL is this server's own address: the sandbox bank redirects back to
 * it and notifies its webhook, and e-mailed links point at it.
 */
export async function startTestServer(): Promise<{
  url: string;
  database: Database;
  close(): Promise<void>;
}> {
  ensureWebBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = await createTestDatabase('pglite');
  await seedDemo(database, { accounts: 30, seed: DEMO_SEED, asOf: new Date() });
  const config = testConfig({ DEMO: 'true', SANDBOX_BANK: 'true', PUBLIC_URL: url });
  const jobs = await startTestQueue(database, config);
  const app = await buildApp({ config, database, queue: jobs.queue, logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    database,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
