// SQL of the operator console: the organization's figures, account search, who is on an account
// and how often a reset link was sent. Every function takes the organization it reads.
import { type Kysely, sql } from 'kysely';
import type { AccountSearchItem, ImportBatch } from '../../../shared/api/operator-console.ts';
import type { Period } from '../../../shared/period.ts';
import type { DB } from '../../db/schema.ts';
import type { AccountScope } from '../accounts/accounts.repository.ts';

export async function isStaffMember(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return Boolean(row);
}

export function readOrganization(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'short_name as name', 'kind', 'timezone'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
}

export async function countAccounts(
  db: Kysely<DB>,
  organizationId: string,
): Promise<{ total: number; registered: number }> {
  const row = await db
    .selectFrom('accounts as a')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) filter (where exists (select 1 from account_members am
        where am.account_id = a.id and am.role = 'owner'))`.as('registered'),
    ])
    .where('a.organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), registered: Number(row.registered) };
}

/** Active meters, and those with a reading that counts (accepted or included) for the period. */
export async function countMeterReadings(
  db: Kysely<DB>,
  organizationId: string,
  period: Period,
): Promise<{ metersActive: number; metersRead: number }> {
  const row = await db
    .selectFrom('meters as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select((eb) => [
      eb.fn.countAll<string>().as('metersActive'),
      sql<string>`count(*) filter (where exists (select 1 from reading_submissions s
        where s.meter_id = m.id and s.period = ${`${period}-01`}::date
          and s.status in ('accepted', 'included')))`.as('metersRead'),
    ])
    .where('a.organization_id', '=', organizationId)
    .where('m.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { metersActive: Number(row.metersActive), metersRead: Number(row.metersRead) };
}

/**
 * Payments credited per day (in the organization's time zone) from `fromDate` to `toDate`,
 * days without payments left out.
 */
export async function sumCreditedPaymentsByDay(
  db: Kysely<DB>,
  organizationId: string,
  timezone: string,
  fromDate: string,
  toDate: string,
): Promise<{ date: string; count: number; amount: number }[]> {
  const day = sql<string>`(p.credited_at at time zone ${timezone})::date::text`;
  const rows = await db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select((eb) => [
      day.as('date'),
      eb.fn.countAll<string>().as('count'),
      sql<number>`coalesce(sum(p.amount), 0)::bigint`.as('amount'),
    ])
    .where('a.organization_id', '=', organizationId)
    .where('p.status', '=', 'credited')
    .where('p.credited_at', '>=', sql<Date>`(${fromDate}::date)::timestamp at time zone ${timezone}`)
    .where(
      'p.credited_at',
      '<',
      sql<Date>`(${toDate}::date + interval '1 day')::timestamp at time zone ${timezone}`,
    )
    // By position: the time zone is a parameter, so the expression repeated would not match.
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((row) => ({ date: row.date, count: Number(row.count), amount: Number(row.amount) }));
}

export async function listRecentImports(
  db: Kysely<DB>,
  organizationId: string,
  limit: number,
): Promise<ImportBatch[]> {
  const rows = await db
    .selectFrom('import_batches')
    .select([
      'id',
      'kind',
      'status',
      'file_name as fileName',
      'rows_read as rowsRead',
      'error_count as errorCount',
      'created_at as createdAt',
      'finished_at as finishedAt',
    ])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const addressExpression = sql<string | null>`b.address || coalesce(', кв. ' || p.number, '')`;

export async function searchAccounts(
  db: Kysely<DB>,
  organizationId: string,
  query: { q?: string; limit: number; offset: number },
): Promise<{ total: number; items: AccountSearchItem[] }> {
  const text = query.q?.trim() ?? '';
  let base = db
    .selectFrom('accounts as a')
    .leftJoin('premises as p', 'p.id', 'a.premises_id')
    .leftJoin('buildings as b', 'b.id', 'p.building_id')
    .where('a.organization_id', '=', organizationId);
  if (text) {
    const contains = `%${likeEscaped(text)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('a.number', 'like', `${likeEscaped(text)}%`),
        eb(addressExpression, 'ilike', contains),
        eb('a.holder_name', 'ilike', contains),
      ]),
    );
  }
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .select([
        'a.id',
        'a.number',
        'a.holder_name as holderName',
        'a.status',
        addressExpression.as('address'),
        sql<boolean>`exists (select 1 from account_members am
          where am.account_id = a.id and am.role = 'owner')`.as('registered'),
      ])
      // The account whose number is exactly what was typed comes first.
      .orderBy(sql`a.number = ${text}`, 'desc')
      .orderBy('a.number')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { total: Number(total), items: rows };
}

export function readAccountCard(db: Kysely<DB>, scope: AccountScope) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('premises as p', 'p.id', 'a.premises_id')
    .leftJoin('buildings as b', 'b.id', 'p.building_id')
    .select([
      'a.id',
      'a.number',
      'a.holder_name as holderName',
      'a.status',
      'a.opened_at as openedAt',
      addressExpression.as('address'),
    ])
    .where('a.id', '=', scope.accountId)
    .where('a.organization_id', '=', scope.organizationId)
    .executeTakeFirstOrThrow();
}

/** A member of the account, with what a reset e-mail needs; undefined when not on this account. */
export function findAccountMember(db: Kysely<DB>, scope: AccountScope, userId: string) {
  return db
    .selectFrom('account_members as am')
    .innerJoin('users as u', 'u.id', 'am.user_id')
    .select(['u.id', 'u.email', 'u.locale', 'u.disabled_at as disabledAt'])
    .where('am.account_id', '=', scope.accountId)
    .where('am.user_id', '=', userId)
    .executeTakeFirst();
}

/** Reset links sent by staff within the last `windowMs`: to this user, and by this staff member. */
export async function countRecentForcedResets(
  db: Kysely<DB>,
  action: string,
  targetUserId: string,
  staffUserId: string,
  windowMs: number,
): Promise<{ toUser: number; byStaff: number; oldestToUser: Date | null; oldestByStaff: Date | null }> {
  const since = new Date(Date.now() - windowMs);
  const row = await db
    .selectFrom('audit_events')
    .select([
      sql<string>`count(*) filter (where target_id = ${targetUserId})`.as('toUser'),
      sql<string>`count(*) filter (where actor_user_id = ${staffUserId})`.as('byStaff'),
      sql<Date | null>`min(created_at) filter (where target_id = ${targetUserId})`.as('oldestToUser'),
      sql<Date | null>`min(created_at) filter (where actor_user_id = ${staffUserId})`.as('oldestByStaff'),
    ])
    .where('action', '=', action)
    .where('created_at', '>=', since)
    .where((eb) => eb.or([eb('target_id', '=', targetUserId), eb('actor_user_id', '=', staffUserId)]))
    .executeTakeFirstOrThrow();
  return {
    toUser: Number(row.toUser),
    byStaff: Number(row.byStaff),
    oldestToUser: row.oldestToUser ? new Date(row.oldestToUser) : null,
    oldestByStaff: row.oldestByStaff ? new Date(row.oldestByStaff) : null,
  };
}
