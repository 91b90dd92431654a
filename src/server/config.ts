// The only reader of process.env: parses the environment once at boot and explains every bad variable.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int('must be a port number (0–65535)')
    .min(0, 'must be a port number (0–65535)')
    .max(65535, 'must be a port number (0–65535)')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO: booleanFromEnv.optional(),
  SANDBOX_BANK: booleanFromEnv.optional(),
  SANDBOX_BANK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GATEWAY_SECRETS_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be base64 of 32 random bytes')
    .optional(),
  PAYMENT_GATEWAY_TEST_URLS: booleanFromEnv.default(false),
  DEMO_ACCOUNTS: z.coerce.number().int().min(10).max(1_000_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BENCH: booleanFromEnv.default(false),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  TRUST_PROXY: booleanFromEnv.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Абонент <no-reply@abonent.local>'),
  WORKER: z.enum(['on', 'off']).default('on'),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  demo: boolean;
  demoAccounts: number;
  /**
   * The built-in sandbox bank (/sandbox-bank/*), on in demo mode unless SANDBOX_BANK says; null when
   * off. `secret` signs its notifications (random per process unless SANDBOX_BANK_SECRET is set).
   */
  sandboxBank: { secret: string } | null;
  /**
   * Seals the organizations' gateway credentials (AES-256-GCM); null when unset, and then only the
   * sandbox bank can be configured.
   */
  gatewaySecretsKey: Buffer | null;
  /**
   * Whether administrators may point YooKassa or T-Bank at another address than the bank's own (a
   * test server). Off in production: the address receives the stored secret with every request.
   */
  gatewayTestUrls: boolean;
  logLevel: Environment['LOG_LEVEL'];
  /** Adds the bench-only routes used by `npm run bench` as baselines. */
  bench: boolean;
  trustProxy: boolean;
  /** SMTP when set; otherwise the built-in mailbox. */
  mail: { kind: 'smtp'; url: string; from: string } | { kind: 'mailbox'; from: string };
  /** Run the job workers in this process (`WORKER=off` for web-only processes). */
  worker: boolean;
  nodeEnv: Environment['NODE_ENV'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Parses an environment (process.env by default); throws ConfigError naming every bad variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const defined = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = environment[name];
      return `${name}=${JSON.stringify(value)}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const dataDir = path.resolve(env.DATA_DIR);
  const demo = env.DEMO ?? !env.DATABASE_URL;
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    demo,
    sandboxBank:
      (env.SANDBOX_BANK ?? demo)
        ? { secret: env.SANDBOX_BANK_SECRET ?? randomBytes(32).toString('hex') }
        : null,
    gatewaySecretsKey: env.GATEWAY_SECRETS_KEY ? Buffer.from(env.GATEWAY_SECRETS_KEY, 'base64') : null,
    gatewayTestUrls: env.PAYMENT_GATEWAY_TEST_URLS,
    demoAccounts: env.DEMO_ACCOUNTS,
    logLevel: env.LOG_LEVEL,
    bench: env.BENCH,
    trustProxy: env.TRUST_PROXY,
    mail: env.SMTP_URL
      ? { kind: 'smtp', url: env.SMTP_URL, from: env.MAIL_FROM }
      : { kind: 'mailbox', from: env.MAIL_FROM },
    worker: env.WORKER === 'on',
    nodeEnv: env.NODE_ENV,
  };
}

/** For scripts and tests that need to know whether the caller configured PostgreSQL or Chromium. */
export function readOptionalEnvironment(environment: Record<string, string | undefined> = process.env) {
  return {
    databaseUrl: environment.DATABASE_URL || undefined,
    ci: environment.CI === 'true' || environment.CI === '1',
    chromiumPath: environment.CHROMIUM_PATH || '/usr/bin/chromium',
    /** Set by .ci/run only when PostgreSQL truly cannot be started: CI then runs the PGlite pass alone. */
    allowMissingPostgres: environment.ABONENT_ALLOW_MISSING_POSTGRES === 'true',
  };
}
