// Imports from the billing system: POST /api/v1/operator/imports/:kind with the file as the body
// (CSV, XLSX or JSON), its batch's progress and report; and the organization's API keys. Imports
// accept an operator's session or an organization API key (X-API-Key) with the `imports` scope.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  API_KEY_HEADER,
  apiKeyParamsSchema,
  apiKeysResponseSchema,
  createApiKeyRequestSchema,
  createApiKeyResponseSchema,
  createImportQuerySchema,
  createImportResponseSchema,
  IMPORT_MAX_BYTES,
  importDetailsSchema,
  importKindParamsSchema,
  importParamsSchema,
  importQuerySchema,
  importsListQuerySchema,
  importsListResponseSchema,
} from '../../../shared/api/imports.ts';
import { organizationQuerySchema } from '../../../shared/api/readings.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';
import { createImport, importReportCsv, listImports, readImport } from './imports.service.ts';

interface UploadedFile {
  content: Buffer;
  /** SHA-256 of the bytes, hex. */
  contentHash: string;
}

type Request = {
  headers: Record<string, unknown>;
  caller: { session: Parameters<typeof requireStaffScope>[1] } | null;
};

/** Who imports: the API key's organization, or the staff member's. */
async function importer(
  db: ModuleContext['db'],
  request: Request & { ip: string },
  organizationId: string | undefined,
): Promise<{ organizationId: string; userId: string | null; apiKeyId: string | null; locale: 'ru' | 'en' }> {
  const key = request.headers[API_KEY_HEADER];
  if (typeof key === 'string') {
    const caller = await authenticateApiKey(db, key, 'imports', organizationId);
    return { organizationId: caller.organizationId, userId: null, apiKeyId: caller.apiKeyId, locale: 'ru' };
  }
  const { session } = requireCaller(request as never);
  const scope = await requireStaffScope(db, session, organizationId);
  const user = await db
    .selectFrom('users')
    .select('locale')
    .where('id', '=', session.userId)
    .executeTakeFirst();
  return {
    organizationId: scope.organizationId,
    userId: scope.userId,
    apiKeyId: null,
    locale: user?.locale ?? 'ru',
  };
}

export const importsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, queue }) => {
  // The file is the body as it is: its bytes are hashed as they arrive (the hash names the file),
  // so no parser may change them, and no separate pass over 70 MB holds the process afterwards.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => {
    const hash = createHash('sha256');
    const parts: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | null, body?: UploadedFile) => {
      if (settled) return;
      settled = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > IMPORT_MAX_BYTES) {
        settle(Object.assign(new Error('The file is larger than imports accept.'), { statusCode: 413 }));
        payload.resume();
        return;
      }
      hash.update(chunk);
      parts.push(chunk);
    });
    payload.on('end', () =>
      settle(null, { content: Buffer.concat(parts, size), contentHash: hash.digest('hex') }),
    );
    payload.on('error', (error) => settle(error));
  });

  app.post(
    '/api/v1/operator/imports/:kind',
    {
      config: { apiKey: true, rawBody: true },
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['operator'],
        summary:
          'Upload a file to import (CSV UTF-8/Windows-1251 with ; or ,, XLSX, or JSON); answers with its batch, checked and applied by a job',
        description:
          'The body is the file itself. Send `X-API-Key: abk_…` (scope imports) or use an operator session. The same bytes again return the earlier batch with duplicate: true. Formats: docs/import-formats.md.',
        params: importKindParamsSchema,
        querystring: createImportQuerySchema,
        response: {
          200: createImportResponseSchema,
          202: createImportResponseSchema,
          ...errorsOf(400, 401, 403, 413),
        },
      },
    },
    async (request, reply) => {
      const actor = await importer(db, request, request.query.organizationId);
      const body = request.body as UploadedFile | undefined;
      const created = await createImport({ db, queue }, { ...actor, ip: request.ip }, request.params.kind, {
        content: body?.content ?? Buffer.alloc(0),
        contentHash: body?.contentHash ?? '',
        fileName: request.query.fileName ?? null,
        contentType: request.headers['content-type'],
      });
      return reply
        .status(created.duplicate ? 200 : 202)
        .send({ import: created.batch, duplicate: created.duplicate });
    },
  );

  app.get(
    '/api/v1/operator/imports',
    {
      config: { apiKey: true },
      schema: {
        tags: ['operator'],
        summary: "The organization's recent imports, newest first",
        querystring: importsListQuerySchema,
        response: { 200: importsListResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = await importer(db, request, request.query.organizationId);
      return { imports: await listImports(db, actor.organizationId, request.query.limit) };
    },
  );

  app.get(
    '/api/v1/operator/imports/:importId',
    {
      config: { apiKey: true },
      schema: {
        tags: ['operator'],
        summary: 'One import: status, progress (rows read, checked, applied), the first bad rows, the result',
        params: importParamsSchema,
        querystring: importQuerySchema,
        response: { 200: importDetailsSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = await importer(db, request, request.query.organizationId);
      return readImport(
        db,
        actor.organizationId,
        request.params.importId,
        request.query.lang ?? actor.locale,
      );
    },
  );

  app.get(
    '/api/v1/operator/imports/:importId/report.csv',
    {
      config: { apiKey: true },
      schema: {
        tags: ['operator'],
        summary: 'Every bad row of a rejected import as CSV: row, column, value, reason (ru or en)',
        params: importParamsSchema,
        querystring: importQuerySchema,
        response: { 200: z.string(), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = await importer(db, request, request.query.organizationId);
      const report = await importReportCsv(
        db,
        actor.organizationId,
        request.params.importId,
        request.query.lang ?? actor.locale,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${report.fileName}"`)
        .send(report.content);
    },
  );
};

export const apiKeysRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  app.get(
    '/api/v1/operator/api-keys',
    {
      schema: {
        tags: ['operator'],
        summary: "The organization's API keys (never the keys themselves)",
        querystring: organizationQuerySchema,
        response: { 200: apiKeysResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return { keys: await listApiKeys(db, scope) };
    },
  );

  app.post(
    '/api/v1/operator/api-keys',
    {
      schema: {
        tags: ['operator'],
        summary: 'Create an API key for the billing system (administrators); the key is shown once',
        querystring: organizationQuerySchema,
        body: createApiKeyRequestSchema,
        response: { 201: createApiKeyResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return reply.status(201).send(await createApiKey(db, scope, request.body, request.ip));
    },
  );

  app.delete(
    '/api/v1/operator/api-keys/:keyId',
    {
      schema: {
        tags: ['operator'],
        summary: 'Revoke an API key (administrators); it stops working at once',
        params: apiKeyParamsSchema,
        querystring: organizationQuerySchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      await revokeApiKey(db, scope, request.params.keyId, request.ip);
      return reply.status(204).send(null);
    },
  );
};
