// Refunds: the subscriber's application (/api/v1/payments/:paymentId/refund-requests) and the
// operator's list and decisions (/api/v1/operator/refund-requests*: staff of the payment's
// organization, with a session that passed the second factor).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cardPaymentParamsSchema } from '../../../shared/api/card-payments.ts';
import {
  createRefundRequestSchema,
  operatorRefundRequestSchema,
  operatorRefundRequestsQuerySchema,
  operatorRefundRequestsResponseSchema,
  operatorRefundScopeQuerySchema,
  refundRequestParamsSchema,
  refundRequestSchema,
  rejectRefundRequestSchema,
} from '../../../shared/api/refunds.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import type { GatewayDirectory } from './gateway-directory.ts';
import {
  approveRefundRequest,
  listRefundRequests,
  type RefundsContext,
  rejectRefundRequest,
  requestRefund,
} from './refunds.service.ts';

export const refundsRoutes: FastifyPluginAsyncZod<ModuleContext & { gateways: GatewayDirectory }> = async (
  app,
  { db, gateways },
) => {
  const context: RefundsContext = {
    db,
    gatewayFor: (kind, accountId) => gateways.forAccount(kind, accountId),
  };

  app.post(
    '/api/v1/payments/:paymentId/refund-requests',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Apply for a refund of a credited card payment (owner or member of its account); decided within 30 days',
        params: cardPaymentParamsSchema,
        body: createRefundRequestSchema,
        response: { 201: refundRequestSchema, ...errorsOf(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await requestRefund(
            db,
            { userId: requireCaller(request).session.userId, ip: request.ip },
            request.params.paymentId,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/v1/operator/refund-requests',
    {
      schema: {
        tags: ['operator'],
        summary: 'Refund requests of the organization: open ones first, the nearest deadline first',
        querystring: operatorRefundRequestsQuerySchema,
        response: { 200: operatorRefundRequestsResponseSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return listRefundRequests(db, scope, request.query);
    },
  );

  app.post(
    '/api/v1/operator/refund-requests/:refundRequestId/approve',
    {
      schema: {
        tags: ['operator'],
        summary:
          'Approve: the bank refunds the whole payment and it leaves the balance (a retry after a bank failure is safe)',
        params: refundRequestParamsSchema,
        querystring: operatorRefundScopeQuerySchema,
        response: { 200: operatorRefundRequestSchema, ...errorsOf(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return approveRefundRequest(context, scope, request.params.refundRequestId, request.ip);
    },
  );

  app.post(
    '/api/v1/operator/refund-requests/:refundRequestId/reject',
    {
      schema: {
        tags: ['operator'],
        summary: 'Reject with a note the subscriber reads',
        params: refundRequestParamsSchema,
        querystring: operatorRefundScopeQuerySchema,
        body: rejectRefundRequestSchema,
        response: { 200: operatorRefundRequestSchema, ...errorsOf(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return rejectRefundRequest(db, scope, request.params.refundRequestId, request.body.note, request.ip);
    },
  );
};
