// Month end: a month of charges for every account of the largest housing organization (100,000
// accounts × their services ≈ 1,000,000 lines on PostgreSQL) uploaded with an API key as the
// billing system would, while subscribers keep opening the dashboard at a steady rate. Prints the
// import's time by stage and the dashboard's latency during the import against idle in the same run.

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defineBench, intFlag } from '../support/bench.ts';
import { discover } from '../support/discovery.ts';
import { prepareImport, removeImportedMonth } from '../support/import-setup.ts';
import { loadAtRate, type PacedResult } from '../support/load.ts';
import { gitRevision, machine, table, writeResult } from '../support/report.ts';
import { BENCH_DATA_DIR, BenchServer, databaseKind, ensureSeed, round } from '../support/server.ts';
import { logInUsers, summaryRoute } from '../support/sessions.ts';

const GOAL_SECONDS = 60;
const GOAL_P99_RATIO = 2;

interface BatchState {
  status: string;
  rowsRead: number;
  rowsChecked: number;
  rowsApplied: number;
  errorCount: number;
  result: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  issues: unknown[];
}

export default defineBench({
  summary: 'a month of charges (≈10 lines per account) imported while the dashboard is read',
  options: {
    accounts: {
      type: 'string',
      description: 'accounts to seed (default 100000 on PostgreSQL, 2000 on PGlite)',
    },
    rate: { type: 'string', description: 'dashboard requests per second during both windows (default 200)' },
    connections: { type: 'string', description: 'connections for the dashboard load (default 20)' },
    idle: { type: 'string', description: 'seconds of the idle dashboard window (default 20)' },
    users: { type: 'string', description: 'distinct users reading their dashboard (default 200)' },
    lines: {
      type: 'string',
      description: 'lines of charges, about (default 1000000 on PostgreSQL, 20000 on PGlite)',
    },
    reset: { type: 'boolean', description: 'replace whatever the database holds with a fresh seed' },
  },
  async run(values) {
    const kind = databaseKind();
    const options = {
      accounts: intFlag(values, 'accounts', kind === 'postgres' ? 100_000 : 2_000, 10),
      rate: intFlag(values, 'rate', 200),
      connections: intFlag(values, 'connections', 20),
      idleSeconds: intFlag(values, 'idle', 20),
      users: intFlag(values, 'users', 200),
      lines: intFlag(values, 'lines', kind === 'postgres' ? 1_000_000 : 20_000),
    };
    const startedAt = new Date();
    console.log(
      `import bench on ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (bench/.data)'}: ` +
        `${options.accounts} accounts; dashboard at ${options.rate} req/s over ${options.connections} connections`,
    );
    await ensureSeed(options.accounts, values.reset === true);
    const discovery = await discover({ users: options.users, accountIds: 10, usersOf: 'housing' });

    const file = path.join(BENCH_DATA_DIR, 'import-charges.csv');
    const generated = Date.now();
    const setup = await prepareImport(file, options.lines);
    const content = await readFile(file);
    console.log(
      `Charges of ${setup.period}: ${setup.lines.toLocaleString('en')} lines (${setup.accounts.toLocaleString('en')} accounts × ${setup.services} services), ` +
        `${round(content.length / 1024 / 1024, 1)} MB (written in ${round((Date.now() - generated) / 1000, 1)} s).`,
    );

    const server = await BenchServer.start();
    let idle: PacedResult;
    let during: PacedResult;
    let batch: BatchState;
    let uploadSeconds = 0;
    let totalSeconds: number;
    let memory: ReturnType<BenchServer['memory']>;
    try {
      const login = await logInUsers(server.url, discovery.userEmails, { concurrency: 4 });
      if (login.sessions.length === 0) throw new Error('No user could log in.');
      const route = summaryRoute(login.sessions);
      console.log(`Idle: the dashboard for ${options.idleSeconds} s…`);
      await loadAtRate(server.url, route, options, 3); // warm-up
      idle = await loadAtRate(server.url, route, options, options.idleSeconds);
      console.log(
        `  p50 ${idle.latencyMs.p50} ms, p99 ${idle.latencyMs.p99} ms, ${idle.requestsPerSecond} req/s`,
      );

      console.log('During the import: uploading and reading the dashboard until the batch is applied…');
      const importStarted = Date.now();
      const finished = (async () => {
        const response = await fetch(`${server.url}/api/v1/operator/imports/charges?fileName=charges.csv`, {
          method: 'POST',
          headers: { 'x-api-key': setup.apiKey, 'content-type': 'text/csv' },
          body: content,
        });
        uploadSeconds = (Date.now() - importStarted) / 1000;
        if (response.status !== 202)
          throw new Error(`Upload answered ${response.status}: ${await response.text()}`);
        const { import: created } = (await response.json()) as { import: { id: string } };
        for (;;) {
          const state = await fetch(`${server.url}/api/v1/operator/imports/${created.id}?lang=en`, {
            headers: { 'x-api-key': setup.apiKey },
          });
          const body = (await state.json()) as BatchState;
          if (['applied', 'rejected', 'failed'].includes(body.status)) return body;
          if (process.stdout.isTTY)
            process.stdout.write(
              `\r  ${body.status}: read ${body.rowsRead}, applied ${body.rowsApplied} (${round((Date.now() - importStarted) / 1000, 0)} s)   `,
            );
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      })();
      during = await loadAtRate(server.url, route, options, finished);
      batch = await finished;
      totalSeconds = (Date.now() - importStarted) / 1000;
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
    } finally {
      memory = server.memory();
      await server.stop();
      await removeImportedMonth(setup);
    }

    const stage = (from: string | null, to: string | null) =>
      from && to ? round((Date.parse(to) - Date.parse(from)) / 1000, 1) : null;
    const ratio = round(during.latencyMs.p99 / idle.latencyMs.p99, 2);
    const ok = batch.status === 'applied' && idle.errors + during.errors + idle.non2xx + during.non2xx === 0;
    const goals = {
      seconds: { target: GOAL_SECONDS, met: batch.status === 'applied' && totalSeconds <= GOAL_SECONDS },
      p99Ratio: { target: GOAL_P99_RATIO, met: ratio <= GOAL_P99_RATIO },
    };
    const host = machine();
    const resultFile = writeResult('import', kind, startedAt, {
      bench: 'import',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ok,
      git: gitRevision(),
      database: { kind, accounts: options.accounts },
      options,
      machine: { ...host, loadAverage: os.loadavg() },
      import: {
        lines: setup.lines,
        bytes: content.length,
        status: batch.status,
        result: batch.result,
        uploadSeconds: round(uploadSeconds, 1),
        queuedSeconds: stage(batch.createdAt, batch.startedAt),
        checkAndApplySeconds: stage(batch.startedAt, batch.finishedAt),
        totalSeconds: round(totalSeconds, 1),
        linesPerSecond: round(setup.lines / totalSeconds, 0),
      },
      dashboard: { idle, during, p99Ratio: ratio },
      server: { peakRssMb: memory.peakRssMb, vmHwmMb: memory.vmHwmMb },
      goals,
    });

    console.log('');
    console.log(
      table(
        ['dashboard', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx'],
        [
          ['idle', idle, `${idle.seconds} s`],
          ['during the import', during, `${during.seconds} s`],
        ].map(([name, result]) => {
          const r = result as PacedResult;
          return [
            name as string,
            r.requestsPerSecond,
            r.latencyMs.p50,
            r.latencyMs.p90,
            r.latencyMs.p99,
            r.latencyMs.max,
            r.errors,
            r.non2xx,
          ];
        }),
      ),
    );
    console.log('');
    console.log(
      `Import: ${batch.status}, ${setup.lines.toLocaleString('en')} lines in ${round(totalSeconds, 1)} s ` +
        `(upload ${round(uploadSeconds, 1)} s, queued ${stage(batch.createdAt, batch.startedAt)} s, ` +
        `checked and applied ${stage(batch.startedAt, batch.finishedAt)} s; ${round(setup.lines / totalSeconds, 0).toLocaleString('en')} lines/s); ` +
        `result ${JSON.stringify(batch.result)}`,
    );
    if (batch.status !== 'applied') console.log(`First issues: ${JSON.stringify(batch.issues.slice(0, 3))}`);
    console.log(
      `Goals: ≤ ${GOAL_SECONDS} s — ${goals.seconds.met ? 'met' : 'NOT met'}; dashboard p99 during ÷ idle ` +
        `${ratio}× ≤ ${GOAL_P99_RATIO}× — ${goals.p99Ratio.met ? 'met' : 'NOT met'}. Server peak RSS ${memory.peakRssMb} MB.`,
    );
    console.log(`Machine: ${host.cpus} × ${host.model}, load average ${os.loadavg()[0]!.toFixed(2)}`);
    console.log(`Results: ${resultFile}`);
    return ok;
  },
});
