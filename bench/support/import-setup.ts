// The import bench's data, prepared by import-setup-cli.ts in a child process before the server
// starts (PGlite allows only one process per data directory).
import { runTs } from './server.ts';

export const IMPORT_SETUP_PREFIX = 'BENCH_IMPORT_SETUP ';

export interface ImportSetup {
  organizationId: string;
  apiKey: string;
  file: string;
  lines: number;
  accounts: number;
  services: number;
  period: string;
}

export async function prepareImport(file: string, lines: number): Promise<ImportSetup> {
  const result = await runTs('bench/support/import-setup-cli.ts', ['--file', file, '--lines', String(lines)]);
  const line = result.stdout.split('\n').find((text) => text.startsWith(IMPORT_SETUP_PREFIX));
  if (result.code !== 0 || !line)
    throw new Error(`Preparing the import failed:\n${result.stderr || result.stdout}`);
  return JSON.parse(line.slice(IMPORT_SETUP_PREFIX.length)) as ImportSetup;
}

/** Removes the month the bench imported, so the next run imports a new month again. */
export async function removeImportedMonth(setup: ImportSetup): Promise<void> {
  const result = await runTs('bench/support/import-setup-cli.ts', [
    '--cleanup',
    setup.period,
    '--organization',
    setup.organizationId,
  ]);
  if (result.code !== 0)
    throw new Error(`Removing the imported month failed:\n${result.stderr || result.stdout}`);
}
