// SQL for receipts: everything one (account, period) document prints, the list of periods, and the
// stored PDF versions. Reads of account data take an AccountScope (membership already checked).
import { type Kysely, sql } from 'kysely';
import type { ChargeLine, Statement } from '../../../shared/api/accounts.ts';
import type { MeterResource } from '../../../shared/api/readings.ts';
import type { Period } from '../../../shared/period.ts';
import type { DB } from '../../db/schema.ts';
import { type AccountScope, chargeLineColumns } from '../accounts/accounts.repository.ts';

export interface ReceiptSource {
  organization: {
    kind: 'housing' | 'isp';
    name: string;
    shortName: string;
    inn: string;
    kpp: string | null;
    bankName: string;
    bic: string;
    settlementAccount: string;
    correspondentAccount: string;
    address: string | null;
    phone: string | null;
    email: string | null;
  };
  account: {
    id: string;
    number: string;
    holderName: string | null;
    address: string | null;
    area: string | null;
    residents: number | null;
  };
  statement: Statement;
  lines: ChargeLine[];
  meters: ReceiptMeterSource[];
}

export interface ReceiptMeterSource {
  id: string;
  resource: MeterResource;
  serialNumber: string;
  registers: number;
  registerNames: string[] | null;
  current: SubmissionValues | null;
  previous: SubmissionValues | null;
}

interface SubmissionValues {
  period: Period;
  source: string;
  values: { register: number; value: string }[];
}

const statementColumns = [
  sql<string>`to_char(st.period, 'YYYY-MM')`.as('period'),
  'st.opening',
  'st.charged',
  'st.recalculation',
  'st.benefit',
  'st.penalties',
  'st.paid',
  'st.closing',
  'st.due_date as dueDate',
] as const;

/** The account's statements (one per receipt), newest first. */
export async function listReceiptStatements(db: Kysely<DB>, scope: AccountScope): Promise<Statement[]> {
  return db
    .selectFrom('statements as st')
    .select(statementColumns)
    .where('st.account_id', '=', scope.accountId)
    .orderBy('st.period', 'desc')
    .execute();
}

const countedSubmission = (
  comparison: 'current' | 'previous',
) => sql<SubmissionValues | null>`(select json_build_object('period', to_char(s.period, 'YYYY-MM'),
    'source', s.source,
    'values', (select json_agg(json_build_object('register', r.register, 'value', trim_scale(r.value)::text)
      order by r.register) from readings r where r.submission_id = s.id))
  from reading_submissions s
  where s.meter_id = m.id and s.status in ('accepted', 'included')
    and ${comparison === 'current' ? sql`s.period = st.period` : sql`s.period < st.period`}
  order by s.period desc limit 1)`;

/** What the receipt of (account, period) prints; null when the period has no statement. */
export async function loadReceiptSource(
  db: Kysely<DB>,
  scope: AccountScope,
  period: Period,
): Promise<ReceiptSource | null> {
  const head = await db
    .selectFrom('statements as st')
    .innerJoin('accounts as a', 'a.id', 'st.account_id')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('premises as p', 'p.id', 'a.premises_id')
    .leftJoin('buildings as b', 'b.id', 'p.building_id')
    .select([
      ...statementColumns,
      'o.kind',
      'o.name',
      'o.short_name as shortName',
      'o.inn',
      'o.kpp',
      'o.bank_name as bankName',
      'o.bic',
      'o.settlement_account as settlementAccount',
      'o.correspondent_account as correspondentAccount',
      'o.address as organizationAddress',
      'o.phone',
      'o.email',
      'a.number',
      'a.holder_name as holderName',
      sql<string | null>`b.address || coalesce(', кв. ' || p.number, '')`.as('address'),
      sql<string | null>`trim_scale(p.area)::text`.as('area'),
      'p.residents',
    ])
    .where('st.account_id', '=', scope.accountId)
    .where('a.organization_id', '=', scope.organizationId)
    .where('st.period', '=', `${period}-01`)
    .executeTakeFirst();
  if (!head) return null;

  const [lines, meters] = await Promise.all([
    db
      .selectFrom('charges')
      .innerJoin('services', 'services.id', 'charges.service_id')
      .select(chargeLineColumns)
      .where('charges.account_id', '=', scope.accountId)
      .where('charges.period', '=', `${period}-01`)
      .orderBy('services.sort_order')
      .orderBy('services.code')
      .execute(),
    db
      .selectFrom('meters as m')
      .innerJoin('statements as st', (join) =>
        join.onRef('st.account_id', '=', 'm.account_id').on('st.period', '=', `${period}-01`),
      )
      .select([
        'm.id',
        'm.resource',
        'm.serial_number as serialNumber',
        'm.registers',
        'm.register_names as registerNames',
        countedSubmission('current').as('current'),
        countedSubmission('previous').as('previous'),
      ])
      .where('m.account_id', '=', scope.accountId)
      .orderBy(sql`array_position(array['cold_water','hot_water','electricity','heating','gas'], m.resource)`)
      .orderBy('m.serial_number')
      .execute(),
  ]);

  return {
    organization: {
      kind: head.kind,
      name: head.name,
      shortName: head.shortName,
      inn: head.inn,
      kpp: head.kpp,
      bankName: head.bankName,
      bic: head.bic,
      settlementAccount: head.settlementAccount,
      correspondentAccount: head.correspondentAccount,
      address: head.organizationAddress,
      phone: head.phone,
      email: head.email,
    },
    account: {
      id: scope.accountId,
      number: head.number,
      holderName: head.holderName,
      address: head.address,
      area: head.area,
      residents: head.kind === 'housing' ? head.residents : null,
    },
    statement: {
      period: head.period,
      opening: head.opening,
      charged: head.charged,
      recalculation: head.recalculation,
      benefit: head.benefit,
      penalties: head.penalties,
      paid: head.paid,
      closing: head.closing,
      dueDate: head.dueDate,
    },
    lines,
    // A meter without any reading up to this period (installed later) has nothing to print.
    meters: meters.filter((meter) => meter.current || meter.previous),
  };
}

export interface StoredReceipt {
  version: number;
  dataVersion: string;
  fileId: string;
}

/** The newest stored version of (account, period). */
export async function findLatestReceiptDocument(
  db: Kysely<DB>,
  accountId: string,
  period: Period,
): Promise<StoredReceipt | undefined> {
  return db
    .selectFrom('receipt_documents')
    .select(['version', 'data_version as dataVersion', 'file_id as fileId'])
    .where('account_id', '=', accountId)
    .where('period', '=', `${period}-01`)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Records a new version of (account, period) pointing at an already stored file; the next number
 * after the highest. Undefined when another process took the same version number first, or has
 * just stored this very data as the newest version (the caller looks again).
 */
export async function insertReceiptDocument(
  db: Kysely<DB>,
  accountId: string,
  period: Period,
  dataVersion: string,
  fileId: string,
): Promise<StoredReceipt | undefined> {
  const result = await sql<StoredReceipt>`
    insert into receipt_documents (account_id, period, version, data_version, file_id)
    select ${accountId}::uuid, ${`${period}-01`}::date, coalesce(max(version), 0) + 1, ${dataVersion}, ${fileId}::uuid
      from receipt_documents where account_id = ${accountId}::uuid and period = ${`${period}-01`}::date
      -- not when the newest version already has this data (another process stored it meanwhile)
      having coalesce((array_agg(data_version order by version desc))[1], '') <> ${dataVersion}
    on conflict do nothing
    returning version, data_version as "dataVersion", file_id as "fileId"`.execute(db);
  return result.rows[0];
}
