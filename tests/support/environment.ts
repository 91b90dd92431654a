// What this machine can run: PostgreSQL (DATABASE_URL) and Debian's Chromium. Read once here so
// test files and the global setup agree. Under CI=true a missing part is a failure, not a skip.
import { existsSync } from 'node:fs';
import { readOptionalEnvironment } from '../../src/server/config.ts';

const environment = readOptionalEnvironment();

export const databaseUrl = environment.databaseUrl;
export const isCi = environment.ci;
export const allowMissingPostgres = environment.allowMissingPostgres;
export const chromiumPath = environment.chromiumPath;
export const hasChromium = existsSync(chromiumPath);
