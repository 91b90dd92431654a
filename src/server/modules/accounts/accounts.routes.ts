// /api/v1/accounts and the subscriber's read views of one account.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountIdParamsSchema,
  accountsResponseSchema,
  chargesResponseSchema,
  paymentsResponseSchema,
  periodRangeQuerySchema,
  summaryResponseSchema,
} from '../../../shared/api/accounts.ts';
import { errorResponseSchema } from '../../../shared/errors.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { listMemberAccounts } from './accounts.repository.ts';
import { getCharges, getPayments, getSummary } from './accounts.service.ts';

const notFound = { 401: errorResponseSchema, 404: errorResponseSchema };

export const accountsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, database }) => {
  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: "The caller's accounts",
        response: { 200: accountsResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => ({ accounts: await listMemberAccounts(db, requireCaller(request).session.userId) }),
  );

  app.get(
    '/api/v1/accounts/:accountId/summary',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Balance, amount due and due date, last payment, meters waiting for a reading',
        params: accountIdParamsSchema,
        response: { 200: summaryResponseSchema, 400: errorResponseSchema, ...notFound },
      },
    },
    async (request) => getSummary(database, requireCaller(request).session.userId, request.params.accountId),
  );

  app.get(
    '/api/v1/accounts/:accountId/charges',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Charges per month and service, with the month statements (default: the last 12 months)',
        params: accountIdParamsSchema,
        querystring: periodRangeQuerySchema,
        response: { 200: chargesResponseSchema, 400: errorResponseSchema, ...notFound },
      },
    },
    async (request) =>
      getCharges(db, requireCaller(request).session.userId, request.params.accountId, request.query),
  );

  app.get(
    '/api/v1/accounts/:accountId/payments',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Payments made in a range of months (default: the last 12 months), newest first',
        params: accountIdParamsSchema,
        querystring: periodRangeQuerySchema,
        response: { 200: paymentsResponseSchema, 400: errorResponseSchema, ...notFound },
      },
    },
    async (request) =>
      getPayments(db, requireCaller(request).session.userId, request.params.accountId, request.query),
  );
};
