// /api/v1/profile/two-factor: set up, enable (returns recovery codes once), disable.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  disableTwoFactorSchema,
  recoveryCodesResponseSchema,
  totpCodeSchema,
  totpSetupResponseSchema,
} from '../../../shared/api/two-factor.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { finishSetup, startSetup, turnOff } from './two-factor.service.ts';

export const twoFactorRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  app.post(
    '/api/v1/profile/two-factor/setup',
    {
      schema: {
        tags: ['profile'],
        summary: 'Start two-factor setup: a new TOTP secret for your authenticator app',
        response: { 200: totpSetupResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => startSetup(db, requireCaller(request).session.userId),
  );

  app.post(
    '/api/v1/profile/two-factor/enable',
    {
      schema: {
        tags: ['profile'],
        summary: 'Confirm with a code from the app; returns 10 single-use recovery codes, shown once',
        body: totpCodeSchema,
        response: { 200: recoveryCodesResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const { session } = requireCaller(request);
      return finishSetup(
        db,
        { userId: session.userId, sessionId: session.sessionId, ip: request.ip },
        request.body.code,
      );
    },
  );

  app.post(
    '/api/v1/profile/two-factor/disable',
    {
      schema: {
        tags: ['profile'],
        summary: 'Turn two-factor off (subscribers only): password and a code',
        body: disableTwoFactorSchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await turnOff(
        db,
        { userId: requireCaller(request).session.userId, ip: request.ip },
        request.body.password,
        request.body.code,
      );
      return reply.status(204).send(null);
    },
  );
};
