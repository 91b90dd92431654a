// The server under test, as a child process: the compiled server that `npm start` runs, with BENCH=true
// on a free port, against PostgreSQL (DATABASE_URL) or PGlite in bench/.data. Seeds the bench data
// first when needed, waits for /readyz, samples the child's RSS and CPU, stops it with SIGTERM.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type CpuShare, cpuBetween, cpuSnapshot } from './cpu.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_DATA_DIR = path.join(ROOT, 'bench/.data');

export type DatabaseKind = 'postgres' | 'pglite';

/** The environment shared by the seed CLI, the discovery script and the server. */
export function benchEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { WORKER: _worker, PORT: _port, DEMO_ACCOUNTS: _demoAccounts, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'production',
    BENCH: 'true',
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: BENCH_DATA_DIR,
    ...extra,
  };
}

export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

/** Compiles the server as `npm start` does; returns the bundle's path. */
function buildServerBundle(): string {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-server.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('Building the server failed (scripts/build-server.mjs)');
  return path.join(ROOT, 'dist/server/main.mjs');
}

/** Runs a TypeScript entry point of the project with tsx; resolves with its exit code and output. */
export function runTs(
  script: string,
  args: string[],
  options: { echo?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: options.env ?? benchEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/**
 * Makes sure the database holds a finished seed of exactly `accounts` accounts: runs the seed CLI,
 * and again with --reset when it reports another size. Data that is not a finished demo seed is
 * replaced only when `reset` is true (the bench's --reset flag), never silently. With
 * `keepExisting`, a finished seed of any size is kept as it is and `accounts` is only the size of
 * a new seed in an empty database. Resolves with the number of accounts the seed holds.
 */
export async function ensureSeed(
  accounts: number,
  reset: boolean,
  options: { keepExisting?: boolean } = {},
): Promise<number> {
  const seed = (withReset: boolean) =>
    runTs(
      'src/server/demo/seed-cli.ts',
      ['--accounts', String(accounts), ...(withReset ? ['--reset'] : [])],
      {
        echo: true,
      },
    );
  console.log(
    options.keepExisting
      ? `Seed: keep any finished seed, else ${accounts} accounts…`
      : `Seed: ${accounts} accounts${reset ? ' (--reset)' : ''}…`,
  );
  let result = await seed(reset);
  if (result.code !== 0) {
    if (/not a finished demo seed/.test(result.stderr + result.stdout)) {
      throw new Error(
        'The database holds data that is not a finished demo seed. Re-run the bench with --reset to ' +
          'replace it (this truncates every table of that database).',
      );
    }
    throw new Error(`The seed CLI failed (exit ${result.code}).`);
  }
  const already = /Already seeded with (\d+) accounts/.exec(result.stdout);
  if (already && options.keepExisting) return Number(already[1]);
  if (already && Number(already[1]) !== accounts) {
    console.log(`Reseeding: the database holds ${already[1]} accounts, the bench wants ${accounts}.`);
    result = await seed(true);
    if (result.code !== 0) throw new Error(`The seed CLI failed (exit ${result.code}).`);
  }
  return accounts;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Current and peak (VmHWM) RSS of one process, from /proc (Linux); null elsewhere. */
export function readProcess(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** A window of measurement: the server's peak RSS in it and where the CPU went. */
export interface WindowStats {
  peakRssMb: number | null;
  cpu: CpuShare;
}

/** Server log lines echoed to stderr; the rest are counted (a failing route can log thousands). */
const ECHOED_LOG_LINES = 20;

export class BenchServer {
  readonly url: string;
  private peakRssKb = 0;
  private windowPeakKb = 0;
  private sampler: NodeJS.Timeout | null = null;
  private exited: Promise<void>;
  private stopping = false;
  private logTail: string[] = [];
  /** Server log lines beyond the first ECHOED_LOG_LINES, not echoed. */
  suppressedLogLines = 0;
  private echoedLogLines = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const keep = (prefix: string) => (chunk: Buffer) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        this.logTail.push(line);
        if (this.logTail.length > 50) this.logTail.shift();
        if (this.echoedLogLines++ < ECHOED_LOG_LINES)
          process.stderr.write(`${prefix} ${line.slice(0, 500)}\n`);
        else this.suppressedLogLines++;
      }
    };
    child.stdout?.on('data', keep('[server]'));
    child.stderr?.on('data', keep('[server!]'));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        // Another process may stop it (e.g. `pkill -f src/server/main.ts` for a dev server): say so,
        // or the run fails only with connection errors.
        if (!this.stopping) {
          process.stderr.write(
            `[server!] pid ${child.pid} exited during the run (${signal ? `signal ${signal}` : `exit code ${code}`})\n`,
          );
        }
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts the server as `npm start` runs it (the compiled bundle of scripts/build-server.mjs) and
   * resolves when /readyz answers 200; `env` adds to benchEnvironment().
   */
  static async start(
    options: { readyTimeoutMs?: number; nodeArgs?: string[]; env?: Record<string, string> } = {},
  ): Promise<BenchServer> {
    const port = await freePort();
    const args = [...(options.nodeArgs ?? []), '--enable-source-maps', buildServerBundle()];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: benchEnvironment({ ...options.env, PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new BenchServer(child, port);
    const stopOnSignal = () => {
      child.kill('SIGTERM');
      process.exit(130);
    };
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    server.exited.then(() => {
      process.off('SIGINT', stopOnSignal);
      process.off('SIGTERM', stopOnSignal);
    });
    try {
      await server.waitReady(options.readyTimeoutMs ?? 180_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    server.sampler = setInterval(() => server.sample(), 100);
    server.sampler.unref();
    return server;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`The server exited before it was ready:\n${this.logTail.join('\n')}`);
      }
      try {
        const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`The server was not ready within ${timeoutMs / 1000} s`);
  }

  private sample(): void {
    const stats = readProcess(this.pid);
    if (!stats || !Number.isFinite(stats.rssKb)) return;
    this.peakRssKb = Math.max(this.peakRssKb, stats.rssKb);
    this.windowPeakKb = Math.max(this.windowPeakKb, stats.rssKb);
  }

  /** Starts a measurement window; call the returned function at its end. */
  window(): () => WindowStats {
    this.sample();
    this.windowPeakKb = 0;
    this.sample();
    const start = cpuSnapshot(this.pid);
    return () => {
      this.sample();
      return {
        peakRssMb: this.windowPeakKb ? round(this.windowPeakKb / 1024, 1) : null,
        cpu: cpuBetween(start, cpuSnapshot(this.pid)),
      };
    };
  }

  /**
   * Waits until requests left over from a load run have finished: /readyz queues for the database
   * behind them (the pool and PGlite's lock serve in order); three in a row cover handlers that
   * run two queries one after the other.
   */
  async drain(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(60_000) }).then((response) =>
        response.text(),
      );
    }
  }

  /** Peak RSS since start (sampled every 100 ms) and the kernel's own high-water mark (VmHWM). */
  memory(): { peakRssMb: number | null; vmHwmMb: number | null } {
    this.sample();
    const stats = readProcess(this.pid);
    return {
      peakRssMb: this.peakRssKb ? round(this.peakRssKb / 1024, 1) : null,
      vmHwmMb: stats && Number.isFinite(stats.hwmKb) ? round(stats.hwmKb / 1024, 1) : null,
    };
  }

  /**
   * Resets the kernel's high-water mark (VmHWM) to the current RSS (`echo 5 > /proc/<pid>/clear_refs`),
   * so that memory().vmHwmMb is then the peak since this call. False where the kernel refuses.
   */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.stopping = true;
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(killed);
  }
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
