// Meter readings at month's end: POST /api/v1/accounts/:accountId/meters/:meterId/readings with a
// Bearer session, many users submitting for their own meters, against the same server's HTTP ceiling
// (GET /bench/ping) and one-select floor (GET /bench/accounts/:id). Then the operator's export of
// the period (≥ 100,000 readings) and its downloads, streamed and counted here without keeping them,
// with the server's peak memory during each.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { DEMO_OPERATOR, DEMO_OPERATOR_TOTP_SECRET } from '../../src/server/demo/catalog.ts';
import type { MetersResponse, ReadingWindow } from '../../src/shared/api/readings.ts';
import { defineBench, intFlag, UsageError } from '../support/bench.ts';
import { machineBusy } from '../support/cpu.ts';
import { discover } from '../support/discovery.ts';
import { loadRoute, type RouteRequest, type RouteResult, type RouteSpec } from '../support/load.ts';
import { prepareReadings } from '../support/readings-setup.ts';
import { gitRevision, machine, table, writeResult } from '../support/report.ts';
import {
  BENCH_DATA_DIR,
  BenchServer,
  databaseKind,
  ensureSeed,
  ROOT,
  readProcess,
  round,
  type WindowStats,
} from '../support/server.ts';
import { type BenchSession, logInUsers, mapLimited } from '../support/sessions.ts';

/** The goals (issue 4): ≥ 1,000 submissions/s on 2 cores with 0 errors; an export of ≥ 100,000
 * readings with the server under 250 MB. */
const GOAL_SUBMISSIONS_PER_SECOND = 1000;
const GOAL_EXPORT_READINGS = 100_000;
const GOAL_EXPORT_MEMORY_MB = 250;
const ROUTE_KEYS = ['a', 'b', 'c', 'd'] as const;
type RouteKey = (typeof ROUTE_KEYS)[number];
const EXPORT_FORMATS = {
  'csv-1251': { format: 'csv', encoding: 'windows-1251' },
  'csv-utf8': { format: 'csv', encoding: 'utf-8' },
  json: { format: 'json', encoding: 'utf-8' },
} as const;
type ExportFormat = keyof typeof EXPORT_FORMATS;
const TOTP_STEP_SECONDS = 30;

/** One meter of one logged-in user, with a body that the rules accept. */
interface MeterTarget {
  session: BenchSession;
  meterId: string;
  resource: string;
  registers: number;
  body: string;
}

interface ExportStep extends WindowStats {
  step: string;
  route: string;
  status: number;
  seconds: number;
  /** create: readings marked; downloads: data rows (CSV lines after the header, JSON objects). */
  rows: number | null;
  bytes: number | null;
  rssBeforeMb: number | null;
  /** The kernel's peak RSS during this step (VmHWM reset before it); null where it cannot be reset. */
  vmHwmMb: number | null;
  error: string | null;
}

export default defineBench({
  summary: 'reading submissions (Bearer, many users) vs. ping and one-select; export memory',
  options: {
    connections: { type: 'string', description: 'concurrent connections (default 100)' },
    duration: { type: 'string', description: 'seconds measured per route (default 15)' },
    warmup: { type: 'string', description: 'seconds of warm-up per route, not measured (default 3)' },
    accounts: {
      type: 'string',
      description: 'accounts to seed (default 100000 on PostgreSQL, 2000 on PGlite)',
    },
    users: {
      type: 'string',
      description: 'distinct users submitting for their own meters (default 400)',
    },
    'account-ids': {
      type: 'string',
      description: 'account ids rotated on the one-select route (default 500)',
    },
    routes: { type: 'string', description: 'which routes to load, e.g. c or a,c (default a,b,c,d)' },
    exports: {
      type: 'string',
      description: 'export downloads: csv-1251,csv-utf8,json (default all) or none (no export)',
    },
    'export-readings': {
      type: 'string',
      description: 'accepted readings the export must hold; topped up in SQL (default 100000)',
    },
    'export-on-loaded-server': {
      type: 'boolean',
      description: 'export on the server that took the load (default: a fresh server after the load)',
    },
    reset: { type: 'boolean', description: 'replace whatever the database holds with a fresh seed' },
    'cpu-prof': {
      type: 'boolean',
      description: 'run the server with --cpu-prof; profiles go to bench/.data/profiles',
    },
  },
  async run(values) {
    const kind = databaseKind();
    const options = {
      connections: intFlag(values, 'connections', 100),
      durationSeconds: intFlag(values, 'duration', 15),
      warmupSeconds: intFlag(values, 'warmup', 3, 0),
      accounts: intFlag(values, 'accounts', kind === 'postgres' ? 100_000 : 2_000, 10),
      users: intFlag(values, 'users', 400),
      accountIds: intFlag(values, 'account-ids', 500),
      routes: parseRoutes(values.routes),
      exports: parseExports(values.exports),
      exportReadings: intFlag(values, 'export-readings', GOAL_EXPORT_READINGS, 0),
    };
    const profileDir = path.join(BENCH_DATA_DIR, 'profiles');
    const startedAt = new Date();
    console.log(
      `readings bench on ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (bench/.data)'}: ` +
        `${options.accounts} accounts, ${options.connections} connections, ` +
        `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per route`,
    );

    await ensureSeed(options.accounts, values.reset === true);
    // Only users of the management company have meters.
    const discovery = await discover({
      users: options.users,
      accountIds: options.accountIds,
      usersOf: 'housing',
    });
    if (discovery.accounts !== options.accounts) {
      throw new Error(`The database holds ${discovery.accounts} accounts, expected ${options.accounts}.`);
    }
    const exporting = options.exports.length > 0;
    console.log(
      exporting
        ? `Readings: topping the period up to ${options.exportReadings} accepted readings for the export…`
        : 'Readings: the period (no export)…',
    );
    const setup = await prepareReadings({
      target: exporting ? options.exportReadings : 0,
      userEmails: discovery.userEmails,
    });
    console.log(
      `  period ${setup.period}: ${setup.existing} accepted, not exported on other meters before, ` +
        `${setup.inserted} inserted (replacing ${setup.replacedExported} exported), ` +
        `${setup.benchMeters} active, verified meters of the bench users; ${setup.meters} meters in all.`,
    );
    if (exporting && setup.expected < options.exportReadings) {
      console.warn(
        `Warning: the organization has only ${setup.meters} meters; the export will hold about ` +
          `${setup.expected} readings, not ${options.exportReadings}.`,
      );
    }
    if (exporting && !setup.operatorIsStaff) {
      throw new Error(
        `${DEMO_OPERATOR.email} is not staff of the management company in this database, so the ` +
          'export cannot be measured; pass --exports none, or reseed.',
      );
    }

    const before = await machineBusy(2000);
    if (before.machine !== null && before.machine > 30) {
      console.warn(
        `Warning: the machine is already busy (${before.machine} % of one core, ${before.cores} cores; ` +
          `PostgreSQL ${before.postgres ?? '—'} %) — other work will skew these figures.`,
      );
    }
    console.log('Starting the server…');
    const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const exportOnLoadedServer = values['export-on-loaded-server'] === true;
    const server = await BenchServer.start({ nodeArgs });
    const results: RouteResult[] = [];
    const exportSteps: ExportStep[] = [];
    let sessions: BenchSession[] = [];
    let targets: MeterTarget[] = [];
    let skippedMeters: Record<string, number> = {};
    let window: ReadingWindow | null = null;
    let loginSeconds = 0;
    let idle: ReturnType<BenchServer['memory']>;
    let failureSamples: string[] = [];
    let afterLoad: ReturnType<BenchServer['memory']> | null = null;
    let memory: ReturnType<BenchServer['memory']>;
    let exportServer: { idleRssMb: number | null; vmHwmMb: number | null; logLinesNotShown: number } | null =
      null;
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

      const found = await findMeters(server.url, sessions);
      ({ targets, window } = found);
      skippedMeters = found.skipped;
      console.log(
        `${targets.length} meters of ${new Set(targets.map((t) => t.session.email)).size} users take ` +
          `readings for ${window?.period ?? '—'}` +
          (Object.keys(skippedMeters).length ? ` (skipped: ${JSON.stringify(skippedMeters)})` : '') +
          '.',
      );
      if (targets.length === 0) throw new Error('None of the users has a meter that takes readings.');
      if (window && window.period !== setup.period) {
        throw new Error(
          `The server accepts readings for ${window.period}, the setup prepared ${setup.period} ` +
            '(the period changed in between?); run the bench again.',
        );
      }

      // Every submission and id must succeed once before the load, so errors under load come from
      // the load. This also gives each of the bench users' meters its reading of the period.
      const preflight = await checkOnce(server.url, targets, discovery.accountIds, options.routes);
      if (preflight.length > 0) {
        throw new Error(`Requests fail before any load:\n${preflight.slice(0, 10).join('\n')}`);
      }

      const specs = routeSpecs(targets, discovery.accountIds);
      for (const key of options.routes) results.push(await loadRoute(server, specs[key], options));
      if (results.some(hasFailures)) {
        failureSamples = await checkOnce(server.url, targets, discovery.accountIds, options.routes);
      }
      afterLoad = server.memory();

      if (exporting && exportOnLoadedServer) {
        console.log('Export, on the server that took the load:');
        exportSteps.push(...(await measureExport(server, setup.period, options.exports)));
      }
    } finally {
      memory = server.memory();
      await server.stop();
    }
    // By default the export gets a server of its own: what 100 connections of load leave in the
    // heap is not the export's doing.
    if (exporting && !exportOnLoadedServer) {
      console.log('Starting a fresh server for the export…');
      const fresh = await BenchServer.start({ nodeArgs });
      try {
        const freshIdle = fresh.memory();
        console.log(`Export, on server pid ${fresh.pid} (RSS ${freshIdle.peakRssMb} MB after start):`);
        exportSteps.push(...(await measureExport(fresh, setup.period, options.exports)));
        exportServer = {
          idleRssMb: freshIdle.peakRssMb,
          vmHwmMb: fresh.memory().vmHwmMb,
          logLinesNotShown: fresh.suppressedLogLines,
        };
      } finally {
        await fresh.stop();
      }
    }

    const find = (key: RouteKey) => results.find((result) => result.key === `(${key})`);
    const [ping, oneSelect, submit, submitKeyed] = [find('a'), find('b'), find('c'), find('d')];
    const ratio = (top?: RouteResult, bottom?: RouteResult) =>
      top && bottom ? round(top.requestsPerSecond / bottom.requestsPerSecond, 3) : null;
    const ratios = {
      submitToPing: ratio(submit, ping),
      submitToOneSelect: ratio(submit, oneSelect),
      keyedToSubmit: ratio(submitKeyed, submit),
    };
    const created = exportSteps.find((step) => step.step === 'create');
    const downloads = exportSteps.filter((step) => step.step !== 'create');
    const exportPeakMb = maxOf(exportSteps.map((step) => step.vmHwmMb ?? step.peakRssMb));
    const goals = {
      submissionsPerSecond: {
        target: GOAL_SUBMISSIONS_PER_SECOND,
        met: submit ? submit.requestsPerSecond >= GOAL_SUBMISSIONS_PER_SECOND && !hasFailures(submit) : null,
      },
      exportReadings: {
        target: GOAL_EXPORT_READINGS,
        met: created?.rows == null ? null : created.rows >= GOAL_EXPORT_READINGS,
      },
      exportMemoryMb: {
        target: GOAL_EXPORT_MEMORY_MB,
        met: exportPeakMb === null ? null : exportPeakMb < GOAL_EXPORT_MEMORY_MB,
      },
    };
    const downloadRows = new Set(downloads.map((step) => step.rows));
    const exportProblems = [
      ...exportSteps.filter((step) => step.error).map((step) => `${step.step}: ${step.error}`),
      ...(downloadRows.size > 1 ? [`the downloads differ in rows: ${[...downloadRows].join(', ')}`] : []),
    ];
    const ok = !results.some(hasFailures) && exportProblems.length === 0;
    const host = machine();
    const file = writeResult('readings', kind, startedAt, {
      bench: 'readings',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ok,
      git: gitRevision(),
      database: { kind, accounts: discovery.accounts },
      options: {
        ...options,
        users: sessions.length,
        meters: targets.length,
        skippedMeters,
        accountIds: discovery.accountIds.length,
        loginSeconds,
      },
      readings: { window, setup, meterResources: countBy(targets.map((target) => target.resource)) },
      machine: { ...host, loadAverage: os.loadavg(), cpuBeforeStart: before },
      server: {
        idleRssMb: idle.peakRssMb,
        peakRssMbAfterLoad: afterLoad?.peakRssMb ?? null,
        vmHwmMbAfterLoad: afterLoad?.vmHwmMb ?? null,
        peakRssMb: memory.peakRssMb,
        vmHwmMb: memory.vmHwmMb,
        logLinesNotShown: server.suppressedLogLines,
        cpuProfileDir: values['cpu-prof'] ? path.relative(ROOT, profileDir) : null,
      },
      routes: results,
      export: {
        server: exporting ? (exportOnLoadedServer ? 'the loaded server' : 'a fresh server') : null,
        freshServer: exportServer,
        steps: exportSteps,
      },
      ratios,
      goals,
      failureSamples,
      exportProblems,
    });

    if (server.suppressedLogLines > 0) {
      console.log(`(${server.suppressedLogLines} more server log lines were not shown)`);
    }
    console.log('');
    if (results.length > 0) {
      console.log(
        table(
          [
            'route',
            'req/s',
            'p50 ms',
            'p99 ms',
            'errors',
            'non-2xx',
            'peak RSS MB',
            'CPU % srv/pg/gen/other',
          ],
          results.map((result) => [
            `${result.key} ${result.route}`,
            result.requestsPerSecond,
            result.latencyMs.p50,
            result.latencyMs.p99,
            result.errors,
            result.non2xx,
            result.peakRssMb,
            cpuCell(result),
          ]),
        ),
      );
      console.log(
        `CPU %: of one core (${host.cpus} cores) — the server, all PostgreSQL processes, this load generator, the rest.`,
      );
      console.log('');
      console.log(
        `(c)/(a) req/s: ${pct(ratios.submitToPing)}   (c)/(b) req/s: ${pct(ratios.submitToOneSelect)}` +
          `   (d)/(c) req/s: ${pct(ratios.keyedToSubmit)}`,
      );
      console.log(
        `Goal: (c) ≥ ${GOAL_SUBMISSIONS_PER_SECOND} submissions/s with 0 errors — ` +
          `${verdict(goals.submissionsPerSecond.met)}`,
      );
      console.log(
        `Database: ${kind}, ${discovery.accounts} accounts; ${sessions.length} users, ${targets.length} meters, ` +
          `period ${window?.period ?? '—'}; ${discovery.accountIds.length} account ids; ` +
          `${options.connections} connections (closed loop)`,
      );
    }
    if (exportSteps.length > 0) {
      console.log('');
      console.log(
        table(
          [
            'export',
            'status',
            'rows',
            'MB',
            's',
            'RSS before MB',
            'peak RSS MB',
            'VmHWM MB',
            'CPU % srv/pg/gen/other',
          ],
          exportSteps.map((step) => [
            `${step.step} ${step.route}`,
            step.status,
            step.rows,
            step.bytes === null ? null : round(step.bytes / 1024 / 1024, 1),
            round(step.seconds, 2),
            step.rssBeforeMb,
            step.peakRssMb,
            step.vmHwmMb,
            cpuCell(step),
          ]),
        ),
      );
      console.log(
        'rows: create = readings marked for the export; downloads = data lines (one per register). ' +
          'VmHWM: the kernel’s peak RSS during that step alone.',
      );
      console.log(
        `Goal: export of ≥ ${GOAL_EXPORT_READINGS} readings — ${verdict(goals.exportReadings.met)}; ` +
          `server memory < ${GOAL_EXPORT_MEMORY_MB} MB during the export (peak ${exportPeakMb ?? '—'} MB) — ` +
          `${verdict(goals.exportMemoryMb.met)}`,
      );
      console.log(
        exportOnLoadedServer
          ? 'The export ran on the server that took the load.'
          : `The export ran on a fresh server: RSS ${exportServer?.idleRssMb ?? '—'} MB after its start.`,
      );
    }
    console.log(
      `Server under load: RSS ${idle.peakRssMb} MB after start, peak ${afterLoad?.peakRssMb ?? '—'} MB ` +
        `(VmHWM ${afterLoad?.vmHwmMb ?? '—'} MB) after the load` +
        (exportOnLoadedServer && exporting
          ? `, VmHWM ${memory.vmHwmMb} MB at the end (since the last reset)`
          : ''),
    );
    console.log(
      `Machine: ${host.cpus} × ${host.model}, ${host.memoryGb} GB, ${host.os}, Node ${host.node}; ` +
        `load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    for (const result of results.filter(hasFailures)) {
      console.log(
        `${result.key} FAILED: ${result.errors} connection errors (${result.timeouts} timeouts), ` +
          `${result.non2xx} non-2xx; statuses other than ${result.expectedStatus}: ` +
          JSON.stringify(result.statusCodes),
      );
    }
    if (failureSamples.length) {
      console.log(`Failing requests after the load:\n${failureSamples.slice(0, 10).join('\n')}`);
    }
    for (const problem of exportProblems) console.log(`Export FAILED: ${problem}`);
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

function parseExports(raw: string | boolean | undefined): ExportFormat[] {
  const names = Object.keys(EXPORT_FORMATS) as ExportFormat[];
  if (raw === undefined) return names;
  if (raw === 'none') return [];
  const keys = String(raw)
    .split(',')
    .map((key) => key.trim());
  if (keys.some((key) => !names.includes(key as ExportFormat))) {
    throw new UsageError(`--exports takes a comma-separated list of ${names.join(', ')}, or none`);
  }
  return names.filter((name) => keys.includes(name));
}

function hasFailures(result: RouteResult): boolean {
  return result.errors > 0 || result.non2xx > 0 || Object.keys(result.statusCodes).length > 0;
}

function cpuCell({ cpu }: WindowStats): string {
  return [cpu.server, cpu.postgres, cpu.loadGenerator, cpu.other].map((value) => value ?? '—').join('/');
}

function pct(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`;
}

function verdict(met: boolean | null): string {
  return met === null ? 'not measured' : met ? 'met' : 'NOT met';
}

function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length ? Math.max(...known) : null;
}

function countBy(items: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

/** `value` plus one whole unit, or `value` itself when that no longer fits the meter's digits. */
function nextValue(value: string | undefined, digits: number): string {
  if (value === undefined) return '1';
  const [whole, fraction] = value.split('.');
  const next = (BigInt(whole!) + 1n).toString();
  if (next.length > digits) return value;
  return fraction ? `${next}.${fraction}` : next;
}

/**
 * Each user's meters that take a reading now (GET …/meters), with a body the rules accept: one
 * whole unit above the last value that counts, for every register. The baseline of the rules is
 * the value of an earlier period, and the last value is at least that, so every submission of the
 * run is valid, however often it repeats (each one replaces the period's earlier one).
 */
async function findMeters(
  baseUrl: string,
  sessions: BenchSession[],
): Promise<{ targets: MeterTarget[]; window: ReadingWindow | null; skipped: Record<string, number> }> {
  const skipped: Record<string, number> = {};
  let window: ReadingWindow | null = null;
  const perSession = await mapLimited(sessions, 8, async (session) => {
    const response = await fetch(`${baseUrl}/api/v1/accounts/${session.accountId}/meters`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    if (response.status !== 200) {
      throw new Error(`GET …/meters as ${session.email}: ${response.status} ${await response.text()}`);
    }
    const body = (await response.json()) as MetersResponse;
    window ??= body.window;
    return body.meters.flatMap((meter): MeterTarget[] => {
      const reason =
        meter.status !== 'active'
          ? `status ${meter.status}`
          : meter.verification === 'expired'
            ? 'verification expired'
            : null;
      if (reason) {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        return [];
      }
      const values = meter.registers.map(({ register }) => ({
        register,
        value: nextValue(
          meter.last?.values.find((entry) => entry.register === register)?.value,
          meter.digits,
        ),
      }));
      return [
        {
          session,
          meterId: meter.id,
          resource: meter.resource,
          registers: meter.registers.length,
          body: JSON.stringify({ values, confirm: true }),
        },
      ];
    });
  });
  // Users interleaved: consecutive requests go to different users' meters.
  const targets: MeterTarget[] = [];
  for (let round = 0; perSession.some((list) => list.length > round); round++) {
    for (const list of perSession) if (list[round]) targets.push(list[round]!);
  }
  return { targets, window, skipped };
}

function submission(target: MeterTarget, idempotencyKey?: string): RouteRequest {
  return {
    method: 'POST',
    path: `/api/v1/accounts/${target.session.accountId}/meters/${target.meterId}/readings`,
    headers: {
      authorization: `Bearer ${target.session.token}`,
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: target.body,
  };
}

function routeSpecs(targets: MeterTarget[], accountIds: string[]): Record<RouteKey, RouteSpec> {
  let nextAccount = 0;
  let nextTarget = 0;
  let nextKeyed = 0;
  const users = new Set(targets.map((target) => target.session.email)).size;
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
    c: {
      key: '(c)',
      route: 'POST …/meters/:meterId/readings',
      description: `a reading submission with a Bearer session, rotating over ${targets.length} meters of ${users} users`,
      expectedStatus: 201,
      next: () => submission(targets[nextTarget++ % targets.length]!),
    },
    d: {
      key: '(d)',
      route: 'POST …/readings + Idempotency-Key',
      description: 'as (c), each request with its own Idempotency-Key (a new UUID)',
      expectedStatus: 201,
      next: () => submission(targets[nextKeyed++ % targets.length]!, randomUUID()),
    },
  };
}

/** Each submission once (and once with a key when (d) runs), each account id once; a line per failure. */
async function checkOnce(
  baseUrl: string,
  targets: MeterTarget[],
  accountIds: string[],
  routes: RouteKey[],
): Promise<string[]> {
  const failures: string[] = [];
  const submit = async (target: MeterTarget, key: string, idempotencyKey?: string) => {
    const request = submission(target, idempotencyKey);
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    const body = await response.text();
    if (response.status !== 201) {
      failures.push(
        `${key} ${target.session.email} ${target.meterId} ${target.body} → ${response.status} ${body.slice(0, 300)}`,
      );
    }
  };
  await mapLimited(targets, 8, (target) => submit(target, '(c)'));
  if (routes.includes('d')) await mapLimited(targets, 8, (target) => submit(target, '(d)', randomUUID()));
  if (routes.includes('b')) {
    await mapLimited(accountIds, 8, async (id) => {
      const response = await fetch(`${baseUrl}/bench/accounts/${id}`);
      const body = await response.text();
      if (response.status !== 200 || body === 'null') {
        failures.push(`(b) ${id} → ${response.status} ${body.slice(0, 300)}`);
      }
    });
  }
  return failures;
}

/**
 * Logs the demo operator in with the current TOTP code. A code counts once per 30-second step, so
 * when an earlier run used this step's code, it waits for the next step and tries again.
 */
async function logInOperator(baseUrl: string): Promise<string> {
  const key = decodeBase32IgnorePadding(DEMO_OPERATOR_TOTP_SECRET);
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: DEMO_OPERATOR.email,
        password: DEMO_OPERATOR.password,
        totp: generateTOTP(key, TOTP_STEP_SECONDS, 6),
      }),
    });
    const body = await response.text();
    if (response.status === 200) return (JSON.parse(body) as { token: string }).token;
    if (attempt < 3 && body.includes('TOTP_INVALID')) {
      const wait = TOTP_STEP_SECONDS * 1000 - (Date.now() % (TOTP_STEP_SECONDS * 1000)) + 1000;
      console.log(`  the TOTP code was used already; waiting ${Math.ceil(wait / 1000)} s for the next one…`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    throw new Error(`Login of ${DEMO_OPERATOR.email}: ${response.status} ${body.slice(0, 300)}`);
  }
}

/** Counts a stream's bytes and the occurrences of `needle` in it, across chunk boundaries. */
class StreamCounter {
  bytes = 0;
  matches = 0;
  private tail = Buffer.alloc(0);
  constructor(private readonly needle: Buffer) {}
  add(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    const data = Buffer.concat([this.tail, chunk]);
    for (
      let at = data.indexOf(this.needle);
      at !== -1;
      at = data.indexOf(this.needle, at + this.needle.length)
    ) {
      this.matches++;
    }
    this.tail = data.subarray(Math.max(0, data.length - this.needle.length + 1));
  }
}

/** The export as the operator makes it: create the batch, then download it in each format. */
async function measureExport(
  server: BenchServer,
  period: string,
  formats: ExportFormat[],
): Promise<ExportStep[]> {
  const token = await logInOperator(server.url);
  const headers = { authorization: `Bearer ${token}` };
  const steps: ExportStep[] = [];
  let canReset = true;
  const measure = async (
    step: string,
    route: string,
    work: () => Promise<{ status: number; rows: number | null; bytes: number | null; error: string | null }>,
  ): Promise<ExportStep> => {
    await server.drain();
    const rssBefore = readProcess(server.pid)?.rssKb;
    canReset = server.resetPeak() && canReset;
    process.stdout.write(`  ${step} ${route}… `);
    const endWindow = server.window();
    const started = process.hrtime.bigint();
    let outcome: Awaited<ReturnType<typeof work>>;
    try {
      outcome = await work();
    } catch (error) {
      outcome = { status: 0, rows: null, bytes: null, error: (error as Error).message };
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const window = endWindow();
    const vmHwmMb = canReset ? server.memory().vmHwmMb : null;
    const result: ExportStep = {
      step,
      route,
      ...outcome,
      seconds: round(seconds, 3),
      rssBeforeMb: rssBefore ? round(rssBefore / 1024, 1) : null,
      vmHwmMb,
      ...window,
    };
    console.log(
      outcome.error
        ? `FAILED: ${outcome.error}`
        : `${outcome.rows} rows, ${result.seconds} s, peak RSS ${window.peakRssMb} MB (VmHWM ${vmHwmMb ?? '—'} MB)`,
    );
    steps.push(result);
    return result;
  };

  let exportId: string | null = null;
  await measure('create', 'POST /api/v1/operator/reading-exports', async () => {
    const response = await fetch(`${server.url}/api/v1/operator/reading-exports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ period }),
    });
    const body = await response.text();
    if (response.status !== 201) {
      return {
        status: response.status,
        rows: null,
        bytes: null,
        error: `${response.status} ${body.slice(0, 300)}`,
      };
    }
    const created = JSON.parse(body) as { id: string; readingCount: number };
    exportId = created.id;
    return { status: response.status, rows: created.readingCount, bytes: null, error: null };
  });
  if (!exportId) return steps;

  for (const name of formats) {
    const { format, encoding } = EXPORT_FORMATS[name];
    await measure(name, `GET …/reading-exports/:id/file?format=${format}&encoding=${encoding}`, async () => {
      const response = await fetch(
        `${server.url}/api/v1/operator/reading-exports/${exportId}/file?format=${format}&encoding=${encoding}`,
        { headers },
      );
      if (response.status !== 200 || !response.body) {
        const body = await response.text();
        return {
          status: response.status,
          rows: null,
          bytes: null,
          error: `${response.status} ${body.slice(0, 300)}`,
        };
      }
      // CSV: one line per row after the header; JSON: one object per row, each opening with its account.
      const counter = new StreamCounter(Buffer.from(format === 'csv' ? '\n' : '{"accountNumber":'));
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) counter.add(read.value);
      return {
        status: response.status,
        rows: format === 'csv' ? counter.matches - 1 : counter.matches,
        bytes: counter.bytes,
        error: null,
      };
    });
  }
  return steps;
}
