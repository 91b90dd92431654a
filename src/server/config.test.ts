import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs the embedded demo on port 3000 when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.demo).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
  });

  it('uses PostgreSQL and turns the demo off by default when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.database.kind).toBe('postgres');
    expect(config.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', DEMO: 'true' }).demo).toBe(true);
  });

  it('makes cookies Secure behind an https public URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://lk.example.ru' }).secureCookies).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="abc"');
    expect(message).toContain('DATABASE_URL="mysql://nope"');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect((error as ConfigError).problems).toHaveLength(3);
  });
});
