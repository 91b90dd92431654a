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
export const hasPoppler = ['pdftoppm', 'pdftotext', 'pdfinfo'].every(
  (tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined,
);
