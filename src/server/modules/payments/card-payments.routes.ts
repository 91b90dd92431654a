// Card payments: start one (/api/v1/accounts/:accountId/payments), follow it (/api/v1/payments/:id),
// and the gateways' notifications (/api/v1/payment-notifications/:gateway, no session: the gateway
// proves itself by signature, token or by being asked again).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountIdParamsSchema } from '../../../shared/api/accounts.ts';
import {
  cardPaymentParamsSchema,
  cardPaymentSchema,
  createCardPaymentRequestSchema,
  createCardPaymentResponseSchema,
} from '../../../shared/api/card-payments.ts';
import type { PaymentGateways } from '../../adapters/payments/gateways.ts';
import { AppError, errors } from '../../errors.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { idempotencyKeyOf } from '../../http/idempotency-key.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import {
  applyGatewayEvent,
  createCardPayment,
  getCardPayment,
  type PaymentsContext,
} from './card-payments.service.ts';

export const cardPaymentsRoutes: FastifyPluginAsyncZod<
  ModuleContext & { paymentGateways: PaymentGateways }
> = async (app, { db, config, paymentGateways }) => {
  const context: PaymentsContext = {
    db,
    publicUrl: config.publicUrl,
    // Until organizations configure their own gateway (next step of issue 6), the sandbox bank
    // serves every organization where it is enabled.
    gatewayFor: () => paymentGateways.sandbox ?? null,
    gatewayByKind: (kind) => paymentGateways[kind] ?? null,
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
    scope.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().post(
      '/api/v1/payment-notifications/:gateway',
      {
        config: { anonymous: true },
        schema: {
          tags: ['payments'],
          summary: "A gateway's notification about a payment (signed or re-read before it is trusted)",
          params: z.object({ gateway: z.enum(['sandbox', 'yookassa', 'tbank']) }),
          body: z.string().max(64 * 1024),
          response: { 200: z.string(), ...errorsOf(400, 404) },
        },
      },
      async (request, reply) => {
        const gateway = context.gatewayByKind(request.params.gateway);
        if (!gateway) throw errors.notFound('gateway');
        const event = await gateway.verifyNotification({
          headers: request.headers,
          rawBody: request.body,
          ip: request.ip,
        });
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
      },
    );
  });
};
