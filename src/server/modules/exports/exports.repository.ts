// SQL for the operator's exports: one organization's credited card payments of a month and its
// registered subscribers, read in pages by a keyset so a large organization never sits in memory.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface PaymentExportRow {
  id: string;
  accountNumber: string;
  amount: number;
  paidAt: Date;
  /** dd.mm.yyyy hh:mm in the organization's time zone. */
  paidAtLocal: string;
  gateway: string | null;
  gatewayPaymentId: string | null;
  status: 'credited' | 'refunded';
  /** The keyset of the next page. */
  creditedAt: string;
}

/**
 * Card payments of the organization credited in `period` (YYYY-MM) of its own time zone — refunded
 * ones too, since they were credited then — ordered by the moment of crediting.
 */
export async function* readPeriodCardPayments(
  db: Kysely<DB>,
  organizationId: string,
  period: string,
  pageSize = 500,
): AsyncGenerator<PaymentExportRow[]> {
  const monthStart = `${period}-01`;
  let after: { creditedAt: string; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('payments as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .innerJoin('organizations as o', 'o.id', 'a.organization_id')
      .leftJoin('card_payments as c', 'c.id', 'p.card_payment_id')
      .select([
        'p.id',
        'a.number as accountNumber',
        'p.amount',
        'p.paid_at as paidAt',
        sql<string>`to_char(p.paid_at at time zone o.timezone, 'DD.MM.YYYY HH24:MI')`.as('paidAtLocal'),
        sql<string | null>`coalesce(p.gateway, c.gateway)`.as('gateway'),
        sql<string | null>`coalesce(p.gateway_payment_id, c.gateway_payment_id)`.as('gatewayPaymentId'),
        sql<'credited' | 'refunded'>`p.status`.as('status'),
        sql<string>`p.credited_at::text`.as('creditedAt'),
      ])
      .where('a.organization_id', '=', organizationId)
      .where('p.source', '=', 'card')
      .where('p.status', 'in', ['credited', 'refunded'])
      .where(sql<boolean>`p.credited_at >= (${monthStart}::date::timestamp at time zone o.timezone)`)
      .where(
        sql<boolean>`p.credited_at < ((${monthStart}::date + interval '1 month')::timestamp at time zone o.timezone)`,
      );
    if (after)
      query = query.where(
        sql<boolean>`(p.credited_at, p.id) > (${after.creditedAt}::timestamptz, ${after.id}::uuid)`,
      );
    const rows = await query.orderBy('p.credited_at').orderBy('p.id').limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { creditedAt: last.creditedAt, id: last.id };
  }
}

export interface SubscriberExportRow {
  accountNumber: string;
  userId: string;
  els: string | null;
  izhku: string | null;
  address: string | null;
  role: 'owner' | 'member' | 'viewer';
  registeredAt: Date;
  /** dd.mm.yyyy in the organization's time zone. */
  registeredOnLocal: string;
  emailConfirmed: boolean;
}

/**
 * Everyone registered to an account of the organization (one line per person and account; disabled
 * logins left out), by account number. No e-mail, name or phone: reconciliation does not need them.
 */
export async function* readRegisteredSubscribers(
  db: Kysely<DB>,
  organizationId: string,
  pageSize = 500,
): AsyncGenerator<SubscriberExportRow[]> {
  let after: { accountNumber: string; userId: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('account_members as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .innerJoin('organizations as o', 'o.id', 'a.organization_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('premises as p', 'p.id', 'a.premises_id')
      .leftJoin('buildings as b', 'b.id', 'p.building_id')
      .select([
        'a.number as accountNumber',
        'm.user_id as userId',
        'a.els',
        'a.izhku',
        sql<string | null>`b.address || coalesce(', кв. ' || p.number, '')`.as('address'),
        'm.role',
        'm.created_at as registeredAt',
        sql<string>`to_char(m.created_at at time zone o.timezone, 'DD.MM.YYYY')`.as('registeredOnLocal'),
        sql<boolean>`u.email_verified_at is not null`.as('emailConfirmed'),
      ])
      .where('a.organization_id', '=', organizationId)
      .where('u.disabled_at', 'is', null);
    if (after)
      query = query.where(
        sql<boolean>`(a.number, m.user_id) > (${after.accountNumber}, ${after.userId}::uuid)`,
      );
    const rows = await query.orderBy('a.number').orderBy('m.user_id').limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { accountNumber: last.accountNumber, userId: last.userId };
  }
}

export function findOrganizationForExport(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('organizations')
    .select(['inn', 'timezone'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
}
