// The operator's exports: /api/v1/operator/exports/payments.csv and subscribers.csv (CSV by default,
// JSON with ?format=json). Staff of the organization with a session that passed the second factor.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paymentsExportQuerySchema, subscribersExportQuerySchema } from '../../../shared/api/exports.ts';
import { errorsOf } from '../../http/error-responses.ts';
import { requireCaller } from '../../http/session.ts';
import type { ModuleContext } from '../module-context.ts';
import { requireStaffScope } from '../readings/operator-readings.service.ts';
import { type ExportDownload, exportPayments, exportSubscribers } from './exports.service.ts';

const fileResponse = { 200: z.string().describe('The file (streamed)'), ...errorsOf(400, 401, 403) };

function sendFile(reply: FastifyReply, download: ExportDownload) {
  return (
    reply
      .header('content-type', download.contentType)
      .header('content-disposition', `attachment; filename="${download.fileName}"`)
      .header('cache-control', 'no-store')
      // A stream is piped as it is; the 200 schema only documents the file.
      .send(download.stream as unknown as string)
  );
}

export const exportsRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  app.get(
    '/api/v1/operator/exports/payments.csv',
    {
      schema: {
        tags: ['operator'],
        summary: "The month's credited card payments for the billing system (CSV or ?format=json), streamed",
        description:
          'Payments credited in the period (organization time zone), refunded ones with status refunded. ' +
          'CSV: ";", UTF-8 with BOM or ?encoding=windows-1251; amounts in rubles with a comma.',
        querystring: paymentsExportQuerySchema,
        response: fileResponse,
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return sendFile(reply, await exportPayments(db, scope, request.query, request.ip));
    },
  );

  app.get(
    '/api/v1/operator/exports/subscribers.csv',
    {
      schema: {
        tags: ['operator'],
        summary: 'Registered subscribers for reconciliation with ГИС ЖКХ (CSV or ?format=json), streamed',
        description:
          'One line per person and account: account number, ЕЛС, ИЖКУ, address, role, registered on, ' +
          'e-mail confirmed. No e-mail, name or phone. Every download is audited.',
        querystring: subscribersExportQuerySchema,
        response: fileResponse,
      },
    },
    async (request, reply) => {
      const scope = await requireStaffScope(db, requireCaller(request).session, request.query.organizationId);
      return sendFile(reply, await exportSubscribers(db, scope, request.query, request.ip));
    },
  );
};
