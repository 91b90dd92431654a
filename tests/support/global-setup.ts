// Runs once before the suite: checks PostgreSQL, Chromium and poppler-utils, and says loudly what will not run.
import pg from 'pg';
import {
  allowMissingPostgres,
  chromiumPath,
  databaseUrl,
  hasChromium,
  hasPoppler,
  isCi,
} from './environment.ts';

export default async function globalSetup(): Promise<void> {
  const missing: string[] = [];
  if (!databaseUrl) {
    missing.push('the PostgreSQL pass (set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)');
  } else {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      throw new Error(`DATABASE_URL is set but PostgreSQL does not answer: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  if (!hasChromium) {
    missing.push(
      `the browser journey (no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  }
  if (!hasPoppler) {
    missing.push('the receipt PDF checks (no pdftoppm/pdftotext: apt-get install -y poppler-utils)');
  }
  if (missing.length === 0) return;
  const line = `!!! NOT RUN: ${missing.join('; ')}. \`bash .ci/run\` installs and runs everything.`;
  const onlyPostgresAllowedMissing = allowMissingPostgres && hasChromium && hasPoppler;
  if (isCi && !onlyPostgresAllowedMissing) throw new Error(`CI=true but ${line}`);
  console.warn(`\n${'!'.repeat(100)}\n${line}\n${'!'.repeat(100)}\n`);
}
