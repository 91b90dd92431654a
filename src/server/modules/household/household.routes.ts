// Membership routes: linking accounts, household members and invitations, operator invitations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountIdParamsSchema } from '../../../shared/api/accounts.ts';
import {
  acceptInvitationRequestSchema,
  acceptInvitationResponseSchema,
  invitationDetailsSchema,
  invitationParamsSchema,
  invitationTokenSchema,
  inviteMemberRequestSchema,
  linkAccountRequestSchema,
  linkedAccountResponseSchema,
  memberParamsSchema,
  membersResponseSchema,
  operatorInvitationRequestSchema,
} from '../../../shared/api/household.ts';
import { checkEmailResponseSchema } from '../../../shared/api/registration.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { linkAccountWithProof } from '../registration/registration.service.ts';
import {
  acceptInvitation,
  describeInvitation,
  getMembers,
  inviteHolderAsOperator,
  inviteMember,
  removeFromAccount,
  withdrawInvitation,
} from './household.service.ts';

export const householdRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, queue, config }) => {
  const context = { db, queue, publicUrl: config.publicUrl };

  app.post(
    '/api/v1/accounts/link',
    {
      schema: {
        tags: ['household'],
        summary: 'Link one more account with its number and proof (last payment or last receipt total)',
        body: linkAccountRequestSchema,
        response: { 201: linkedAccountResponseSchema, ...errorsOf(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      const linked = await linkAccountWithProof(db, { userId: session.userId, ip: request.ip }, request.body);
      return reply.status(201).send(linked);
    },
  );

  app.get(
    '/api/v1/accounts/:accountId/members',
    {
      schema: {
        tags: ['household'],
        summary: 'Who is on this account, and pending invitations',
        params: accountIdParamsSchema,
        response: { 200: membersResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request) => getMembers(db, requireCaller(request).session.userId, request.params.accountId),
  );

  app.post(
    '/api/v1/accounts/:accountId/members',
    {
      schema: {
        tags: ['household'],
        summary: 'Invite a family member or tenant (owners only)',
        params: accountIdParamsSchema,
        body: inviteMemberRequestSchema,
        response: { 202: checkEmailResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      await inviteMember(
        context,
        { userId: session.userId, name: session.name, email: session.email, ip: request.ip },
        request.params.accountId,
        request.body,
      );
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );

  app.delete(
    '/api/v1/accounts/:accountId/members/:userId',
    {
      schema: {
        tags: ['household'],
        summary: 'Remove somebody from the account (owners), or leave it yourself (your own user id)',
        params: memberParamsSchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      await removeFromAccount(
        db,
        { userId: session.userId, ip: request.ip },
        request.params.accountId,
        request.params.userId,
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/accounts/:accountId/invitations/:invitationId',
    {
      schema: {
        tags: ['household'],
        summary: 'Cancel a pending invitation (owners only)',
        params: invitationParamsSchema,
        response: { 204: z.null(), ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      await withdrawInvitation(
        db,
        { userId: session.userId, ip: request.ip },
        request.params.accountId,
        request.params.invitationId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/operator/accounts/:accountId/invitations',
    {
      schema: {
        tags: ['operator'],
        summary: "Invite an account's holder by e-mail (staff of the account's organization)",
        params: accountIdParamsSchema,
        body: operatorInvitationRequestSchema,
        response: { 202: checkEmailResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      await inviteHolderAsOperator(
        context,
        { session, ip: request.ip },
        request.params.accountId,
        request.body.email,
      );
      return reply.status(202).send({ status: 'check_email' as const });
    },
  );

  app.post(
    '/api/v1/invitations/inspect',
    {
      config: { anonymous: true },
      schema: {
        tags: ['household'],
        summary: 'What an invitation link is for (before accepting it)',
        body: invitationTokenSchema,
        response: { 200: invitationDetailsSchema, ...errorsOf(400) },
      },
    },
    async (request) => describeInvitation(db, request.body.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { anonymous: true },
      schema: {
        tags: ['household'],
        summary: 'Accept an invitation; a new address also sets its password and accepts the policy',
        body: acceptInvitationRequestSchema,
        response: { 200: acceptInvitationResponseSchema, ...errorsOf(400) },
      },
    },
    async (request) => ({
      status: 'linked' as const,
      ...(await acceptInvitation(context, request.body, request.ip)),
    }),
  );
};
