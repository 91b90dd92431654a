// The operator console: /api/v1/operator/overview and /api/v1/operator/accounts*. Staff of the
// organization only, with a session that passed the second factor.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountSearchQuerySchema,
  accountSearchResponseSchema,
  consoleOrganizationQuerySchema,
  operatorAccountParamsSchema,
  operatorAccountResponseSchema,
  operatorInvitationParamsSchema,
  operatorInvitationsResponseSchema,
  operatorMemberParamsSchema,
  operatorOverviewSchema,
  passwordResetSentSchema,
} from '../../../shared/api/operator-console.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import {
  findAccounts,
  getOverview,
  listInvitations,
  requireStaffAccount,
  sendMemberPasswordReset,
  viewAccount,
  withdrawInvitationAsStaff,
} from './operator-console.service.ts';

export const operatorConsoleRoutes: FastifyPluginAsyncZod<ModuleContext> = async (
  app,
  { db, database, queue, config },
) => {
  app.get(
    '/api/v1/operator/overview',
    {
      schema: {
        tags: ['operator'],
        summary:
          'The organization at a glance: accounts and the share registered, readings of the period, payments today and over 14 days, recent imports',
        querystring: consoleOrganizationQuerySchema,
        response: { 200: operatorOverviewSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return getOverview(db, scope);
    },
  );

  app.get(
    '/api/v1/operator/accounts',
    {
      schema: {
        tags: ['operator'],
        summary: "Search the organization's accounts by number (prefix), address or holder name",
        querystring: accountSearchQuerySchema,
        response: { 200: accountSearchResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return findAccounts(db, scope, request.query);
    },
  );

  app.get(
    '/api/v1/operator/accounts/:accountId',
    {
      schema: {
        tags: ['operator'],
        summary:
          'The account as its subscriber sees it (summary, charges, payments, meters) and its members; read-only, each view audited',
        params: operatorAccountParamsSchema,
        querystring: consoleOrganizationQuerySchema,
        response: { 200: operatorAccountResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { staff, account } = await requireStaffAccount(
        db,
        requireCaller(request).session,
        request.query.organizationId,
        request.params.accountId,
      );
      return viewAccount({ db, runner: database }, staff, account, request.ip);
    },
  );

  app.get(
    '/api/v1/operator/accounts/:accountId/invitations',
    {
      schema: {
        tags: ['operator'],
        summary: 'Pending invitations to the account',
        params: operatorAccountParamsSchema,
        querystring: consoleOrganizationQuerySchema,
        response: { 200: operatorInvitationsResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = await requireStaffAccount(
        db,
        requireCaller(request).session,
        request.query.organizationId,
        request.params.accountId,
      );
      return listInvitations(db, account);
    },
  );

  app.delete(
    '/api/v1/operator/accounts/:accountId/invitations/:invitationId',
    {
      schema: {
        tags: ['operator'],
        summary: 'Cancel a pending invitation to the account (audited)',
        params: operatorInvitationParamsSchema,
        querystring: consoleOrganizationQuerySchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { staff, account } = await requireStaffAccount(
        db,
        requireCaller(request).session,
        request.query.organizationId,
        request.params.accountId,
      );
      await withdrawInvitationAsStaff(db, staff, account, request.params.invitationId, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/operator/accounts/:accountId/members/:userId/password-reset',
    {
      schema: {
        tags: ['operator'],
        summary:
          'E-mail a member of the account the standard 1-hour password reset link (audited; 3 per person and 30 per staff member an hour)',
        params: operatorMemberParamsSchema,
        querystring: consoleOrganizationQuerySchema,
        response: { 202: passwordResetSentSchema, ...errorsOf(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { staff, account } = await requireStaffAccount(
        db,
        requireCaller(request).session,
        request.query.organizationId,
        request.params.accountId,
      );
      await sendMemberPasswordReset(
        { db, queue, publicUrl: config.publicUrl },
        staff,
        account,
        request.params.userId,
        request.ip,
      );
      return reply.status(202).send({ status: 'sent' as const });
    },
  );
};
