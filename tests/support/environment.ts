// What this machine can run: PostgreSQL (DATABASE_URL), Debian's Chromium, and poppler-utils
// (pdftoppm, pdftotext) for reading the receipt PDFs. Read once here so
// test files and the global setup agree. Under CI=true a missing part is a failure, not a skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readOptionalEnvironment } from '../../src/server/config.ts';

const environment = readOptionalEnvironment();

export const databaseUrl = environment.databaseUrl;
export const isCi = environment.ci;
export const allowMissingPostgres = environment.allowMissingPostgres;
export const chromiumPath = environment.chromiumPath;
export const hasChromium = existsSync(chromiumPath);
/**
 * Runs of the card-payment property (PAYMENT_PROPERTY_RUNS, default 500 on PGlite); a test-only knob,
 * so it is read here rather than in the server's configuration.
 */
export const paymentPropertyRuns = positiveInteger(process.env.PAYMENT_PROPERTY_RUNS, 500);
export const hasPoppler = ['pdftoppm', 'pdftotext', 'pdfinfo'].every(
  (tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined,
);

function positiveInteger(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`Expected a whole number ≥ 1, got ${raw}`);
  return value;
}
