// The operator's readings: /api/v1/operator/readings*, reading exports and reading settings.
// Staff only, of the organization concerned, with a session that passed the second factor.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createExportRequestSchema,
  exportDownloadQuerySchema,
  exportParamsSchema,
  exportsResponseSchema,
  meterParamsSchema,
  operatorReadingsQuerySchema,
  operatorReadingsResponseSchema,
  organizationQuerySchema,
  readingExportSchema,
  readingSettingsSchema,
  rejectReadingRequestSchema,
  submissionParamsSchema,
  submitReadingRequestSchema,
  submitReadingResponseSchema,
} from '../../../shared/api/readings.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { idempotencyKeyOf } from '../../http/idempotency-key.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { assertSessionSecondFactor } from '../two-factor/two-factor.service.ts';
import {
  createExport,
  listExports,
  listPeriodReadings,
  openExportDownload,
  readReadingSettings,
  rejectReading,
  requireStaffScope,
  updateReadingSettings,
} from './operator-readings.service.ts';
import { replyWithSubmission } from './readings.routes.ts';
import { submitReading } from './readings.service.ts';

export const operatorReadingsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, database }) => {
  app.get(
    '/api/v1/operator/readings',
    {
      schema: {
        tags: ['operator'],
        summary: 'Readings of a period, filtered by status, source, export, account or resource',
        querystring: operatorReadingsQuerySchema,
        response: { 200: operatorReadingsResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return listPeriodReadings(db, scope, request.query);
    },
  );

  app.post(
    '/api/v1/operator/accounts/:accountId/meters/:meterId/readings',
    {
      schema: {
        tags: ['operator'],
        summary: "Enter a subscriber's reading (source: operator); the same rules and warnings apply",
        params: meterParamsSchema,
        body: submitReadingRequestSchema,
        response: { 201: submitReadingResponseSchema, ...errorsOf(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      return replyWithSubmission(
        reply,
        submitReading(
          database,
          { userId: session.userId, as: 'operator', afterAccess: () => assertSessionSecondFactor(session) },
          request.params.accountId,
          request.params.meterId,
          request.body,
          idempotencyKeyOf(request.headers),
        ),
      );
    },
  );

  app.post(
    '/api/v1/operator/readings/:submissionId/reject',
    {
      schema: {
        tags: ['operator'],
        summary: 'Reject an accepted reading with a reason the subscriber sees',
        params: submissionParamsSchema,
        querystring: organizationQuerySchema,
        body: rejectReadingRequestSchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      await rejectReading(db, scope, request.params.submissionId, request.body.reason, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/operator/settings/readings',
    {
      schema: {
        tags: ['operator'],
        summary: "The organization's reading window and validation settings",
        querystring: organizationQuerySchema,
        response: { 200: readingSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return readReadingSettings(db, scope.organizationId);
    },
  );

  app.put(
    '/api/v1/operator/settings/readings',
    {
      schema: {
        tags: ['operator'],
        summary: 'Change the reading settings (administrators)',
        querystring: organizationQuerySchema,
        body: readingSettingsSchema,
        response: { 200: readingSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return updateReadingSettings(db, scope, request.body, request.ip);
    },
  );

  app.post(
    '/api/v1/operator/reading-exports',
    {
      schema: {
        tags: ['operator'],
        summary: "Export the period's accepted readings not exported yet, as a new batch",
        body: createExportRequestSchema,
        response: { 201: readingExportSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.body.organizationId);
      return reply.status(201).send(await createExport(db, scope, request.body.period, request.ip));
    },
  );

  app.get(
    '/api/v1/operator/reading-exports',
    {
      schema: {
        tags: ['operator'],
        summary: 'Earlier exports, newest first',
        querystring: organizationQuerySchema,
        response: { 200: exportsResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return { exports: await listExports(db, scope) };
    },
  );

  app.get(
    '/api/v1/operator/reading-exports/:exportId/file',
    {
      schema: {
        tags: ['operator'],
        summary: 'Download an export again: CSV (";", UTF-8 with BOM or Windows-1251) or JSON, streamed',
        params: exportParamsSchema,
        querystring: exportDownloadQuerySchema.extend(organizationQuerySchema.shape),
        response: { 200: z.string().describe('The file (streamed)'), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      const download = await openExportDownload(
        db,
        scope,
        request.params.exportId,
        request.query.format,
        request.query.encoding,
      );
      return (
        reply
          .header('content-type', download.contentType)
          .header('content-disposition', `attachment; filename="${download.fileName}"`)
          // A stream is piped as it is; the 200 schema only documents the file.
          .send(download.stream as unknown as string)
      );
    },
  );
};
