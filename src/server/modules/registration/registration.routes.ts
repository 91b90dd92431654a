// Public routes of self-registration: organization search, register, confirm.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  checkEmailResponseSchema,
  confirmRequestSchema,
  confirmResponseSchema,
  organizationSearchQuerySchema,
  organizationSearchResponseSchema,
  registerRequestSchema,
} from '../../../shared/api/registration.ts';
import { errorsOf } from '../../http/error-responses.ts';
import type { ModuleContext } from '../module-context.ts';
import { searchOrganizations } from './registration.repository.ts';
import { confirmRegistration, requestRegistration } from './registration.service.ts';

export const registrationRoutes: FastifyPluginAsyncZod<ModuleContext> = async (
  app,
  { db, queue, config },
) => {
  const context = { db, queue, publicUrl: config.publicUrl };

  app.get(
    '/api/v1/organizations',
    {
      config: { anonymous: true },
      schema: {
        tags: ['registration'],
        summary: 'Find an organization by name, INN or city (public)',
        querystring: organizationSearchQuerySchema,
        response: { 200: organizationSearchResponseSchema, ...errorsOf(400) },
      },
    },
    async (request) => ({ organizations: await searchOrganizations(db, request.query.query) }),
  );

  app.post(
    '/api/v1/auth/register',
    {
      config: { anonymous: true },
      schema: {
        tags: ['registration'],
        summary: 'Start registration with an account number and proof; a confirmation link is e-mailed',
        description:
          'Always 202 with the same body, whether or not the e-mail is registered. The proof is checked ' +
          'when the link is followed (REGISTRATION_PROOF_MISMATCH).',
        body: registerRequestSchema,
        response: { 202: checkEmailResponseSchema, ...errorsOf(400, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await requestRegistration(context, request.body, request.ip);
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );

  app.post(
    '/api/v1/auth/confirm',
    {
      config: { anonymous: true },
      schema: {
        tags: ['registration'],
        summary:
          'Follow the confirmation link with the password chosen at registration: creates the user, links the account',
        body: confirmRequestSchema,
        response: { 200: confirmResponseSchema, ...errorsOf(400, 429) },
      },
    },
    async (request) => ({
      status: 'registered' as const,
      ...(await confirmRegistration(context, request.body.token, request.body.password, request.ip)),
    }),
  );
};
