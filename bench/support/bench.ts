// What a bench module exports: bench/benches/<name>.ts default-exports defineBench({...}) and
// bench/run.ts finds it by file name, so adding a bench is adding one file.
import type { ParseArgsConfig } from 'node:util';

export type BenchOptions = NonNullable<ParseArgsConfig['options']>;
export type BenchValues = Record<string, string | boolean | undefined>;

export interface BenchDefinition {
  /** One line for the usage list. */
  summary: string;
  /** Flags on top of --help, in node:util parseArgs form; every flag needs a `description`. */
  options: Record<string, BenchOptions[string] & { description: string }>;
  /** Runs the bench; throw (or resolve to false) to make `npm run bench` exit non-zero. */
  run(values: BenchValues): Promise<boolean | undefined>;
}

export function defineBench(definition: BenchDefinition): BenchDefinition {
  return definition;
}

/** A positive whole number from a flag, with the flag's name in the error. */
export function intFlag(values: BenchValues, name: string, fallback: number, min = 1): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} must be a whole number ≥ ${min} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/** A mistake in the command line: run.ts prints the usage with it and exits 2. */
export class UsageError extends Error {}
