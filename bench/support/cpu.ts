// Where the CPU went during a measurement window, from /proc (Linux only; null elsewhere): the
// server child, PostgreSQL's processes (every database on this machine's server), this load
// generator, and everything else. All in % of one core, so on 2 cores they add up to ≤ 200.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const CLOCK_TICKS_PER_SECOND = 100;

function statFields(pid: number | string): { comm: string; ticks: number; systemTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
    const fields = stat.slice(close + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      ticks: Number(fields[11]) + Number(fields[12]),
      systemTicks: Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function machineBusyTicks(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return user! + nice! + system! + irq! + softirq! + steal!;
  } catch {
    return null;
  }
}

function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(entry);
    if (stat?.comm === 'postgres') ticks.set(Number(entry), stat.ticks);
  }
  return ticks;
}

export interface CpuSnapshot {
  at: bigint;
  machine: number | null;
  server: { ticks: number; systemTicks: number } | null;
  postgres: Map<number, number>;
  self: NodeJS.CpuUsage;
}

export function cpuSnapshot(serverPid: number | null): CpuSnapshot {
  return {
    at: process.hrtime.bigint(),
    machine: machineBusyTicks(),
    server: serverPid === null ? null : statFields(serverPid),
    postgres: postgresTicks(),
    self: process.cpuUsage(),
  };
}

export interface CpuShare {
  /** The server child process. */
  server: number | null;
  /** The part of `server` spent in the kernel (system calls: sockets, files). */
  serverSystem: number | null;
  /** All `postgres` processes of the machine (other databases' work included). */
  postgres: number | null;
  /** This process: autocannon and the bench itself. */
  loadGenerator: number;
  /** The rest of the machine: other people's work, the kernel's own threads. */
  other: number | null;
  /** The whole machine, % of one core; at most cores × 100. */
  machine: number | null;
  cores: number;
}

export function cpuBetween(start: CpuSnapshot, end: CpuSnapshot): CpuShare {
  const seconds = Number(end.at - start.at) / 1e9;
  const percent = (ticks: number) => Math.round((ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100);
  const server = start.server && end.server ? percent(end.server.ticks - start.server.ticks) : null;
  const serverSystem =
    start.server && end.server ? percent(end.server.systemTicks - start.server.systemTicks) : null;
  let postgresDelta = 0;
  for (const [pid, ticks] of end.postgres) postgresDelta += ticks - (start.postgres.get(pid) ?? 0);
  const postgres = end.postgres.size > 0 || start.postgres.size > 0 ? percent(postgresDelta) : null;
  const loadGenerator = Math.round(
    ((end.self.user - start.self.user + end.self.system - start.self.system) / 1e6 / seconds) * 100,
  );
  const machine =
    start.machine !== null && end.machine !== null ? percent(end.machine - start.machine) : null;
  const other =
    machine === null ? null : Math.max(0, machine - (server ?? 0) - (postgres ?? 0) - loadGenerator);
  return { server, serverSystem, postgres, loadGenerator, other, machine, cores: os.cpus().length };
}

/** How busy the machine is right now, measured over `ms`, in % of one core. */
export async function machineBusy(ms = 1000): Promise<CpuShare> {
  const start = cpuSnapshot(null);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return cpuBetween(start, cpuSnapshot(null));
}
