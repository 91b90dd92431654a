// An app on a fresh test database, driven with fastify.inject; plus helpers to log in.
import type { FastifyInstance } from 'fastify';
import type { MailTransport } from '../../src/server/adapters/mail/mail-transport.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/database.ts';
import { JobQueue } from '../../src/server/jobs/job-queue.ts';
import { createMailTransport, jobDefinitions, startWorkers } from '../../src/server/jobs/workers.ts';
import { buildUser } from './factories.ts';
import { createTestDatabase, type DatabaseKind } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  queue: JobQueue;
  close(): Promise<void>;
}

/** The job queue as tests run it: quick polls and quick retries, workers in this process. */
export async function startTestQueue(
  database: Database,
  config: Config,
  transport?: MailTransport,
): Promise<{ queue: JobQueue; stop(): Promise<void> }> {
  const queue = new JobQueue(database.db, { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
  await queue.start(jobDefinitions);
  const mail = transport ?? createMailTransport(config);
  await startWorkers(queue, database.db, mail, config, database.kind);
  return {
    queue,
    async stop() {
      await queue.stop();
      mail.close();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO: 'false', ...overrides });
}

export async function createTestApp(
  kind: DatabaseKind,
  overrides: Record<string, string> = {},
  /** Adds test-only routes before the app is sealed. */
  configure?: (app: FastifyInstance) => void,
  /** Captures the app's log lines (level from LOG_LEVEL in overrides). */
  logStream?: NodeJS.WritableStream,
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = testConfig(overrides);
  const jobs = await startTestQueue(database, config);
  const app = await buildApp({ config, database, queue: jobs.queue, logger: Boolean(logStream), logStream });
  configure?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    queue: jobs.queue,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}

export interface LoggedIn {
  token: string;
  csrfToken: string;
  cookie: string;
  userId: string;
}

export async function logIn(
  app: FastifyInstance,
  email: string,
  password: string,
  ip = '198.51.100.7',
): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  return { token: body.token, csrfToken: body.csrfToken, cookie, userId: body.user.id };
}

export function bearer(session: { token: string }): Record<string, string> {
  return { authorization: `Bearer ${session.token}` };
}

/**
 * A staff member of the organization, logged in — with the second factor passed, as after a login
 * with the authenticator code (that login itself is tested in two-factor), unless told otherwise.
 */
export async function logInStaff(
  t: TestApp,
  organizationId: string,
  role: 'operator' | 'admin' = 'operator',
  options: { secondFactor?: boolean } = {},
): Promise<LoggedIn> {
  const user = await buildUser(t.database.db);
  await t.database.db
    .insertInto('staff')
    .values({ user_id: user.id, organization_id: organizationId, role })
    .execute();
  const session = await logIn(t.app, user.email, user.password);
  if (options.secondFactor ?? true)
    await t.database.db
      .updateTable('sessions')
      .set({ second_factor_at: new Date() })
      .where('user_id', '=', user.id)
      .execute();
  return session;
}
