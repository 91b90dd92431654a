// The dashboard's hottest read, GET /api/v1/accounts/:id/summary with a Bearer session, against the
// same server's HTTP ceiling (GET /bench/ping) and one-select floor (GET /bench/accounts/:id).
import os from 'node:os';
import path from 'node:path';
import { defineBench, intFlag, UsageError } from '../support/bench.ts';
import { machineBusy } from '../support/cpu.ts';
import { discover } from '../support/discovery.ts';
import { loadRoute, type RouteResult, type RouteSpec } from '../support/load.ts';
import { gitRevision, machine, table, writeResult } from '../support/report.ts';
import { BENCH_DATA_DIR, BenchServer, databaseKind, ensureSeed, ROOT, round } from '../support/server.ts';
import { type BenchSession, logInUsers, mapLimited, summaryRoute } from '../support/sessions.ts';

/** The goal: the summary at ≥ 50 % of the one-select route's req/s, p99 ≤ 30 ms at 200 connections. */
const GOAL_RATIO_TO_ONE_SELECT = 0.5;
const GOAL_P99_MS = 30;
const ROUTE_KEYS = ['a', 'b', 'c'] as const;
type RouteKey = (typeof ROUTE_KEYS)[number];

export default defineBench({
  summary: 'account summary (Bearer) vs. /bench/ping and a one-select route',
  options: {
    connections: { type: 'string', description: 'concurrent connections (default 200)' },
    duration: { type: 'string', description: 'seconds measured per route (default 15)' },
    warmup: { type: 'string', description: 'seconds of warm-up per route, not measured (default 3)' },
    accounts: {
      type: 'string',
      description: 'accounts to seed (default 100000 on PostgreSQL, 2000 on PGlite)',
    },
    users: { type: 'string', description: 'distinct users logged in for the summary route (default 400)' },
    'account-ids': {
      type: 'string',
      description: 'account ids rotated on the one-select route (default 500)',
    },
    routes: { type: 'string', description: 'which routes to load, e.g. c or a,c (default a,b,c)' },
    reset: { type: 'boolean', description: 'replace whatever the database holds with a fresh seed' },
    'cpu-prof': {
      type: 'boolean',
      description: 'run the server with --cpu-prof; profiles go to bench/.data/profiles',
    },
  },
  async run(values) {
    const kind = databaseKind();
    const options = {
      connections: intFlag(values, 'connections', 200),
      durationSeconds: intFlag(values, 'duration', 15),
      warmupSeconds: intFlag(values, 'warmup', 3, 0),
      accounts: intFlag(values, 'accounts', kind === 'postgres' ? 100_000 : 2_000, 10),
      users: intFlag(values, 'users', 400),
      accountIds: intFlag(values, 'account-ids', 500),
      routes: parseRoutes(values.routes),
    };
    const profileDir = path.join(BENCH_DATA_DIR, 'profiles');
    const startedAt = new Date();
    console.log(
      `dashboard bench on ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (bench/.data)'}: ` +
        `${options.accounts} accounts, ${options.connections} connections, ` +
        `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per route`,
    );

    await ensureSeed(options.accounts, values.reset === true);
    const discovery = await discover({ users: options.users, accountIds: options.accountIds });
    if (discovery.accounts !== options.accounts) {
      throw new Error(`The database holds ${discovery.accounts} accounts, expected ${options.accounts}.`);
    }

    const before = await machineBusy(2000);
    if (before.machine !== null && before.machine > 30) {
      console.warn(
        `Warning: the machine is already busy (${before.machine} % of one core, ${before.cores} cores; ` +
          `PostgreSQL ${before.postgres ?? '—'} %) — other work will skew these figures.`,
      );
    }
    console.log('Starting the server…');
    const server = await BenchServer.start({
      nodeArgs: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const results: RouteResult[] = [];
    let sessions: BenchSession[] = [];
    let loginSeconds = 0;
    let idle: ReturnType<BenchServer['memory']>;
    let failureSamples: string[] = [];
    let memory: ReturnType<BenchServer['memory']>;
    try {
      idle = server.memory();
      console.log(`Server pid ${server.pid} on ${server.url}, RSS ${idle.peakRssMb} MB after start.`);

      const loginStarted = Date.now();
      const login = await logInUsers(server.url, discovery.userEmails, { concurrency: 4 });
      loginSeconds = (Date.now() - loginStarted) / 1000;
      sessions = login.sessions;
      console.log(
        `Logged in ${sessions.length} users in ${loginSeconds.toFixed(1)} s` +
          (login.skipped.length ? ` (skipped ${login.skipped.length}: ${login.skipped[0]!.reason}, …)` : '') +
          '.',
      );
      if (sessions.length === 0) throw new Error('No user could log in.');

      // Every pair and id must answer 200 before the load, so errors under load come from the load.
      const preflight = await checkOnce(server.url, sessions, discovery.accountIds);
      if (preflight.length > 0) {
        throw new Error(`Requests fail before any load:\n${preflight.slice(0, 10).join('\n')}`);
      }

      const specs = routeSpecs(sessions, discovery.accountIds);
      for (const key of options.routes) results.push(await loadRoute(server, specs[key], options));
      if (results.some(hasFailures))
        failureSamples = await checkOnce(server.url, sessions, discovery.accountIds);
    } finally {
      memory = server.memory();
      await server.stop();
    }

    const find = (key: RouteKey) => results.find((result) => result.key === `(${key})`);
    const [ping, oneSelect, summary] = [find('a'), find('b'), find('c')];
    const ratio = (top?: RouteResult, bottom?: RouteResult) =>
      top && bottom ? round(top.requestsPerSecond / bottom.requestsPerSecond, 3) : null;
    const ratios = { summaryToPing: ratio(summary, ping), summaryToOneSelect: ratio(summary, oneSelect) };
    const goals = {
      ratioToOneSelect: {
        target: GOAL_RATIO_TO_ONE_SELECT,
        met:
          ratios.summaryToOneSelect === null ? null : ratios.summaryToOneSelect >= GOAL_RATIO_TO_ONE_SELECT,
      },
      p99Ms: { target: GOAL_P99_MS, met: summary ? summary.latencyMs.p99 <= GOAL_P99_MS : null },
    };
    const ok = !results.some(hasFailures);
    const host = machine();
    const file = writeResult('dashboard', kind, startedAt, {
      bench: 'dashboard',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ok,
      git: gitRevision(),
      database: { kind, accounts: discovery.accounts },
      options: { ...options, users: sessions.length, accountIds: discovery.accountIds.length, loginSeconds },
      machine: { ...host, loadAverage: os.loadavg(), cpuBeforeStart: before },
      server: {
        idleRssMb: idle.peakRssMb,
        peakRssMb: memory.peakRssMb,
        vmHwmMb: memory.vmHwmMb,
        logLinesNotShown: server.suppressedLogLines,
        cpuProfileDir: values['cpu-prof'] ? path.relative(ROOT, profileDir) : null,
      },
      routes: results,
      ratios,
      goals,
      failureSamples,
    });

    if (server.suppressedLogLines > 0) {
      console.log(`(${server.suppressedLogLines} more server log lines were not shown)`);
    }
    console.log('');
    console.log(
      table(
        ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'peak RSS MB', 'CPU % srv/pg/gen/other'],
        results.map((result) => [
          `${result.key} ${result.route}`,
          result.requestsPerSecond,
          result.latencyMs.p50,
          result.latencyMs.p99,
          result.errors,
          result.non2xx,
          result.peakRssMb,
          [result.cpu.server, result.cpu.postgres, result.cpu.loadGenerator, result.cpu.other]
            .map((value) => value ?? '—')
            .join('/'),
        ]),
      ),
    );
    console.log(
      `CPU %: of one core (${host.cpus} cores) — the server, all PostgreSQL processes, this load generator, the rest.`,
    );
    console.log('');
    console.log(
      `(c)/(a) req/s: ${pct(ratios.summaryToPing)}   (c)/(b) req/s: ${pct(ratios.summaryToOneSelect)}`,
    );
    console.log(
      `Goal: (c)/(b) ≥ ${pct(GOAL_RATIO_TO_ONE_SELECT)} — ${verdict(goals.ratioToOneSelect.met)}; ` +
        `(c) p99 ≤ ${GOAL_P99_MS} ms — ${verdict(goals.p99Ms.met)}`,
    );
    console.log(
      `Database: ${kind}, ${discovery.accounts} accounts; ${sessions.length} users, ` +
        `${discovery.accountIds.length} account ids; ${options.connections} connections (closed loop); ` +
        `server peak RSS ${memory.peakRssMb} MB (VmHWM ${memory.vmHwmMb} MB)`,
    );
    console.log(
      `Machine: ${host.cpus} × ${host.model}, ${host.memoryGb} GB, ${host.os}, Node ${host.node}; ` +
        `load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    for (const result of results.filter(hasFailures)) {
      console.log(
        `${result.key} FAILED: ${result.errors} connection errors (${result.timeouts} timeouts), ` +
          `${result.non2xx} non-2xx; statuses other than 200: ${JSON.stringify(result.statusCodes)}`,
      );
    }
    if (failureSamples.length) {
      console.log(`Failing requests after the load:\n${failureSamples.slice(0, 10).join('\n')}`);
    }
    if (values['cpu-prof']) console.log(`CPU profiles: ${path.relative(ROOT, profileDir)}/`);
    console.log(`Results: ${file}`);
    return ok;
  },
});

function parseRoutes(raw: string | boolean | undefined): RouteKey[] {
  if (raw === undefined) return [...ROUTE_KEYS];
  const keys = String(raw)
    .split(',')
    .map((key) => key.trim().replace(/[()]/g, ''));
  const unknown = keys.filter((key) => !ROUTE_KEYS.includes(key as RouteKey));
  if (unknown.length || keys.length === 0) {
    throw new UsageError(`--routes takes a comma-separated list of ${ROUTE_KEYS.join(', ')}`);
  }
  return ROUTE_KEYS.filter((key) => keys.includes(key));
}

function hasFailures(result: RouteResult): boolean {
  return result.errors > 0 || result.non2xx > 0 || Object.keys(result.statusCodes).length > 0;
}

function pct(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`;
}

function verdict(met: boolean | null): string {
  return met === null ? 'not measured' : met ? 'met' : 'NOT met';
}

function routeSpecs(sessions: BenchSession[], accountIds: string[]): Record<RouteKey, RouteSpec> {
  let nextAccount = 0;
  return {
    a: {
      key: '(a)',
      route: 'GET /bench/ping',
      description: 'HTTP ceiling: the same Fastify app and plugins, no database',
      next: () => ({ path: '/bench/ping' }),
    },
    b: {
      key: '(b)',
      route: 'GET /bench/accounts/:id',
      description: `one primary-key select, rotating over ${accountIds.length} account ids`,
      next: () => ({ path: `/bench/accounts/${accountIds[nextAccount++ % accountIds.length]}` }),
    },
    c: summaryRoute(sessions),
  };
}

/** One request per session and per account id, a few at a time; returns a line per failure. */
async function checkOnce(baseUrl: string, sessions: BenchSession[], accountIds: string[]): Promise<string[]> {
  const failures: string[] = [];
  await mapLimited(sessions, 8, async (session) => {
    const response = await fetch(`${baseUrl}/api/v1/accounts/${session.accountId}/summary`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    const body = await response.text();
    if (response.status !== 200)
      failures.push(`(c) ${session.email} → ${response.status} ${body.slice(0, 300)}`);
  });
  await mapLimited(accountIds, 8, async (id) => {
    const response = await fetch(`${baseUrl}/bench/accounts/${id}`);
    const body = await response.text();
    if (response.status !== 200 || body === 'null') {
      failures.push(`(b) ${id} → ${response.status} ${body.slice(0, 300)}`);
    }
  });
  return failures;
}
