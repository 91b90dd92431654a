// Run as a child process before the import bench's server starts (PGlite allows one process per
// data directory): picks the housing organization with the most accounts, gives it a fresh API key
// (only its hash is stored, as the API does), and writes a month of charges for every one of its
// accounts — about a million lines, amounts varied per run so the file is never the same bytes —
// as a `;` CSV with decimal commas, the way a billing export looks. Prints one JSON line.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { runCli } from '../../src/server/cli.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { IMPORT_SETUP_PREFIX, type ImportSetup } from './import-setup.ts';

function rubles(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      lines: { type: 'string' },
      cleanup: { type: 'string' },
      organization: { type: 'string' },
    },
  });
  const config = loadConfig();
  const database = await openDatabase(
    config.database.kind === 'postgres' ? { ...config.database, poolSize: 2 } : config.database,
  );
  try {
    const db = database.db;
    if (values.cleanup) {
      // After the run: the month the bench added goes, so every run imports a new month.
      await sql`delete from charges
        where period = ${`${values.cleanup}-01`}::date
          and account_id = any(array(select id from accounts where organization_id = ${values.organization}))`.execute(
        db,
      );
      // A million dead rows would otherwise be vacuumed during the next run, skewing it.
      if (database.kind === 'postgres') await sql`vacuum (analyze) charges`.execute(db);
      return;
    }
    const organization = await db
      .selectFrom('organizations as o')
      .innerJoin('accounts as a', 'a.organization_id', 'o.id')
      .select(['o.id', sql<number>`count(*)::int`.as('accounts')])
      .where('o.kind', '=', 'housing')
      .groupBy('o.id')
      .orderBy('accounts', 'desc')
      .executeTakeFirstOrThrow();
    const apiKey = `abk_${randomBytes(32).toString('base64url')}`;
    await db
      .insertInto('api_keys')
      .values({
        organization_id: organization.id,
        name: 'bench',
        prefix: apiKey.slice(0, 12),
        key_hash: createHash('sha256').update(apiKey).digest('hex'),
        scopes: ['imports'],
      })
      .execute();
    // The month after the organization's latest charges: what the billing sends at month end.
    const latest = await db
      .selectFrom('charges as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .select(sql<string>`to_char(max(c.period) + interval '1 month', 'YYYY-MM')`.as('next'))
      .where('a.organization_id', '=', organization.id)
      .executeTakeFirstOrThrow();
    const period = latest.next ?? '2026-12';
    // About `lines` lines in all: the demo catalog has 9 housing services, so a 100,000-account seed
    // (80 % housing) would give 720,000; more services of the same shape make up the difference.
    const wanted = Number(values.lines ?? 1_000_000);
    const existing = await db
      .selectFrom('services')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('organization_id', '=', organization.id)
      .executeTakeFirstOrThrow();
    const perAccount = Math.max(1, Math.round(wanted / organization.accounts));
    for (let extra = existing.n + 1; extra <= perAccount; extra++) {
      await db
        .insertInto('services')
        .values({
          organization_id: organization.id,
          code: `bench_extra_${extra}`,
          name: `Дополнительная услуга ${extra}`,
          unit: 'мес.',
          kind: 'fixed',
          sort_order: 100 + extra,
        })
        .onConflict((conflict) => conflict.columns(['organization_id', 'code']).doNothing())
        .execute();
    }
    const services = await db
      .selectFrom('services')
      .select(['code', 'kind'])
      .where('organization_id', '=', organization.id)
      .orderBy('sort_order')
      .limit(perAccount)
      .execute();
    const accounts = await db
      .selectFrom('accounts')
      .select('number')
      .where('organization_id', '=', organization.id)
      .orderBy('number')
      .execute();
    const [month, year] = [period.slice(5, 7), period.slice(0, 4)];
    const out = createWriteStream(values.file!);
    const write = (text: string) =>
      out.write(text)
        ? Promise.resolve()
        : new Promise<void>((resolve) => out.once('drain', () => resolve()));
    await write('Лицевой счёт;Период;Услуга;Объём;Тариф;Начислено;Перерасчёт;Льгота;Итого\r\n');
    const salt = randomBytes(4).readUInt32LE(0);
    let lines = 0;
    let chunk = '';
    for (const [index, { number }] of accounts.entries()) {
      for (const [serviceIndex, service] of services.entries()) {
        const amount = 5_000 + ((index * 7919 + serviceIndex * 104_729 + salt) % 400_000);
        const recalculation = (index + serviceIndex) % 17 === 0 ? -1_250 : 0;
        const benefit = (index + serviceIndex) % 23 === 0 ? 1_000 : 0;
        const hundredths = 100 + (amount % 900);
        const volume =
          service.kind === 'fixed'
            ? ''
            : `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
        chunk += `${number};${month}.${year};${service.code};${volume};61,23;${rubles(amount)};${rubles(recalculation)};${rubles(benefit)};${rubles(amount + recalculation - benefit)}\r\n`;
        lines++;
      }
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const setup: ImportSetup = {
      organizationId: organization.id,
      apiKey,
      file: values.file!,
      lines,
      accounts: accounts.length,
      services: services.length,
      period,
    };
    console.log(`${IMPORT_SETUP_PREFIX}${JSON.stringify(setup)}`);
  } finally {
    await database.close();
  }
});
