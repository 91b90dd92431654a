// The organization's settings at /api/v1/operator/settings/organization (staff read, administrators
// change), its logo upload, and the public logo at /api/v1/organizations/:organizationId/logo.
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LOGO_MAX_BYTES,
  organizationLogoParamsSchema,
  organizationSettingsSchema,
  updateOrganizationSettingsSchema,
} from '../../../shared/api/organization-settings.ts';
import { organizationQuerySchema } from '../../../shared/api/readings.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import {
  changeOrganizationLogo,
  readOrganizationLogo,
  readOrganizationSettings,
  removeOrganizationLogo,
  updateOrganizationSettings,
} from './organization-settings.service.ts';

export const organizationSettingsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  app.get(
    '/api/v1/operator/settings/organization',
    {
      schema: {
        tags: ['operator'],
        summary: "The organization's requisites, registration, receipt, branding and support settings",
        querystring: organizationQuerySchema,
        response: { 200: organizationSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return readOrganizationSettings(db, scope);
    },
  );

  app.put(
    '/api/v1/operator/settings/organization',
    {
      schema: {
        tags: ['operator'],
        summary:
          'Replace the settings (administrators); requisites failing a control check are a 400 naming each field',
        querystring: organizationQuerySchema,
        body: updateOrganizationSettingsSchema,
        response: { 200: organizationSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return updateOrganizationSettings(db, scope, request.body, request.ip);
    },
  );

  app.delete(
    '/api/v1/operator/settings/organization/logo',
    {
      schema: {
        tags: ['operator'],
        summary: 'Remove the logo (administrators)',
        querystring: organizationQuerySchema,
        response: { 200: organizationSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return removeOrganizationLogo(db, scope, request.ip);
    },
  );

  app.get(
    '/api/v1/organizations/:organizationId/logo',
    {
      config: { anonymous: true },
      schema: {
        tags: ['operator'],
        summary: "The organization's logo (public, PNG or JPEG); 404 when it has none",
        params: organizationLogoParamsSchema,
        response: { 200: z.string().describe('image/png or image/jpeg'), ...errorsOf(400, 404) },
      },
    },
    async (request, reply) => {
      const logo = await readOrganizationLogo(db, request.params.organizationId);
      const etag = `"${logo.sha256}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=3600')
        // An image is never to be read as anything else.
        .header('content-security-policy', "default-src 'none'");
      if (request.headers['if-none-match'] === etag) return reply.status(304 as 200).send('');
      return reply.type(logo.contentType).send(logo.content as unknown as string);
    },
  );

  // The upload is the image's own bytes (any Content-Type): the first bytes decide what it is.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/api/v1/operator/settings/organization/logo',
      {
        schema: {
          tags: ['operator'],
          summary: `Upload the logo as the raw bytes of a PNG or JPEG image, at most ${LOGO_MAX_BYTES / 1024} KB (administrators)`,
          consumes: ['image/png', 'image/jpeg'],
          querystring: organizationQuerySchema,
          response: { 200: organizationSettingsSchema, ...errorsOf(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const scope = await requireStaffScope(
          db,
          requireCaller(request).session,
          request.query.organizationId,
        );
        return changeOrganizationLogo(db, scope, request.body, request.ip);
      },
    );
  });
};
