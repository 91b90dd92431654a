// Card payments: start one (/api/v1/accounts/:accountId/payments), follow it (/api/v1/payments/:id),
// and the gateways' notifications (/api/v1/payment-notifications/:gateway, no session: the gateway
// proves itself by signature, token or by being asked again).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountIdParamsSchema } from '../../../shared/api/accounts.ts';
import {
  cardPaymentParamsSchema,
  cardPaymentSchema,
  createCardPaymentRequestSchema,
  createCardPaymentResponseSchema,
} from '../../../shared/api/card-payments.ts';
import type { PaymentGateway } from '../../adapters/payments/gateway.ts';
import { AppError, errors } from '../../errors.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { idempotencyKeyOf } from '../../http/idempotency-key.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import {
  applyGatewayEvent,
  createCardPayment,
  getCardPayment,
  isPaymentOfOrganization,
  type PaymentsContext,
} from './card-payments.service.ts';
import type { GatewayDirectory } from './gateway-directory.ts';

export const cardPaymentsRoutes: FastifyPluginAsyncZod<
  ModuleContext & { gateways: GatewayDirectory }
> = async (app, { db, config, gateways }) => {
  const context: PaymentsContext = {
    db,
    publicUrl: config.publicUrl,
    gatewayFor: (organizationId) => gateways.forOrganization(organizationId),
    gatewayOfKind: (kind, organizationId) => gateways.forKind(kind, organizationId),
  };

  app.post(
    '/api/v1/accounts/:accountId/payments',
    {
      schema: {
        tags: ['payments'],
        summary:
          "Pay by card (Idempotency-Key supported): the answer's redirectUrl is the bank's page; the account is credited when the bank confirms",
        params: accountIdParamsSchema,
        body: createCardPaymentRequestSchema,
        response: { 201: createCardPaymentResponseSchema, ...errorsOf(400, 401, 404, 409, 422, 502) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createCardPayment(
            context,
            requireCaller(request).session.userId,
            request.params.accountId,
            request.body,
            idempotencyKeyOf(request.headers),
          ),
        ),
  );

  app.get(
    '/api/v1/payments/:paymentId',
    {
      schema: {
        tags: ['payments'],
        summary: "A card payment's status and timeline (created → paid at the bank → confirmed → credited)",
        params: cardPaymentParamsSchema,
        response: { 200: cardPaymentSchema, ...errorsOf(400, 401, 404) },
      },
    },
    async (request) => getCardPayment(db, requireCaller(request).session.userId, request.params.paymentId),
  );

  // Notifications are verified over the exact bytes received, so this scope keeps the raw body.
  await app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(
      ['application/json', 'text/plain', 'application/x-www-form-urlencoded'],
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    const typed = scope.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
    const notificationSchema = {
      tags: ['payments'],
      body: z.string().max(64 * 1024),
      response: { 200: z.string(), ...errorsOf(400, 404) },
    };
    const receive = async (
      request: FastifyRequest & { body: string },
      reply: FastifyReply,
      gateway: PaymentGateway | null,
      organizationId: string | null,
    ) => {
      if (!gateway) throw errors.notFound('gateway');
      const event = await gateway.verifyNotification({
        headers: request.headers,
        rawBody: request.body,
        ip: request.ip,
      });
      // A notification at one organization's address speaks only of that organization's payments.
      if (
        event &&
        organizationId &&
        !(await isPaymentOfOrganization(db, gateway.kind, event, organizationId))
      ) {
        request.log.warn(
          { gateway: gateway.kind },
          "payment notification refused: another organization's payment",
        );
        throw new AppError('VALIDATION_FAILED', 'The notification does not verify.');
      }
      if (!event) {
        request.log.warn({ gateway: gateway.kind }, 'payment notification refused: it does not verify');
        throw new AppError('VALIDATION_FAILED', 'The notification does not verify.');
      }
      const outcome = await applyGatewayEvent(db, gateway.kind, event);
      request.log.info({ gateway: gateway.kind, outcome }, 'payment notification applied');
      const answer = gateway.notificationAnswer;
      return reply
        .status(answer.status as 200)
        .type(answer.contentType)
        .send(answer.body);
    };

    typed.post(
      '/api/v1/payment-notifications/:gateway',
      {
        config: { anonymous: true },
        schema: {
          ...notificationSchema,
          summary: "The sandbox bank's notification about a payment (HMAC-signed)",
          params: z.object({ gateway: z.enum(['sandbox', 'yookassa', 'tbank']) }),
        },
      },
      async (request, reply) =>
        receive(
          request,
          reply,
          request.params.gateway === 'sandbox' ? await gateways.forKind('sandbox', '') : null,
          null,
        ),
    );

    typed.post(
      '/api/v1/payment-notifications/:gateway/:organizationId',
      {
        config: { anonymous: true },
        schema: {
          ...notificationSchema,
          summary:
            "YooKassa's or T-Bank's notification at the organization's own address (T-Bank: Token; YooKassa: re-read before it is trusted)",
          params: z.object({ gateway: z.enum(['yookassa', 'tbank']), organizationId: z.uuid() }),
        },
      },
      async (request, reply) =>
        receive(
          request,
          reply,
          await gateways.forKind(request.params.gateway, request.params.organizationId),
          request.params.organizationId,
        ),
    );
  });
};
