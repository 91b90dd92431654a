// The operator's exports for other systems (issue 7): the month's card payments for the billing
// system and the registered subscribers for reconciliation with ГИС ЖКХ. Each download is audited
// (who took which organization's data, when); the file itself is streamed page by page.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type {
  PaymentExportLine,
  PaymentsExportQuery,
  SubscriberExportLine,
  SubscribersExportQuery,
} from '../../../shared/api/exports.ts';
import type { DB } from '../../db/schema.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { StaffScope } from '../readings/operator-readings.service.ts';
import { csvLine, csvStream, jsonStream, rublesWithComma } from './csv-file.ts';
import {
  findOrganizationForExport,
  type PaymentExportRow,
  readPeriodCardPayments,
  readRegisteredSubscribers,
  type SubscriberExportRow,
} from './exports.repository.ts';

export interface ExportDownload {
  stream: Readable;
  contentType: string;
  fileName: string;
}

const PAYMENTS_HEADER = [
  'Лицевой счёт',
  'Сумма',
  'Дата оплаты',
  'Платёж в Абоненте',
  'Шлюз',
  'Платёж в шлюзе',
  'Статус',
];

const SUBSCRIBERS_HEADER = [
  'Лицевой счёт',
  'ЕЛС',
  'ИЖКУ',
  'Адрес',
  'Роль',
  'Зарегистрирован',
  'E-mail подтверждён',
];

async function* mapPages<Row, Line>(pages: AsyncIterable<Row[]>, map: (row: Row) => Line) {
  for await (const rows of pages) yield rows.map(map);
}

function contentTypeOf(format: 'csv' | 'json', encoding: 'utf-8' | 'windows-1251'): string {
  return format === 'csv' ? `text/csv; charset=${encoding}` : 'application/json; charset=utf-8';
}

export async function exportPayments(
  db: Kysely<DB>,
  scope: StaffScope,
  query: PaymentsExportQuery,
  ip: string,
): Promise<ExportDownload> {
  const organization = await findOrganizationForExport(db, scope.organizationId);
  await recordAuditEvent(db, {
    organizationId: scope.organizationId,
    actorUserId: scope.userId,
    action: 'export.payments',
    targetType: 'organization',
    targetId: scope.organizationId,
    ip,
    details: { period: query.period, format: query.format, encoding: query.encoding },
  });
  const pages = readPeriodCardPayments(db, scope.organizationId, query.period);
  const stream =
    query.format === 'csv'
      ? csvStream(
          PAYMENTS_HEADER,
          mapPages(pages, (row: PaymentExportRow) =>
            csvLine([
              row.accountNumber,
              rublesWithComma(row.amount),
              row.paidAtLocal,
              row.id,
              row.gateway,
              row.gatewayPaymentId,
              row.status,
            ]),
          ),
          query.encoding,
        )
      : jsonStream(
          { organizationId: scope.organizationId, period: query.period, timezone: organization.timezone },
          'payments',
          mapPages(
            pages,
            (row: PaymentExportRow): PaymentExportLine => ({
              accountNumber: row.accountNumber,
              amount: row.amount,
              paidAt: row.paidAt.toISOString(),
              paymentId: row.id,
              gateway: row.gateway,
              gatewayPaymentId: row.gatewayPaymentId,
              status: row.status,
            }),
          ),
        );
  return {
    stream,
    contentType: contentTypeOf(query.format, query.encoding),
    fileName: `payments-${organization.inn}-${query.period}.${query.format}`,
  };
}

export async function exportSubscribers(
  db: Kysely<DB>,
  scope: StaffScope,
  query: SubscribersExportQuery,
  ip: string,
  now = new Date(),
): Promise<ExportDownload> {
  const organization = await findOrganizationForExport(db, scope.organizationId);
  // Personal data leaves the portal here: 152-ФЗ wants access to it on record.
  await recordAuditEvent(db, {
    organizationId: scope.organizationId,
    actorUserId: scope.userId,
    action: 'export.subscribers',
    targetType: 'organization',
    targetId: scope.organizationId,
    ip,
    details: { format: query.format, encoding: query.encoding },
  });
  const pages = readRegisteredSubscribers(db, scope.organizationId);
  const stream =
    query.format === 'csv'
      ? csvStream(
          SUBSCRIBERS_HEADER,
          mapPages(pages, (row: SubscriberExportRow) =>
            csvLine([
              row.accountNumber,
              row.els,
              row.izhku,
              row.address,
              row.role,
              row.registeredOnLocal,
              row.emailConfirmed ? 'да' : 'нет',
            ]),
          ),
          query.encoding,
        )
      : jsonStream(
          { organizationId: scope.organizationId, exportedAt: now.toISOString() },
          'subscribers',
          mapPages(
            pages,
            (row: SubscriberExportRow): SubscriberExportLine => ({
              accountNumber: row.accountNumber,
              els: row.els,
              izhku: row.izhku,
              address: row.address,
              role: row.role,
              registeredAt: row.registeredAt.toISOString(),
              emailConfirmed: row.emailConfirmed,
            }),
          ),
        );
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: organization.timezone }).format(now);
  return {
    stream,
    contentType: contentTypeOf(query.format, query.encoding),
    fileName: `subscribers-${organization.inn}-${day}.${query.format}`,
  };
}
