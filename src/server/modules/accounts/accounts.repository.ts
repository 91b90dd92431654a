// SQL for the subscriber's view of an account. Reads of account data take an AccountScope, which
// only findAccountScope() can make: a query that forgot to check membership does not compile.
import { type Kysely, sql } from 'kysely';
import type {
  AccountListItem,
  ChargeLine,
  Payment,
  PaymentHistoryItem,
  Statement,
} from '../../../shared/api/accounts.ts';
import type { Period } from '../../../shared/period.ts';
import { type PreparedRunner, prepared } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

declare const scopeBrand: unique symbol;
export type AccountScope = {
  readonly userId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly timezone: string;
  /** The caller's role on this account; policies decide what it may do. */
  readonly role: 'owner' | 'member' | 'viewer';
  readonly [scopeBrand]: true;
};

export async function findAccountScope(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
): Promise<AccountScope | null> {
  const row = await db
    .selectFrom('account_members')
    .innerJoin('accounts', 'accounts.id', 'account_members.account_id')
    .innerJoin('organizations', 'organizations.id', 'accounts.organization_id')
    .select(['accounts.organization_id as organizationId', 'organizations.timezone', 'account_members.role'])
    .where('account_members.user_id', '=', userId)
    .where('account_members.account_id', '=', accountId)
    .executeTakeFirst();
  return row ? ({ userId, accountId, ...row } as AccountScope) : null;
}

/**
 * An account of an organization the user is staff of (the named one, when given), as a read-only
 * scope (`viewer`) for the operator console; null for any other account.
 */
export async function findAccountScopeForStaff(
  db: Kysely<DB>,
  staffUserId: string,
  accountId: string,
  organizationId?: string,
): Promise<AccountScope | null> {
  let query = db
    .selectFrom('accounts')
    .innerJoin('staff', 'staff.organization_id', 'accounts.organization_id')
    .innerJoin('organizations', 'organizations.id', 'accounts.organization_id')
    .select(['accounts.organization_id as organizationId', 'organizations.timezone'])
    .where('staff.user_id', '=', staffUserId)
    .where('accounts.id', '=', accountId);
  if (organizationId) query = query.where('accounts.organization_id', '=', organizationId);
  const row = await query.executeTakeFirst();
  return row ? ({ userId: staffUserId, accountId, role: 'viewer', ...row } as AccountScope) : null;
}

export async function listMemberAccounts(db: Kysely<DB>, userId: string): Promise<AccountListItem[]> {
  const rows = await db
    .selectFrom('account_members')
    .innerJoin('accounts', 'accounts.id', 'account_members.account_id')
    .innerJoin('organizations', 'organizations.id', 'accounts.organization_id')
    .leftJoin('premises', 'premises.id', 'accounts.premises_id')
    .leftJoin('buildings', 'buildings.id', 'premises.building_id')
    .select([
      'accounts.id',
      'accounts.number',
      'accounts.holder_name as holderName',
      'account_members.role',
      'organizations.id as organizationId',
      'organizations.short_name as organizationName',
      'organizations.kind as organizationKind',
      sql<string | null>`buildings.address || coalesce(', кв. ' || premises.number, '')`.as('address'),
    ])
    .where('account_members.user_id', '=', userId)
    .orderBy('organizations.kind')
    .orderBy('accounts.number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    holderName: row.holderName,
    role: row.role,
    address: row.address,
    organization: { id: row.organizationId, name: row.organizationName, kind: row.organizationKind },
  }));
}

const statementColumns = [
  sql<string>`to_char(period, 'YYYY-MM')`.as('period'),
  'opening',
  'charged',
  'recalculation',
  'benefit',
  'penalties',
  'paid',
  'closing',
  'due_date as dueDate',
] as const;

export interface SummaryRow {
  /** Today's date in the organization's time zone. */
  today: string;
  statement: Statement | null;
  paidSinceStatement: number;
  lastPayment: Payment | null;
  metersDue: { meterId: string; resource: string; serialNumber: string }[];
}

/**
 * Everything the dashboard's balance card needs, in one round trip — this is the hottest read of
 * the portal. The membership check is part of the query (null when the user is not a member):
 * the latest statement, the payments credited after its month (in the organization's time zone),
 * the last payment, and the active meters without a reading for the current month.
 */
type SummaryQueryRow = {
  today: string;
  period: string | null;
  opening: number | null;
  charged: number | null;
  recalculation: number | null;
  benefit: number | null;
  penalties: number | null;
  paid: number | null;
  closing: number | null;
  due_date: string | null;
  paid_since: number;
  last_payment: {
    id: string;
    amount: number;
    paid_at: string;
    source: Payment['source'];
    status: Payment['status'];
  } | null;
  meters_due: { meterId: string; resource: string; serialNumber: string }[];
};

const summaryColumns = `
    select (now() at time zone o.timezone)::date::text as today,
      to_char(st.period, 'YYYY-MM') as period, st.opening, st.charged, st.recalculation, st.benefit,
      st.penalties, st.paid, st.closing, st.due_date,
      (select coalesce(sum(p.amount), 0)::bigint from payments p
        where p.account_id = a.id and p.status = 'credited'
          and (st.period is null
            or p.paid_at >= ((st.period + interval '1 month')::timestamp at time zone o.timezone))
      ) as paid_since,
      (select json_build_object('id', p.id, 'amount', p.amount, 'paid_at', p.paid_at, 'source', p.source,
          'status', p.status)
        from payments p where p.account_id = a.id and p.status = 'credited'
        order by p.paid_at desc limit 1) as last_payment,
      (select coalesce(json_agg(json_build_object('meterId', m.id, 'resource', m.resource,
          'serialNumber', m.serial_number) order by m.resource), '[]'::json)
        from meters m where m.account_id = a.id and m.status = 'active'
          and (m.verified_until is null or m.verified_until >= (now() at time zone o.timezone)::date)
          and not exists (select 1 from reading_submissions r where r.meter_id = m.id
            and r.status in ('accepted', 'included')
            -- the period a reading counts for now: this month's, or the next one after the window
            and r.period = (date_trunc('month', now() at time zone o.timezone)
              + case when extract(day from now() at time zone o.timezone) > o.reading_window_end
                  then interval '1 month' else interval '0' end)::date)
      ) as meters_due
`;

/** The organization and the latest statement of the account `a`. */
const summaryJoins = `
    join organizations o on o.id = a.organization_id
    left join lateral (
      select * from statements s where s.account_id = a.id order by s.period desc limit 1
    ) st on true`;

const summaryStatement = prepared<[userId: string, accountId: string], SummaryQueryRow>(
  'accounts_summary_for_member',
  `${summaryColumns}
    from account_members am
    join accounts a on a.id = am.account_id
    ${summaryJoins}
    where am.user_id = $1::uuid and am.account_id = $2::uuid
  `,
);

// The same summary for the operator console: the scope already proved the account is the staff's.
const staffSummaryStatement = prepared<[accountId: string], SummaryQueryRow>(
  'accounts_summary_for_staff',
  `${summaryColumns}
    from accounts a
    ${summaryJoins}
    where a.id = $1::uuid
  `,
);

export async function readSummaryForMember(
  runner: PreparedRunner,
  userId: string,
  accountId: string,
): Promise<SummaryRow | null> {
  const [row] = await runner.runPrepared(summaryStatement, [userId, accountId]);
  return row ? toSummaryRow(row) : null;
}

/** The summary of an account reached through a scope (the operator console's read-only one). */
export async function readSummaryInScope(runner: PreparedRunner, scope: AccountScope): Promise<SummaryRow> {
  const [row] = await runner.runPrepared(staffSummaryStatement, [scope.accountId]);
  if (!row) throw new Error(`Account ${scope.accountId} vanished after its scope was found`);
  return toSummaryRow(row);
}

function toSummaryRow(row: SummaryQueryRow): SummaryRow {
  return {
    today: row.today,
    statement:
      row.period === null
        ? null
        : {
            period: row.period,
            opening: row.opening!,
            charged: row.charged!,
            recalculation: row.recalculation!,
            benefit: row.benefit!,
            penalties: row.penalties!,
            paid: row.paid!,
            closing: row.closing!,
            dueDate: row.due_date!,
          },
    paidSinceStatement: row.paid_since,
    lastPayment: row.last_payment
      ? {
          id: row.last_payment.id,
          amount: Number(row.last_payment.amount),
          paidAt: new Date(row.last_payment.paid_at).toISOString(),
          source: row.last_payment.source,
          status: row.last_payment.status,
        }
      : null,
    metersDue: row.meters_due,
  };
}

/** The bench's one-select floor (`npm run bench`): a primary-key read, no scope — bench mode only. */
export function readAccountNumberForBench(db: Kysely<DB>, accountId: string) {
  return db.selectFrom('accounts').select(['id', 'number']).where('id', '=', accountId).executeTakeFirst();
}

export async function latestStatementPeriod(db: Kysely<DB>, scope: AccountScope): Promise<Period | null> {
  const row = await db
    .selectFrom('statements')
    .select(sql<string>`to_char(max(period), 'YYYY-MM')`.as('period'))
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  return row?.period ?? null;
}

export async function listStatements(
  db: Kysely<DB>,
  scope: AccountScope,
  from: Period,
  to: Period,
): Promise<Statement[]> {
  return db
    .selectFrom('statements')
    .select(statementColumns)
    .where('account_id', '=', scope.accountId)
    .where('period', '>=', `${from}-01`)
    .where('period', '<=', `${to}-01`)
    .orderBy('period', 'desc')
    .execute();
}

/** A charge line as the API shows it (a select from `charges` joined with `services`). */
export const chargeLineColumns = [
  'services.code as serviceCode',
  'services.name as serviceName',
  'services.unit',
  sql<string | null>`trim_scale(charges.volume)::text`.as('volume'),
  sql<string>`trim_scale(charges.tariff)::text`.as('tariff'),
  'charges.amount as charged',
  'charges.recalculation',
  'charges.benefit',
  'charges.total',
] as const;

export async function listChargeLines(
  db: Kysely<DB>,
  scope: AccountScope,
  from: Period,
  to: Period,
): Promise<(ChargeLine & { period: Period })[]> {
  return db
    .selectFrom('charges')
    .innerJoin('services', 'services.id', 'charges.service_id')
    .select([sql<string>`to_char(charges.period, 'YYYY-MM')`.as('period'), ...chargeLineColumns])
    .where('charges.account_id', '=', scope.accountId)
    .where('charges.period', '>=', `${from}-01`)
    .where('charges.period', '<=', `${to}-01`)
    .orderBy('charges.period', 'desc')
    .orderBy('services.sort_order')
    .execute();
}

export async function listPayments(
  db: Kysely<DB>,
  scope: AccountScope,
  from: Period,
  to: Period,
): Promise<PaymentHistoryItem[]> {
  const rows = await db
    .selectFrom('payments')
    .select(['id', 'amount', 'paid_at', 'source', 'status', 'card_payment_id'])
    .where('account_id', '=', scope.accountId)
    .where('paid_at', '>=', sql<Date>`(${`${from}-01`}::date)::timestamp at time zone ${scope.timezone}`)
    .where(
      'paid_at',
      '<',
      sql<Date>`((${`${to}-01`}::date + interval '1 month')::timestamp at time zone ${scope.timezone})`,
    )
    .orderBy('paid_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    amount: row.amount,
    paidAt: row.paid_at.toISOString(),
    source: row.source,
    status: row.status,
    cardPaymentId: row.card_payment_id,
  }));
}
