import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { databaseKinds } from '../../tests/support/test-database.ts';
import { AppError } from './errors.ts';

describe.each(databaseKinds)('HTTP plumbing on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { BENCH: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await t.app.inject('/healthz');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('publishes the OpenAPI document with the subscriber routes', async () => {
    const document = (await t.app.inject('/api/docs/json')).json();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/accounts/{accountId}/summary',
      '/api/v1/accounts/{accountId}/charges',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(Object.keys(document.paths)).not.toContain('/bench/ping');
  });

  it('answers unknown API paths with a JSON 404 in the standard error shape', async () => {
    const response = await t.app.inject('/api/v1/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'NOT_FOUND',
      requestId: response.headers['x-request-id'],
    });
  });

  it('sends security headers with a CSP that allows only this origin', async () => {
    const response = await t.app.inject('/healthz');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('turns an unexpected error into a generic 500 carrying the request id and no internals', async () => {
    // A route added only in this test, failing like a bug would.
    const local = await createTestApp(kind, {}, (app) => {
      app.get('/api/v1/test-failure', { config: { anonymous: true } }, async () => {
        throw new Error('secret internal detail: connection string postgres://admin:pw@db');
      });
    });
    try {
      const response = await local.app.inject('/api/v1/test-failure');
      expect(response.statusCode).toBe(500);
      const body = response.json();
      expect(body.error.code).toBe('INTERNAL_ERROR');
      expect(body.error.requestId).toBe(response.headers['x-request-id']);
      expect(response.body).not.toContain('secret');
      expect(response.body).not.toContain('at ');
    } finally {
      await local.close();
    }
  }, 60_000);

  it('tells visitors the demo logins only in demo mode', async () => {
    expect((await t.app.inject('/api/v1/instance')).json()).toEqual({ demo: false, demoLogins: [] });
    const demo = await createTestApp(kind, { DEMO: 'true' });
    try {
      const body = (await demo.app.inject('/api/v1/instance')).json();
      expect(body.demo).toBe(true);
      expect(body.demoLogins).toContainEqual({
        role: 'subscriber',
        email: 'demo@abonent.local',
        password: 'demo-password',
      });
    } finally {
      await demo.close();
    }
  }, 60_000);

  it('maps AppError codes to their statuses', () => {
    expect(new AppError('ACCOUNT_NOT_FOUND', 'x').status).toBe(404);
    expect(new AppError('TOO_MANY_ATTEMPTS', 'x').status).toBe(429);
    expect(new AppError('CSRF_FAILED', 'x').status).toBe(403);
  });

  it('serves the bench baselines only in bench mode', async () => {
    expect((await t.app.inject('/bench/ping')).json()).toEqual({ ok: true });
    const plain = await createTestApp(kind);
    try {
      // Without bench mode the path is not an API route (at most the web app's fallback page).
      expect((await plain.app.inject('/bench/ping')).body).not.toContain('"ok":true');
    } finally {
      await plain.close();
    }
  }, 60_000);
});
