// Run as a child process before the server starts (PGlite allows one process per data directory):
// prepares the readings bench. Finds the management company (the organization the demo operator
// works for), the period it accepts readings for now, and how many of the bench users' meters can
// take a reading. Then tops the period up, directly in SQL, with accepted readings from an import
// (source 'import', not exported) on other meters of that organization, until the period holds at
// least --target of them once the bench users' meters have each had their submission. Prints one
// JSON line after READINGS_SETUP_PREFIX.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { runCli } from '../../src/server/cli.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { DEMO_OPERATOR } from '../../src/server/demo/catalog.ts';
import { readingWindow } from '../../src/server/modules/readings/reading-rules.ts';
import { readOrganizationSettings } from '../../src/server/modules/readings/readings.repository.ts';
import { toRuleSettings } from '../../src/server/modules/readings/readings.service.ts';
import { READINGS_SETUP_PREFIX, type ReadingsSetup } from './readings-setup.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      /** A file with the bench users' e-mails, one a line: their meters are left to the load. */
      'users-file': { type: 'string' },
    },
  });
  const target = Number(values.target ?? 100_000);
  const emails = values['users-file']
    ? readFileSync(values['users-file'], 'utf8').split('\n').filter(Boolean)
    : [];
  const config = loadConfig();
  const database = await openDatabase(
    config.database.kind === 'postgres' ? { ...config.database, poolSize: 2 } : config.database,
  );
  try {
    const db = database.db;
    const operator = await db
      .selectFrom('staff as st')
      .innerJoin('users as u', 'u.id', 'st.user_id')
      .innerJoin('organizations as o', 'o.id', 'st.organization_id')
      .select(['o.id', 'o.kind'])
      .where('u.email_normalized', '=', DEMO_OPERATOR.email)
      .execute();
    const housing = await db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'housing')
      .orderBy('id')
      .execute();
    const organizationId = operator.find((row) => row.kind === 'housing')?.id ?? housing[0]?.id;
    if (!organizationId) throw new Error('The database holds no organization of kind housing.');
    const settings = await readOrganizationSettings(db, organizationId);
    const now = new Date();
    const { period } = readingWindow(now, toRuleSettings(settings));
    const periodDate = `${period}-01`;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timezone }).format(now);

    const ofBenchUsers =
      emails.length === 0
        ? sql<boolean>`false`
        : sql<boolean>`exists (select 1 from account_members am join users u on u.id = am.user_id
            where am.account_id = a.id and u.email in (${sql.join(emails)}))`;
    const counts = await sql<{ meters: number; bench_meters: number; existing: number }>`
      select count(*)::int as meters,
        (count(*) filter (where ${ofBenchUsers} and m.status = 'active'
          and (m.verified_until is null or m.verified_until >= ${today}::date)))::int as bench_meters,
        (count(*) filter (where not ${ofBenchUsers} and exists (select 1 from reading_submissions s
          where s.meter_id = m.id and s.period = ${periodDate}::date and s.status = 'accepted'
            and s.export_id is null)))::int as existing
      from meters m join accounts a on a.id = m.account_id
      where a.organization_id = ${organizationId}::uuid
    `.execute(db);
    const { meters, bench_meters: benchMeters, existing } = counts.rows[0]!;
    // An earlier run's export made the bench users' readings of this period final (submitting
    // would answer 409 READING_LOCKED). They were bench data: set them aside so the load submits.
    await sql`
      update reading_submissions s set status = 'replaced'
      from meters m join accounts a on a.id = m.account_id
      where s.meter_id = m.id and a.organization_id = ${organizationId}::uuid and ${ofBenchUsers}
        and s.period = ${periodDate}::date and s.status = 'accepted' and s.export_id is not null
    `.execute(db);
    const wanted = Math.max(0, target - existing - benchMeters);

    let inserted = 0;
    let replacedExported = 0;
    if (wanted > 0) {
      const started = Date.now();
      await db.transaction().execute(async (trx) => {
        await sql`create temp table bench_fill (meter_id uuid primary key, registers int not null,
          submission_id uuid not null default gen_random_uuid()) on commit drop`.execute(trx);
        // Meters where an import can count: not the bench users', and nothing that counts and is not
        // exported yet. An exported reading of the period is replaced, as a new submission would.
        await sql`
          insert into bench_fill (meter_id, registers)
          select m.id, m.registers from meters m join accounts a on a.id = m.account_id
          where a.organization_id = ${organizationId}::uuid and not ${ofBenchUsers}
            and not exists (select 1 from reading_submissions s where s.meter_id = m.id
              and s.period = ${periodDate}::date
              and (s.status = 'included' or (s.status = 'accepted' and s.export_id is null)))
          order by m.id
          limit ${wanted}
        `.execute(trx);
        const replaced = await sql`
          update reading_submissions s set status = 'replaced' from bench_fill f
          where s.meter_id = f.meter_id and s.period = ${periodDate}::date and s.status = 'accepted'
        `.execute(trx);
        replacedExported = Number(replaced.numAffectedRows ?? 0);
        const submissions = await sql`
          insert into reading_submissions (id, meter_id, period, source, status, submitted_at)
          select submission_id, meter_id, ${periodDate}::date, 'import', 'accepted', now() from bench_fill
        `.execute(trx);
        inserted = Number(submissions.numAffectedRows ?? 0);
        // Each register keeps the value that counted for the latest earlier period: no consumption.
        await sql`
          insert into readings (submission_id, register, value)
          select f.submission_id, g.register, coalesce(earlier.value, 0)
          from bench_fill f
          cross join lateral generate_series(1, f.registers) as g(register)
          left join lateral (
            select r.value from reading_submissions ps
            join readings r on r.submission_id = ps.id and r.register = g.register
            where ps.meter_id = f.meter_id and ps.period < ${periodDate}::date
              and ps.status in ('accepted', 'included')
            order by ps.period desc, ps.submitted_at desc
            limit 1
          ) earlier on true
        `.execute(trx);
      });
      console.error(`Inserted ${inserted} readings in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
    const setup: ReadingsSetup = {
      organizationId,
      operatorIsStaff: operator.some((row) => row.id === organizationId),
      period,
      today,
      meters,
      benchMeters,
      existing,
      inserted,
      replacedExported,
      expected: existing + inserted + benchMeters,
    };
    console.log(READINGS_SETUP_PREFIX + JSON.stringify(setup));
  } finally {
    await database.close();
  }
});
