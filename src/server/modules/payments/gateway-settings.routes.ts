// The organization's payment gateway: /api/v1/operator/settings/payment-gateway (staff read it,
// administrators change it; the secret is write-only).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  paymentGatewaySettingsSchema,
  updatePaymentGatewaySettingsSchema,
} from '../../../shared/api/payment-gateway-settings.ts';
import { organizationQuerySchema } from '../../../shared/api/readings.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import { readGatewaySettings, updateGatewaySettings } from './gateway-settings.service.ts';

export const gatewaySettingsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, config }) => {
  app.get(
    '/api/v1/operator/settings/payment-gateway',
    {
      schema: {
        tags: ['operator'],
        summary: "The organization's card-payment gateway (the secret is never returned)",
        querystring: organizationQuerySchema,
        response: { 200: paymentGatewaySettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return readGatewaySettings(db, config, scope.organizationId);
    },
  );

  app.put(
    '/api/v1/operator/settings/payment-gateway',
    {
      schema: {
        tags: ['operator'],
        summary: 'Choose the card-payment gateway and store its credentials, sealed (administrators)',
        querystring: organizationQuerySchema,
        body: updatePaymentGatewaySettingsSchema,
        response: { 200: paymentGatewaySettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return updateGatewaySettings(db, config, scope, request.body, request.ip);
    },
  );
};
