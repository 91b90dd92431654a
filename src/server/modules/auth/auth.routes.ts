// /api/v1/auth/login, /api/v1/auth/logout and /api/v1/me.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, meResponseSchema } from '../../../shared/api/auth.ts';
import {
  checkEmailResponseSchema,
  passwordChangedResponseSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
} from '../../../shared/api/registration.ts';
import { errorResponseSchema } from '../../../shared/errors.ts';
import { clearSessionCookie, requireCaller, setSessionCookie } from '../../http/session.ts';
import { passwordResetRequestJob } from '../../jobs/password-reset-request.job.ts';
import { listMemberAccounts } from '../accounts/accounts.repository.ts';
import type { ModuleContext } from '../module-context.ts';
import { isPlatformAdmin } from '../platform-admin/platform-admin.repository.ts';
import { twoFactorStatus } from '../two-factor/two-factor.service.ts';
import { listStaffRoles } from './auth.repository.ts';
import { login, logout } from './auth.service.ts';
import { confirmPasswordReset } from './password-reset.service.ts';

export const authRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, queue, config }) => {
  const cookieOptions = { secure: config.secureCookies };
  const resetContext = { db, queue, publicUrl: config.publicUrl };

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { anonymous: true },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a 1-hour password reset link; always 202 with the same body',
        body: passwordResetRequestSchema,
        response: { 202: checkEmailResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // Enqueued, not done here: the answer costs the same for known and unknown addresses.
      await queue.send(passwordResetRequestJob, {
        email: request.body.email,
        locale: request.body.locale,
        ip: request.ip,
      });
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { anonymous: true },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the link token; ends every session of the user',
        body: passwordResetConfirmSchema,
        response: { 200: passwordChangedResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      await confirmPasswordReset(resetContext, request.body.token, request.body.password, request.ip);
      return { status: 'password_changed' as const };
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { anonymous: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password',
        description:
          'Sets the HttpOnly session cookie and returns the same token for `Authorization: Bearer`. ' +
          '10 failures per e-mail or 100 per IP within 15 minutes → 429 with Retry-After.',
        body: loginRequestSchema,
        response: {
          200: loginResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await login(db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
      });
      setSessionCookie(reply, result.token, result.expiresAt, cookieOptions);
      return { ...result, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: z.null(), 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      await logout(db, caller.session, request.ip);
      clearSessionCookie(reply, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The current user, their accounts and staff roles',
        response: { 200: meResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => {
      const { session } = requireCaller(request);
      const [accounts, staff, twoFactor, platformAdmin] = await Promise.all([
        listMemberAccounts(db, session.userId),
        listStaffRoles(db, session.userId),
        twoFactorStatus(db, session.userId),
        isPlatformAdmin(db, session.userId),
      ]);
      return {
        user: { id: session.userId, email: session.email, name: session.name, locale: session.locale },
        accounts,
        staff,
        twoFactor,
        platformAdmin,
        csrfToken: session.csrfToken,
      };
    },
  );
};
