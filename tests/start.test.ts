import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('starting the server', () => {
  it('refuses bad configuration with one message naming each bad variable, and exit code 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'abc', LOG_LEVEL: 'chatty', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT="abc"');
    expect(result.stderr).toContain('LOG_LEVEL="chatty"');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('the compiled server that npm start runs', () => {
  it('starts from dist/server on a new embedded database, seeds the demo and finds its data files', async () => {
    const { buildServer } = (await import(path.join(root, 'scripts/build-server.mjs'))) as {
      buildServer: () => Promise<string>;
    };
    const bundle = await buildServer();
    expect(path.relative(root, bundle)).toBe(path.join('dist', 'server', 'main.mjs'));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'abonent-start-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        DEMO: 'true',
        DEMO_ACCOUNTS: '10',
        WORKER: 'off',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(
        async () => (await fetch(`${base}/readyz`)).status === 200,
        90_000,
        () => stderr,
      );
      const found = await fetch(`${base}/api/v1/organizations?query=${encodeURIComponent('Рязань')}`);
      const { organizations } = (await found.json()) as { organizations: { id: string }[] };
      expect(organizations.length).toBeGreaterThan(0);
      // The common-password list is read from the source tree, not from beside the bundle.
      const response = await fetch(`${base}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organizationId: organizations[0]!.id,
          accountNumber: '1',
          proof: '1,00',
          email: 'someone@example.com',
          password: 'qwertyuiop',
          consent: true,
        }),
      });
      const body = (await response.json()) as { error: { code: string; details?: unknown } };
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(body.error.code).toBe('PASSWORD_TOO_WEAK');
      expect(JSON.stringify(body.error.details)).toContain('common');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Not ready within ${timeoutMs} ms:\n${output()}`);
}
