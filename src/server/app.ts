// Builds the Fastify application from plugins and feature modules; used by main.ts and by tests.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { sandboxBankRoutes } from './adapters/payments/sandbox/sandbox-bank.routes.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerSessions } from './http/session.ts';
import { isClientRoute, registerWebApp } from './http/web-app.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { readAccountNumberForBench } from './modules/accounts/accounts.repository.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { exportsRoutes } from './modules/exports/exports.routes.ts';
import { householdRoutes } from './modules/household/household.routes.ts';
import { apiKeysRoutes, importsRoutes } from './modules/imports/imports.routes.ts';
import { instanceRoutes } from './modules/instance/instance.routes.ts';
import { mailboxRoutes } from './modules/mail/mailbox.routes.ts';
import { operatorConsoleRoutes } from './modules/operator-console/operator-console.routes.ts';
import { organizationSettingsRoutes } from './modules/organization-settings/organization-settings.routes.ts';
import { paymentRulesRoutes } from './modules/payment-rules/payment-rules.routes.ts';
import { cardPaymentsRoutes } from './modules/payments/card-payments.routes.ts';
import { createGatewayDirectory } from './modules/payments/gateway-directory.ts';
import { gatewaySettingsRoutes } from './modules/payments/gateway-settings.routes.ts';
import { refundsRoutes } from './modules/payments/refunds.routes.ts';
import { platformAdminRoutes } from './modules/platform-admin/platform-admin.routes.ts';
import { profileRoutes } from './modules/profile/profile.routes.ts';
import { operatorReadingsRoutes } from './modules/readings/operator-readings.routes.ts';
import { readingsRoutes } from './modules/readings/readings.routes.ts';
import { receiptsRoutes } from './modules/receipts/receipts.routes.ts';
import { registrationRoutes } from './modules/registration/registration.routes.ts';
import { twoFactorRoutes } from './modules/two-factor/two-factor.routes.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Started by the caller (main.ts, tests); the app only sends jobs. */
  queue: JobQueue;
  /** Tests pass false to keep their output quiet. */
  logger?: boolean;
  /** Where log lines go (default stdout); tests capture them to check what is never logged. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp({
  config,
  database,
  queue,
  logStream,
  logger = true,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
          // Query strings can carry single-use tokens (links opened from e-mails): log paths only.
          serializers: {
            req: (request: { method: string; url: string; id: string }) => ({
              method: request.method,
              url: request.url.split('?')[0],
              id: request.id,
            }),
          },
          ...(logStream ? { stream: logStream } : {}),
        }
      : false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  registerErrorHandling(app);
  registerInputGuard(app);
  registerMetrics(app);
  await registerOpenApi(app, config.publicUrl);
  registerSessions(app, database, { secureCookies: config.secureCookies });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  const context = { db: database.db, database, config, queue };
  await app.register(authRoutes, context);
  await app.register(accountsRoutes, context);
  await app.register(instanceRoutes, context);
  await app.register(registrationRoutes, context);
  await app.register(profileRoutes, context);
  await app.register(householdRoutes, context);
  await app.register(twoFactorRoutes, context);
  await app.register(readingsRoutes, context);
  await app.register(receiptsRoutes, context);
  await app.register(operatorReadingsRoutes, context);
  await app.register(operatorConsoleRoutes, context);
  if (config.demo) await app.register(mailboxRoutes, context);
  // Card payments go through each organization's gateway, or the sandbox bank in demo mode (ADR 0011).
  const gateways = createGatewayDirectory(database.db, config, (line) => app.log.info(line));
  await app.register(cardPaymentsRoutes, { ...context, gateways });
  await app.register(refundsRoutes, { ...context, gateways });
  await app.register(gatewaySettingsRoutes, context);
  await app.register(paymentRulesRoutes, context);
  await app.register(importsRoutes, context);
  await app.register(apiKeysRoutes, context);
  await app.register(exportsRoutes, context);
  await app.register(platformAdminRoutes, context);
  await app.register(organizationSettingsRoutes, context);
  if (config.sandboxBank) await app.register(sandboxBankRoutes, context);
  if (config.bench) registerBenchBaselines(app, database);

  const hasWebApp = await registerWebApp(app);
  app.setNotFoundHandler((request, reply) => {
    if (hasWebApp && isClientRoute(request.method, request.url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}.`,
        requestId: request.id,
      },
    });
  });
  return app;
}

/** Baselines for `npm run bench`: the HTTP ceiling and the one-select floor of this same server. */
function registerBenchBaselines(app: FastifyInstance, database: Database): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/bench/ping', { schema: { hide: true } }, async () => ({ ok: true }));
  typed.get(
    '/bench/accounts/:accountId',
    { schema: { hide: true, params: z.object({ accountId: z.uuid() }) } },
    async (request) => (await readAccountNumberForBench(database.db, request.params.accountId)) ?? null,
  );
}
