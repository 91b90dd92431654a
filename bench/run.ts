// `npm run bench -- <name> [flags]`: runs bench/benches/<name>.ts. Unknown names and flags print
// the usage; a failed bench exits 1, a bad command line 2.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchDefinition, UsageError } from './support/bench.ts';

const benchesDir = path.join(import.meta.dirname, 'benches');

function benchNames(): string[] {
  return readdirSync(benchesDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

async function loadBench(name: string): Promise<BenchDefinition> {
  const module = (await import(path.join(benchesDir, `${name}.ts`))) as { default?: BenchDefinition };
  if (!module.default?.run) throw new Error(`bench/benches/${name}.ts does not default-export defineBench()`);
  return module.default;
}

async function usage(): Promise<string> {
  const lines = ['Usage: npm run bench -- <name> [flags]', '', 'Benches:'];
  for (const name of benchNames()) {
    const bench = await loadBench(name);
    lines.push(`  ${name}  ${bench.summary}`);
    for (const [flag, option] of Object.entries(bench.options)) {
      const form = option.type === 'string' ? `--${flag} <value>` : `--${flag}`;
      lines.push(`      ${form.padEnd(22)} ${option.description}`);
    }
  }
  lines.push('', 'Results: bench/results/<name>-<database>-<time>.json. See bench/README.md.');
  return lines.join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  if (!benchNames().includes(name)) {
    console.error(`Unknown bench "${name}".\n\n${await usage()}`);
    return 2;
  }
  const bench = await loadBench(name);
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.entries(bench.options).map(([flag, { description: _description, ...option }]) => [flag, option]),
    );
    ({ values } = parseArgs({
      args: rest,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${await usage()}`);
    return 2;
  }
  if (values.help) {
    console.log(await usage());
    return 0;
  }
  try {
    const ok = await bench.run(values);
    return ok === false ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${await usage()}`);
      return 2;
    }
    console.error(`\nbench ${name} failed:`, error);
    return 1;
  }
}

// Exit explicitly: a failed run may leave sockets or timers behind that would keep Node alive.
process.exit(await main());
