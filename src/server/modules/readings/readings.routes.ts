// The subscriber's meters and readings: /api/v1/accounts/:accountId/meters/*.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountIdParamsSchema } from '../../../shared/api/accounts.ts';
import {
  historyResponseSchema,
  meterParamsSchema,
  metersResponseSchema,
  previewResponseSchema,
  type SubmitReadingResponse,
  submitReadingRequestSchema,
  submitReadingResponseSchema,
} from '../../../shared/api/readings.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { idempotencyKeyOf } from '../../http/idempotency-key.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { getHistory, getMeters, previewReading, submitReading } from './readings.service.ts';

/** 201 with the answer; a replayed answer says so in `Idempotent-Replayed`. */
export async function replyWithSubmission(
  reply: FastifyReply,
  submission: Promise<{ response: SubmitReadingResponse; replayed: boolean }>,
) {
  const { response, replayed } = await submission;
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(201).send(response);
}

export const readingsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, database }) => {
  app.get(
    '/api/v1/accounts/:accountId/meters',
    {
      schema: {
        tags: ['readings'],
        summary: "The account's meters with their last reading and the submission window",
        params: accountIdParamsSchema,
        response: { 200: metersResponseSchema, ...errorsOf(400, 401, 404) },
      },
    },
    async (request) => getMeters(db, requireCaller(request).session.userId, request.params.accountId),
  );

  app.post(
    '/api/v1/accounts/:accountId/meters/:meterId/readings/preview',
    {
      schema: {
        tags: ['readings'],
        summary:
          'What a reading would count for, its consumption and cost, warnings and errors; saves nothing',
        params: meterParamsSchema,
        body: submitReadingRequestSchema,
        response: { 200: previewResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request) =>
      previewReading(
        database,
        { userId: requireCaller(request).session.userId, as: 'subscriber' },
        request.params.accountId,
        request.params.meterId,
        request.body,
      ),
  );

  app.post(
    '/api/v1/accounts/:accountId/meters/:meterId/readings',
    {
      schema: {
        tags: ['readings'],
        summary:
          'Submit a reading (Idempotency-Key supported). Warnings need "confirm": true (409 otherwise); rule errors are 422',
        params: meterParamsSchema,
        body: submitReadingRequestSchema,
        response: { 201: submitReadingResponseSchema, ...errorsOf(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      replyWithSubmission(
        reply,
        submitReading(
          database,
          { userId: requireCaller(request).session.userId, as: 'subscriber' },
          request.params.accountId,
          request.params.meterId,
          request.body,
          idempotencyKeyOf(request.headers),
        ),
      ),
  );

  app.get(
    '/api/v1/accounts/:accountId/meters/:meterId/readings',
    {
      schema: {
        tags: ['readings'],
        summary: "A meter's readings (every submission) and 24 months of consumption",
        params: meterParamsSchema,
        response: { 200: historyResponseSchema, ...errorsOf(400, 401, 404) },
      },
    },
    async (request) =>
      getHistory(db, requireCaller(request).session.userId, request.params.accountId, request.params.meterId),
  );
};
