// /api/v1/admin/*: the platform admin's organizations, staff invitations and instance health
// (platform admins only, with the second factor); /api/v1/staff-invitations/*: the invited
// person's side of the link (public, the token is the proof).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acceptStaffInvitationRequestSchema,
  acceptStaffInvitationResponseSchema,
  adminOrganizationParamsSchema,
  adminOrganizationSchema,
  adminOrganizationsResponseSchema,
  createOrganizationRequestSchema,
  instanceHealthSchema,
  staffInvitationDetailsSchema,
  staffInvitationRequestSchema,
  staffInvitationResponseSchema,
  staffInvitationTokenSchema,
} from '../../../shared/api/platform-admin.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import {
  createOrganization,
  inviteStaffMember,
  listOrganizations,
  readInstanceHealth,
  requirePlatformAdmin,
} from './platform-admin.service.ts';
import { acceptStaffInvitation, describeStaffInvitation } from './staff-invitation.service.ts';

export const platformAdminRoutes: FastifyPluginAsyncZod<ModuleContext> = async (
  app,
  { db, database, queue, config },
) => {
  app.get(
    '/api/v1/admin/organizations',
    {
      schema: {
        tags: ['platform admin'],
        summary: "The instance's organizations with their numbers of accounts, registered accounts and staff",
        response: { 200: adminOrganizationsResponseSchema, ...errorsOf(401, 403) },
      },
    },
    async (request) => {
      await requirePlatformAdmin(db, requireCaller(request).session);
      return { organizations: await listOrganizations(db) };
    },
  );

  app.post(
    '/api/v1/admin/organizations',
    {
      schema: {
        tags: ['platform admin'],
        summary: 'Create an organization; INN, BIC and both accounts must pass their control checks',
        body: createOrganizationRequestSchema,
        response: { 201: adminOrganizationSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      await requirePlatformAdmin(db, session);
      const created = await createOrganization(db, { userId: session.userId, ip: request.ip }, request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/admin/organizations/:organizationId/operator-invitations',
    {
      schema: {
        tags: ['platform admin'],
        summary: "E-mail an invitation to become the organization's administrator or operator (7 days)",
        params: adminOrganizationParamsSchema,
        body: staffInvitationRequestSchema,
        response: { 201: staffInvitationResponseSchema, ...errorsOf(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { session } = requireCaller(request);
      await requirePlatformAdmin(db, session);
      const invited = await inviteStaffMember(
        { db, queue, publicUrl: config.publicUrl },
        { userId: session.userId, ip: request.ip },
        request.params.organizationId,
        request.body,
      );
      return reply.status(201).send({ status: 'invited' as const, ...invited });
    },
  );

  app.get(
    '/api/v1/admin/health',
    {
      schema: {
        tags: ['platform admin'],
        summary: 'Database, migrations, uptime, memory and the job queue (sizes, failures of the last 24 h)',
        response: { 200: instanceHealthSchema, ...errorsOf(401, 403) },
      },
    },
    async (request) => {
      await requirePlatformAdmin(db, requireCaller(request).session);
      return readInstanceHealth(database, queue, config);
    },
  );

  app.post(
    '/api/v1/staff-invitations/inspect',
    {
      config: { anonymous: true },
      schema: {
        tags: ['platform admin'],
        summary: 'What a staff invitation link is for (before accepting it)',
        body: staffInvitationTokenSchema,
        response: { 200: staffInvitationDetailsSchema, ...errorsOf(400) },
      },
    },
    async (request) => describeStaffInvitation(db, request.body.token),
  );

  app.post(
    '/api/v1/staff-invitations/accept',
    {
      config: { anonymous: true },
      schema: {
        tags: ['platform admin'],
        summary: 'Accept a staff invitation; a new address also sets its password and accepts the policy',
        body: acceptStaffInvitationRequestSchema,
        response: { 200: acceptStaffInvitationResponseSchema, ...errorsOf(400) },
      },
    },
    async (request) => ({
      status: 'joined' as const,
      ...(await acceptStaffInvitation(db, request.body, request.ip)),
    }),
  );
};
