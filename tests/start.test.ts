import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
