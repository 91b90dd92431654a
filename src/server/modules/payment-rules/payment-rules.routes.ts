// The payment rules: the public text at /api/v1/organizations/:organizationId/payment-rules, and
// /api/v1/operator/settings/payment-rules where staff read and administrators change it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  paymentRulesParamsSchema,
  paymentRulesQuerySchema,
  paymentRulesSettingsSchema,
  publicPaymentRulesSchema,
  updatePaymentRulesSchema,
} from '../../../shared/api/payment-rules.ts';
import { organizationQuerySchema } from '../../../shared/api/readings.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import {
  readPaymentRulesSettings,
  readPublicPaymentRules,
  updatePaymentRules,
} from './payment-rules.service.ts';

export const paymentRulesRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  app.get(
    '/api/v1/organizations/:organizationId/payment-rules',
    {
      config: { anonymous: true },
      schema: {
        tags: ['payments'],
        summary:
          "The organization's payment rules in one language (public; body null: show the default rules)",
        params: paymentRulesParamsSchema,
        querystring: paymentRulesQuerySchema,
        response: { 200: publicPaymentRulesSchema, ...errorsOf(400, 404) },
      },
    },
    async (request) => readPublicPaymentRules(db, request.params.organizationId, request.query.locale),
  );

  app.get(
    '/api/v1/operator/settings/payment-rules',
    {
      schema: {
        tags: ['operator'],
        summary: "The organization's own payment rules per language (null: the default rules show)",
        querystring: organizationQuerySchema,
        response: { 200: paymentRulesSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return readPaymentRulesSettings(db, scope.organizationId);
    },
  );

  app.put(
    '/api/v1/operator/settings/payment-rules',
    {
      schema: {
        tags: ['operator'],
        summary:
          'Replace the payment rules per language; null or empty restores the default (administrators)',
        querystring: organizationQuerySchema,
        body: updatePaymentRulesSchema,
        response: { 200: paymentRulesSettingsSchema, ...errorsOf(400, 401, 403) },
      },
    },
    async (request) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return updatePaymentRules(db, scope, request.body, request.ip);
    },
  );
};
