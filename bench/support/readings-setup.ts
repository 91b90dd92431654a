// The readings bench's preparation in the database, run by readings-cli.ts in a child process before
// the server starts (PGlite allows only one process per data directory): the period, and a top-up of
// the period with imported readings so that the export has at least the target size.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTs } from './server.ts';

export const READINGS_SETUP_PREFIX = 'BENCH_READINGS_SETUP ';

export interface ReadingsSetup {
  /** The management company: the housing organization the demo operator works for. */
  organizationId: string;
  /** False when the demo operator is not staff of it (or missing): the export cannot be measured. */
  operatorIsStaff: boolean;
  /** The period readings submitted now count for (YYYY-MM), in the organization's time zone. */
  period: string;
  /** Today in the organization's time zone (YYYY-MM-DD): meters verified until before it are expired. */
  today: string;
  /** Meters of the organization. */
  meters: number;
  /** The bench users' active, verified meters: each gets its reading from the bench's own requests. */
  benchMeters: number;
  /** Accepted, not exported readings of the period on other meters, before the top-up. */
  existing: number;
  /** Readings this run inserted (source 'import'). */
  inserted: number;
  /** Earlier, already exported readings of the period that the inserted ones replaced. */
  replacedExported: number;
  /** existing + inserted + benchMeters: what the export should take once every bench meter has one. */
  expected: number;
}

export async function prepareReadings(options: {
  target: number;
  userEmails: readonly string[];
}): Promise<ReadingsSetup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'abonent-bench-'));
  const usersFile = path.join(dir, 'users.txt');
  writeFileSync(usersFile, options.userEmails.join('\n'));
  try {
    const result = await runTs('bench/support/readings-cli.ts', [
      '--target',
      String(options.target),
      '--users-file',
      usersFile,
    ]);
    const line = result.stdout.split('\n').find((text) => text.startsWith(READINGS_SETUP_PREFIX));
    if (result.code !== 0 || !line) {
      throw new Error(`Preparing the readings in the database failed:\n${result.stderr || result.stdout}`);
    }
    if (result.stderr.trim()) console.log(`  ${result.stderr.trim()}`);
    return JSON.parse(line.slice(READINGS_SETUP_PREFIX.length)) as ReadingsSetup;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
