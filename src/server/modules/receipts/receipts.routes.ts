// The subscriber's receipts: /api/v1/accounts/:accountId/receipts/*.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountIdParamsSchema } from '../../../shared/api/accounts.ts';
import { receiptParamsSchema, receiptSchema, receiptsResponseSchema } from '../../../shared/api/receipts.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { getReceipt, getReceiptPdf, listReceipts } from './receipts.service.ts';

export const receiptsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  app.get(
    '/api/v1/accounts/:accountId/receipts',
    {
      schema: {
        tags: ['receipts'],
        summary: 'Months with a receipt, newest first, with what each charged and the amount due',
        params: accountIdParamsSchema,
        response: { 200: receiptsResponseSchema, ...errorsOf(400, 401, 404) },
      },
    },
    async (request) => listReceipts(db, requireCaller(request).session.userId, request.params.accountId),
  );

  // Registered before `:period` so that "2026-11.pdf" is this route, not a bad month.
  app.get(
    '/api/v1/accounts/:accountId/receipts/:period.pdf',
    {
      schema: {
        tags: ['receipts'],
        summary: "The month's receipt as a PDF (ЕПД with the payment QR code), as an attachment",
        params: receiptParamsSchema,
        response: { 200: z.string().describe('application/pdf'), ...errorsOf(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const pdf = await getReceiptPdf(
        db,
        requireCaller(request).session.userId,
        request.params.accountId,
        request.params.period,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .header('cache-control', 'private, no-cache')
        .header('etag', `"${pdf.receipt.dataVersion}"`)
        .header('x-receipt-version', String(pdf.document.version))
        .send(pdf.content as unknown as string);
    },
  );

  app.get(
    '/api/v1/accounts/:accountId/receipts/:period',
    {
      schema: {
        tags: ['receipts'],
        summary: "The month's receipt as data: every line with its formula, totals, readings, QR payload",
        params: receiptParamsSchema,
        response: { 200: receiptSchema, ...errorsOf(400, 401, 404) },
      },
    },
    async (request) =>
      getReceipt(db, requireCaller(request).session.userId, request.params.accountId, request.params.period),
  );
};
