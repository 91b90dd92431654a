// One route under load: autocannon in this (the bench) process against the server child, first a
// warm-up whose figures are thrown away, then the measured run. Each request is built by `next()`,
// so a route can rotate over many ids and tokens, and send a method other than GET with a body.
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { type BenchServer, round, type WindowStats } from './server.ts';

export interface RouteRequest {
  path: string;
  /** GET unless given. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as it is; give its content-type in `headers`. */
  body?: string;
}

export interface RouteSpec {
  key: string;
  /** e.g. `GET /bench/ping`. */
  route: string;
  description: string;
  /** The status every answer should have: 200 unless given. */
  expectedStatus?: number;
  next(): RouteRequest;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface RouteResult extends WindowStats {
  key: string;
  route: string;
  description: string;
  requestsPerSecond: number;
  requestsTotal: number;
  /** Latency of 2xx responses, ms, measured here (autocannon's own histogram rounds to whole ms). */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; p999: number; max: number };
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** The status every answer should have (200 unless the route says otherwise). */
  expectedStatus: number;
  /** Responses other than `expectedStatus`, by status. */
  statusCodes: Record<string, number>;
  autocannon: { latencyP50: number; latencyP99: number; requestsAverage: number; durationSeconds: number };
}

/** A growable list of latencies. */
class Samples {
  private values = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  summary(): RouteResult['latencyMs'] {
    const sorted = this.values.slice(0, this.length).sort();
    const at = (q: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
    const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
    return {
      mean: round(mean, 2),
      p50: round(at(0.5), 2),
      p90: round(at(0.9), 2),
      p99: round(at(0.99), 2),
      p999: round(at(0.999), 2),
      max: round(at(1), 2),
    };
  }
}

function fire(
  url: string,
  spec: RouteSpec,
  options: { connections: number; rate?: number },
  durationSeconds: number,
  samples: Samples | null,
): Promise<autocannon.Result> & { stop(): void } {
  const instance = autocannon({
    url,
    connections: options.connections,
    ...(options.rate ? { overallRate: options.rate } : {}),
    duration: durationSeconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const next = spec.next();
          return {
            ...request,
            method: next.method ?? 'GET',
            path: next.path,
            headers: { ...request.headers, ...next.headers },
            ...(next.body === undefined ? {} : { body: next.body }),
          };
        },
      },
    ],
  }) as unknown as Promise<autocannon.Result> & EventEmitter & { stop(): void };
  if (samples) {
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
    });
  }
  return instance;
}

export async function loadRoute(
  server: BenchServer,
  spec: RouteSpec,
  options: LoadOptions,
): Promise<RouteResult> {
  if (options.warmupSeconds > 0) {
    process.stdout.write(`  ${spec.key} ${spec.route}: warm-up ${options.warmupSeconds} s… `);
    await fire(server.url, spec, options, options.warmupSeconds, null);
    await server.drain();
  } else {
    process.stdout.write(`  ${spec.key} ${spec.route}: `);
  }
  process.stdout.write(`measuring ${options.durationSeconds} s… `);
  const samples = new Samples();
  const endWindow = server.window();
  const result = await fire(server.url, spec, options, options.durationSeconds, samples);
  const window = endWindow();
  await server.drain();
  const expectedStatus = spec.expectedStatus ?? 200;
  const statusCodes: Record<string, number> = {};
  for (const [status, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) {
    if (status !== String(expectedStatus)) statusCodes[status] = count;
  }
  const outcome: RouteResult = {
    key: spec.key,
    route: spec.route,
    description: spec.description,
    requestsPerSecond: round(result.requests.average, 0),
    requestsTotal: result.requests.total,
    latencyMs: samples.summary(),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    expectedStatus,
    statusCodes,
    ...window,
    autocannon: {
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      requestsAverage: result.requests.average,
      durationSeconds: result.duration,
    },
  };
  console.log(
    `${outcome.requestsPerSecond} req/s, p99 ${outcome.latencyMs.p99} ms` +
      (outcome.errors || Object.keys(statusCodes).length ? ' — WITH ERRORS' : ''),
  );
  return outcome;
}

export interface PacedResult {
  requestsTotal: number;
  requestsPerSecond: number;
  latencyMs: RouteResult['latencyMs'];
  errors: number;
  non2xx: number;
  seconds: number;
}

/**
 * A route at a fixed overall rate (an open-ish loop: what subscribers send at a given hour, not as
 * fast as the server answers), measured until `until` settles or `maxSeconds` pass.
 */
export async function loadAtRate(
  url: string,
  spec: RouteSpec,
  options: { connections: number; rate: number },
  until: Promise<unknown> | number,
): Promise<PacedResult> {
  const samples = new Samples();
  const started = Date.now();
  const instance = fire(url, spec, options, typeof until === 'number' ? until : 3600, samples);
  if (typeof until !== 'number') void until.finally(() => instance.stop()).catch(() => {});
  const result = await instance;
  const seconds = (Date.now() - started) / 1000;
  return {
    requestsTotal: result.requests.total,
    requestsPerSecond: round(result.requests.total / seconds, 0),
    latencyMs: samples.summary(),
    errors: result.errors,
    non2xx: result.non2xx,
    seconds: round(seconds, 1),
  };
}
