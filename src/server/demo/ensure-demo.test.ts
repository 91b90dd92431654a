import { afterEach, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../../tests/support/factories.ts';
import { createTestDatabase } from '../../../tests/support/test-database.ts';
import type { Database } from '../db/database.ts';
import { ensureDemoData } from './ensure-demo.ts';
import { markSeedStarted, readSeedMarker } from './seed.ts';

describe('demo mode on an existing database', () => {
  let database: Database | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('leaves data that is not a demo seed untouched and says so', async () => {
    database = await createTestDatabase('pglite');
    const organization = await buildOrganization(database.db, { short_name: 'УК «Настоящая»' });
    await expect(ensureDemoData(database, 20, () => {})).rejects.toThrow(/not a demo seed/);
    const kept = await database.db
      .selectFrom('organizations')
      .select('short_name')
      .where('id', '=', organization.id)
      .execute();
    expect(kept).toEqual([{ short_name: 'УК «Настоящая»' }]);
  });

  it('redoes a demo seed that was interrupted', async () => {
    database = await createTestDatabase('pglite');
    await markSeedStarted(database.db);
    await buildOrganization(database.db, { short_name: 'half-written' });
    const lines: string[] = [];
    await ensureDemoData(database, 20, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('did not finish');
    expect(await readSeedMarker(database.db)).toMatchObject({ accounts: 20 });
    const names = await database.db.selectFrom('organizations').select('short_name').execute();
    expect(names.map((row) => row.short_name)).not.toContain('half-written');
  });
});
