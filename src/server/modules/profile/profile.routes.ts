// /api/v1/profile: the caller's own details, password, sessions and security activity.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  emailChangeConfirmSchema,
  emailChangedResponseSchema,
  emailChangeSchema,
  passwordChangeSchema,
  profileSchema,
  profileUpdateSchema,
  securityActivitySchema,
  sessionIdParamsSchema,
  sessionListSchema,
} from '../../../shared/api/profile.ts';
import { checkEmailResponseSchema } from '../../../shared/api/registration.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import {
  changePassword,
  changeProfile,
  confirmEmailChange,
  getProfile,
  getSecurityActivity,
  getSessions,
  requestEmailChange,
  signOutOtherSessions,
  signOutSession,
} from './profile.service.ts';

export const profileRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, queue, config }) => {
  const context = { db, queue, publicUrl: config.publicUrl };
  const callerOf = (request: Parameters<typeof requireCaller>[0]) => {
    const { session } = requireCaller(request);
    return { userId: session.userId, sessionId: session.sessionId, ip: request.ip };
  };

  app.get(
    '/api/v1/profile',
    {
      schema: {
        tags: ['profile'],
        summary: 'Your details',
        response: { 200: profileSchema, ...errorsOf(401) },
      },
    },
    async (request) => getProfile(db, callerOf(request).userId),
  );

  app.patch(
    '/api/v1/profile',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change your name, phone or language',
        body: profileUpdateSchema,
        response: { 200: profileSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => changeProfile(db, callerOf(request), request.body),
  );

  app.post(
    '/api/v1/profile/password',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change your password (needs the current one); ends your other sessions',
        body: passwordChangeSchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await changePassword(
        context,
        callerOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/profile/sessions',
    {
      schema: {
        tags: ['profile'],
        summary: 'Your signed-in devices',
        response: { 200: sessionListSchema, ...errorsOf(401) },
      },
    },
    async (request) => getSessions(db, callerOf(request)),
  );

  app.delete(
    '/api/v1/profile/sessions/:sessionId',
    {
      schema: {
        tags: ['profile'],
        summary: 'Sign out one of your sessions',
        params: sessionIdParamsSchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await signOutSession(db, callerOf(request), request.params.sessionId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/profile/sessions/revoke-others',
    {
      schema: {
        tags: ['profile'],
        summary: 'Sign out everywhere else',
        response: { 204: z.null(), ...errorsOf(401, 403) },
      },
    },
    async (request, reply) => {
      await signOutOtherSessions(db, callerOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/profile/email',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change your login e-mail: a link goes to the new address, a notice to the old one',
        body: emailChangeSchema,
        response: { 202: checkEmailResponseSchema, ...errorsOf(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await requestEmailChange(context, callerOf(request), request.body.newEmail, request.body.password);
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );

  app.post(
    '/api/v1/profile/email/confirm',
    {
      config: { anonymous: true },
      schema: {
        tags: ['profile'],
        summary: 'Follow the link sent to the new address',
        body: emailChangeConfirmSchema,
        response: { 200: emailChangedResponseSchema, ...errorsOf(400) },
      },
    },
    async (request) => ({
      status: 'email_changed' as const,
      ...(await confirmEmailChange(db, request.body.token, request.ip)),
    }),
  );

  app.get(
    '/api/v1/profile/activity',
    {
      schema: {
        tags: ['profile'],
        summary: 'Your recent security events (logins, password changes, sessions)',
        response: { 200: securityActivitySchema, ...errorsOf(401) },
      },
    },
    async (request) => getSecurityActivity(db, callerOf(request).userId),
  );
};
