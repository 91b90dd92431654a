// Enumeration check by timing: POST /api/v1/auth/login must cost the same for a registered e-mail
// with a wrong password as for an unknown e-mail (the server verifies a decoy argon2 hash), and
// POST /api/v1/auth/password-reset (always 202) the same for registered and unknown e-mails.
// Sequential requests, the two kinds in random order, timed in this process.
import { randomBytes, randomInt } from 'node:crypto';
import os from 'node:os';
import { defineBench, intFlag, UsageError } from '../support/bench.ts';
import { machineBusy } from '../support/cpu.ts';
import { discover } from '../support/discovery.ts';
import { gitRevision, machine, table, writeResult } from '../support/report.ts';
import { BenchServer, databaseKind, ensureSeed, round, type WindowStats } from '../support/server.ts';

// The login limits of src/server/modules/auth/auth.service.ts: 10 failures per e-mail and 100 per
// IP within 15 minutes, then 429. Every wrong password counts against the e-mail, so each e-mail
// gets at most 9 here, fewer when earlier runs left failures inside the window. Each request comes
// from its own X-Forwarded-For address (the server runs with TRUST_PROXY=true), so the per-IP limit
// never applies.
const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 10;
const ATTEMPTS_PER_EMAIL = MAX_FAILURES_PER_EMAIL - 1;
/** Looks back a little further than the server's window, for clock skew and the run's own length. */
const FAILURE_LOOKBACK_MS = LOGIN_WINDOW_MS + 60_000;
const WRONG_PASSWORD = 'not-the-password-2026';
const BOOTSTRAP_RESAMPLES = 2000;

type Endpoint = 'login' | 'reset';
type Kind = 'existing' | 'unknown';
const KINDS: readonly Kind[] = ['existing', 'unknown'];

interface Trial {
  kind: Kind;
  email: string;
  measured: boolean;
}

interface Stats {
  n: number;
  medianMs: number;
  p90Ms: number;
  meanMs: number;
  minMs: number;
  p99Ms: number;
  maxMs: number;
  stdevMs: number;
}

interface PhaseResult extends WindowStats {
  endpoint: Endpoint;
  route: string;
  expected: string;
  stats: Partial<Record<Kind, Stats>>;
  /** Median of unknown ÷ median of existing, with a 95 % bootstrap interval. */
  ratioOfMedians: number | null;
  ratioOfMediansCi95: [number, number] | null;
  ratioOfMeans: number | null;
  /** Registered e-mails used by the measured and warm-up requests, and the most any one of them got. */
  existingEmails: number;
  maxRequestsPerEmail: number;
  /** Kinds in request order (e = existing, u = unknown), warm-up included, and each kind's times. */
  order: string;
  samplesMs: Record<Kind, number[]>;
  rateLimited: number;
  unexpected: number;
  /** True when the phase stopped early (a 429). */
  aborted: boolean;
  durationSeconds: number;
}

export default defineBench({
  summary: 'login and password-reset timing: registered vs. unknown e-mails (enumeration check)',
  options: {
    samples: { type: 'string', description: 'measured requests per kind and endpoint (default 200)' },
    warmup: {
      type: 'string',
      description: 'warm-up requests per kind and endpoint, not measured (default 20)',
    },
    accounts: {
      type: 'string',
      description:
        'accounts to seed, reseeding another size (default: keep any finished seed; an empty database ' +
        'gets 200 on PGlite, 100000 on PostgreSQL)',
    },
    users: { type: 'string', description: 'registered users the requests rotate over (default 400)' },
    endpoints: { type: 'string', description: 'login, reset or login,reset (default login,reset)' },
    reset: { type: 'boolean', description: 'replace whatever the database holds with a fresh seed' },
  },
  async run(values) {
    const kind = databaseKind();
    const options = {
      samples: intFlag(values, 'samples', 200),
      warmup: intFlag(values, 'warmup', 20, 0),
      accounts: intFlag(values, 'accounts', kind === 'postgres' ? 100_000 : 200, 10),
      keepExistingSeed: values.accounts === undefined,
      users: intFlag(values, 'users', 400),
      endpoints: parseEndpoints(values.endpoints),
    };
    const startedAt = new Date();
    console.log(
      `auth bench on ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (bench/.data)'}: ` +
        `${options.endpoints.join(' + ')}, ${options.warmup} warm-up + ${options.samples} measured ` +
        'requests per kind, one at a time',
    );

    const accounts = await ensureSeed(options.accounts, values.reset === true, {
      keepExisting: options.keepExistingSeed && values.reset !== true,
    });
    const discovery = await discover({
      users: options.users,
      accountIds: 1,
      recentFailuresMs: FAILURE_LOOKBACK_MS,
    });
    if (discovery.accounts !== accounts) {
      throw new Error(`The database holds ${discovery.accounts} accounts, expected ${accounts}.`);
    }
    if (discovery.userEmails.length === 0) throw new Error('The database holds no user<N>@abonent.local.');
    const perKind = options.warmup + options.samples;
    // Fails before the server starts when the registered e-mails cannot take the wrong passwords.
    const loginEmails = options.endpoints.includes('login')
      ? spreadAttempts(discovery.userEmails, discovery.recentFailures ?? {}, perKind)
      : [];

    const before = await machineBusy(2000);
    if (before.machine !== null && before.machine > 30) {
      console.warn(
        `Warning: the machine is already busy (${before.machine} % of one core, ${before.cores} cores; ` +
          `PostgreSQL ${before.postgres ?? '—'} %) — other work will skew these figures.`,
      );
    }
    console.log(`Seed: ${discovery.accounts} accounts; ${discovery.userEmails.length} registered users.`);
    console.log('Starting the server (TRUST_PROXY=true)…');
    const server = await BenchServer.start({ env: { TRUST_PROXY: 'true' } });
    const phases: PhaseResult[] = [];
    const problems: string[] = [];
    const nextIp = ipSequence();
    let idle: ReturnType<BenchServer['memory']>;
    let memory: ReturnType<BenchServer['memory']>;
    try {
      idle = server.memory();
      console.log(`Server pid ${server.pid} on ${server.url}, RSS ${idle.peakRssMb} MB after start.`);
      for (const endpoint of options.endpoints) {
        const existing =
          endpoint === 'login'
            ? loginEmails
            : Array.from({ length: perKind }, () => pick(discovery.userEmails));
        const phase = await runPhase(server, endpoint, trials(existing, options), nextIp, problems);
        phases.push(phase);
        if (phase.aborted) break;
      }
    } finally {
      memory = server.memory();
      await server.stop();
    }

    const ok =
      problems.length === 0 &&
      phases.length === options.endpoints.length &&
      phases.every((phase) => !phase.aborted && phase.rateLimited === 0 && phase.unexpected === 0);
    const host = machine();
    const file = writeResult('auth', kind, startedAt, {
      bench: 'auth',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ok,
      git: gitRevision(),
      database: { kind, accounts: discovery.accounts, registeredUsersUsed: discovery.userEmails.length },
      options: { ...options, accounts: discovery.accounts, concurrency: 1, wrongPassword: WRONG_PASSWORD },
      machine: { ...host, loadAverage: os.loadavg(), cpuBeforeStart: before },
      server: {
        env: { TRUST_PROXY: 'true' },
        idleRssMb: idle.peakRssMb,
        peakRssMb: memory.peakRssMb,
        vmHwmMb: memory.vmHwmMb,
        logLinesNotShown: server.suppressedLogLines,
      },
      phases,
      problems,
    });

    if (server.suppressedLogLines > 0) {
      console.log(`(${server.suppressedLogLines} more server log lines were not shown)`);
    }
    console.log('');
    console.log(
      table(
        ['kind', 'n', 'median ms', 'p90 ms', 'mean ms'],
        phases.flatMap((phase) =>
          KINDS.map((which) => {
            const stats = phase.stats[which];
            return [
              `${phase.endpoint} ${which}`,
              stats?.n ?? 0,
              stats?.medianMs ?? null,
              stats?.p90Ms ?? null,
              stats?.meanMs ?? null,
            ];
          }),
        ),
      ),
    );
    console.log('');
    for (const phase of phases) {
      const ci = phase.ratioOfMediansCi95;
      console.log(
        `${phase.endpoint}: median unknown/existing ${phase.ratioOfMedians?.toFixed(3) ?? '—'}` +
          (ci ? ` (95 % bootstrap interval ${ci[0].toFixed(3)}–${ci[1].toFixed(3)})` : '') +
          `, mean ratio ${phase.ratioOfMeans?.toFixed(3) ?? '—'}; ${phase.existingEmails} registered ` +
          `e-mails, ≤ ${phase.maxRequestsPerEmail} requests each; server CPU ${phase.cpu.server ?? '—'} %, ` +
          `PostgreSQL ${phase.cpu.postgres ?? '—'} %, other ${phase.cpu.other ?? '—'} %`,
      );
    }
    console.log(
      'A ratio away from 1.000 means the response time tells whether an e-mail is registered. ' +
        'login existing = registered e-mail with a wrong password.',
    );
    console.log(
      `Database: ${kind}, ${discovery.accounts} accounts; server peak RSS ${memory.peakRssMb} MB; ` +
        `machine: ${host.cpus} × ${host.model}, Node ${host.node}, load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    if (problems.length) {
      console.log(`FAILED — unexpected answers:\n${problems.slice(0, 10).join('\n')}`);
      if (problems.length > 10) console.log(`… and ${problems.length - 10} more (see the results file)`);
    }
    console.log(`Results: ${file}`);
    return ok;
  },
});

function parseEndpoints(raw: string | boolean | undefined): Endpoint[] {
  const all: Endpoint[] = ['login', 'reset'];
  if (raw === undefined) return all;
  const names = String(raw)
    .split(',')
    .map((name) => name.trim());
  if (names.length === 0 || names.some((name) => !all.includes(name as Endpoint))) {
    throw new UsageError('--endpoints takes login, reset or login,reset');
  }
  return all.filter((name) => names.includes(name));
}

/**
 * One registered e-mail per wrong-password login, round-robin over the users in random order so that
 * each gets as few as possible and never more than ATTEMPTS_PER_EMAIL, counting its recent failures.
 */
function spreadAttempts(emails: readonly string[], recentFailures: Record<string, number>, needed: number) {
  const left = new Map(
    shuffle([...emails])
      .map((email): [string, number] => [email, ATTEMPTS_PER_EMAIL - (recentFailures[email] ?? 0)])
      .filter(([, budget]) => budget > 0),
  );
  const assigned: string[] = [];
  while (assigned.length < needed) {
    const before = assigned.length;
    for (const [email, budget] of left) {
      if (assigned.length === needed) break;
      if (budget <= 0) continue;
      assigned.push(email);
      left.set(email, budget - 1);
    }
    if (assigned.length === before) {
      throw new Error(
        `Only ${assigned.length} wrong-password logins fit under the limit of ${MAX_FAILURES_PER_EMAIL} ` +
          `failures per e-mail (${emails.length} users, ${ATTEMPTS_PER_EMAIL} each, minus failures of the ` +
          `last ${FAILURE_LOOKBACK_MS / 60_000} min); ${needed} are needed. Wait for the window to pass, ` +
          'or use more users (--users, --accounts) or fewer requests (--samples, --warmup).',
      );
    }
  }
  return assigned;
}

/**
 * The warm-up, then the measured requests, each part with both kinds in random order. Registered
 * e-mails are handed out in the given order, so the round-robin spread of spreadAttempts holds over time.
 */
function trials(existingEmails: readonly string[], options: { samples: number; warmup: number }): Trial[] {
  const part = (count: number, measured: boolean) =>
    shuffle(KINDS.flatMap((kind) => Array.from({ length: count }, () => ({ kind, measured }))));
  let nextExisting = 0;
  return [...part(options.warmup, false), ...part(options.samples, true)].map((trial) => ({
    ...trial,
    email: trial.kind === 'existing' ? existingEmails[nextExisting++]! : unknownEmail(),
  }));
}

function unknownEmail(): string {
  return `nobody-${randomBytes(6).toString('hex')}@example.test`;
}

/** 10.<random>.x.y, a new address per request: the per-IP login limit never fills. */
function ipSequence(): () => string {
  const second = randomInt(0, 256);
  let counter = 0;
  return () => {
    counter++;
    return `10.${second}.${(counter >> 8) & 255}.${counter & 255}`;
  };
}

async function runPhase(
  server: BenchServer,
  endpoint: Endpoint,
  sequence: Trial[],
  nextIp: () => string,
  problems: string[],
): Promise<PhaseResult> {
  const route = endpoint === 'login' ? 'POST /api/v1/auth/login' : 'POST /api/v1/auth/password-reset';
  const url = `${server.url}${endpoint === 'login' ? '/api/v1/auth/login' : '/api/v1/auth/password-reset'}`;
  const expected = endpoint === 'login' ? '401 INVALID_CREDENTIALS' : '202';
  const samplesMs: Record<Kind, number[]> = { existing: [], unknown: [] };
  const perEmail = new Map<string, number>();
  let rateLimited = 0;
  let unexpected = 0;
  let aborted = false;
  let order = '';
  let end: (() => WindowStats) | null = null;
  const phaseStarted = Date.now();
  console.log(`${route}: ${sequence.length} requests (expect ${expected})…`);

  for (const trial of sequence) {
    if (trial.measured && end === null) end = server.window();
    if (trial.kind === 'existing') perEmail.set(trial.email, (perEmail.get(trial.email) ?? 0) + 1);
    const body = JSON.stringify(
      endpoint === 'login' ? { email: trial.email, password: WRONG_PASSWORD } : { email: trial.email },
    );
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': nextIp() };
    const started = process.hrtime.bigint();
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    order += trial.kind === 'existing' ? 'e' : 'u';

    const fail = (what: string) =>
      problems.push(`${route} ${trial.kind} ${trial.email} → ${what}: ${text.slice(0, 300)}`);
    if (response.status === 429) {
      rateLimited++;
      fail('429 (rate-limited)');
      aborted = true;
      break;
    }
    if (endpoint === 'login') {
      if (response.status !== 401 || errorCode(text) !== 'INVALID_CREDENTIALS') {
        unexpected++;
        fail(`${response.status}, expected ${expected}`);
      }
    } else if (response.status !== 202) {
      unexpected++;
      fail(`${response.status}, expected ${expected}`);
    }
    if (trial.measured) samplesMs[trial.kind].push(ms);
  }
  const window = (end ?? server.window())();

  const stats: Partial<Record<Kind, Stats>> = {};
  for (const kind of KINDS) if (samplesMs[kind].length) stats[kind] = describe(samplesMs[kind]);
  const ratio = (top?: number, bottom?: number) =>
    top !== undefined && bottom !== undefined && bottom > 0 ? round(top / bottom, 3) : null;
  const result: PhaseResult = {
    endpoint,
    route,
    expected,
    stats,
    ratioOfMedians: ratio(stats.unknown?.medianMs, stats.existing?.medianMs),
    ratioOfMediansCi95: bootstrapRatioOfMedians(samplesMs.unknown, samplesMs.existing),
    ratioOfMeans: ratio(stats.unknown?.meanMs, stats.existing?.meanMs),
    existingEmails: perEmail.size,
    maxRequestsPerEmail: Math.max(0, ...perEmail.values()),
    order,
    samplesMs: {
      existing: samplesMs.existing.map((ms) => round(ms, 3)),
      unknown: samplesMs.unknown.map((ms) => round(ms, 3)),
    },
    rateLimited,
    unexpected,
    aborted,
    durationSeconds: round((Date.now() - phaseStarted) / 1000, 1),
    ...window,
  };
  console.log(
    `  median existing ${stats.existing?.medianMs ?? '—'} ms, unknown ${stats.unknown?.medianMs ?? '—'} ms` +
      ` in ${result.durationSeconds} s` +
      (rateLimited || unexpected ? ` — ${rateLimited} rate-limited, ${unexpected} unexpected` : ''),
  );
  return result;
}

function errorCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** Linear interpolation between the closest ranks of a sorted list. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function describe(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  const variance = sorted.reduce((sum, ms) => sum + (ms - mean) ** 2, 0) / Math.max(1, sorted.length - 1);
  return {
    n: sorted.length,
    medianMs: round(quantile(sorted, 0.5), 2),
    p90Ms: round(quantile(sorted, 0.9), 2),
    meanMs: round(mean, 2),
    minMs: round(sorted[0]!, 2),
    p99Ms: round(quantile(sorted, 0.99), 2),
    maxMs: round(sorted[sorted.length - 1]!, 2),
    stdevMs: round(Math.sqrt(variance), 2),
  };
}

/** 95 % percentile-bootstrap interval of median(top) ÷ median(bottom), from a fixed seed. */
function bootstrapRatioOfMedians(top: readonly number[], bottom: readonly number[]): [number, number] | null {
  if (top.length < 2 || bottom.length < 2) return null;
  const random = mulberry32(20_261_125);
  const resampledMedian = (samples: readonly number[]) =>
    quantile(
      Array.from({ length: samples.length }, () => samples[Math.floor(random() * samples.length)]!).sort(
        (a, b) => a - b,
      ),
      0.5,
    );
  const ratios = Array.from(
    { length: BOOTSTRAP_RESAMPLES },
    () => resampledMedian(top) / resampledMedian(bottom),
  ).sort((a, b) => a - b);
  return [round(quantile(ratios, 0.025), 3), round(quantile(ratios, 0.975), 3)];
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function pick<T>(items: readonly T[]): T {
  return items[randomInt(0, items.length)]!;
}
