// Test data builders: the smallest valid rows, with overrides for what a test is about.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { multiplyToKopecks } from '../../src/shared/money.ts';

let sequence = 0;
const next = () => ++sequence;

export async function buildOrganization(
  db: Kysely<DB>,
  overrides: { kind?: 'housing' | 'isp'; short_name?: string } = {},
) {
  const id = randomUUID();
  const n = next();
  await db
    .insertInto('organizations')
    .values({
      id,
      kind: overrides.kind ?? 'housing',
      name: `ООО «Тестовая УК ${n}»`,
      short_name: overrides.short_name ?? `УК ${n}`,
      inn: '7707083893',
      bank_name: 'ПАО СБЕРБАНК',
      bic: '044525225',
      settlement_account: '40702810138250123017',
      correspondent_account: '30101810400000000225',
    })
    .execute();
  return { id };
}

export async function buildUser(db: Kysely<DB>, overrides: { email?: string; password?: string } = {}) {
  const id = randomUUID();
  const email = overrides.email ?? `user-${next()}-${id.slice(0, 6)}@example.test`;
  const password = overrides.password ?? 'correct horse battery staple';
  await db
    .insertInto('users')
    .values({ id, email, email_normalized: email.toLowerCase(), password_hash: await hashPassword(password) })
    .execute();
  return { id, email, password };
}

export async function buildAccount(
  db: Kysely<DB>,
  organizationId: string,
  options: { members?: { userId: string; role?: 'owner' | 'member' | 'viewer' }[]; number?: string } = {},
) {
  const id = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id,
      organization_id: organizationId,
      number: options.number ?? String(next()).padStart(8, '0'),
    })
    .execute();
  for (const member of options.members ?? []) {
    await db
      .insertInto('account_members')
      .values({ account_id: id, user_id: member.userId, role: member.role ?? 'owner' })
      .execute();
  }
  return { id };
}

export async function buildMeter(
  db: Kysely<DB>,
  accountId: string,
  overrides: Partial<{
    resource: 'cold_water' | 'hot_water' | 'electricity' | 'heating' | 'gas';
    registers: number;
    digits: number;
    decimals: number;
    verified_until: string | null;
    status: 'active' | 'replaced' | 'broken';
  }> = {},
) {
  const id = randomUUID();
  await db
    .insertInto('meters')
    .values({
      id,
      account_id: accountId,
      resource: overrides.resource ?? 'cold_water',
      serial_number: `T-${next()}`,
      registers: overrides.registers ?? 1,
      digits: overrides.digits ?? 5,
      decimals: overrides.decimals ?? 0,
      verified_until: overrides.verified_until === undefined ? '2099-01-01' : overrides.verified_until,
      status: overrides.status ?? 'active',
    })
    .execute();
  return { id };
}

/** A reading that counted for `period` (included in its charges unless said otherwise). */
export async function addReading(
  db: Kysely<DB>,
  meterId: string,
  period: string,
  values: string[],
  options: { status?: 'accepted' | 'included'; source?: 'subscriber' | 'operator' | 'estimated' } = {},
) {
  const id = randomUUID();
  const status = options.status ?? 'included';
  await db
    .insertInto('reading_submissions')
    .values({
      id,
      meter_id: meterId,
      period: `${period}-01`,
      source: options.source ?? 'subscriber',
      status,
      included_in: status === 'included' ? `${period}-01` : null,
      submitted_at: `${period}-20T09:00:00Z`,
    })
    .execute();
  await db
    .insertInto('readings')
    .values(values.map((value, index) => ({ submission_id: id, register: index + 1, value })))
    .execute();
  return { id };
}

/** A metered service with one tariff (rubles per unit) valid since 2020. */
export async function buildTariff(db: Kysely<DB>, organizationId: string, code: string, price: string) {
  const serviceId = randomUUID();
  await db
    .insertInto('services')
    .values({ id: serviceId, organization_id: organizationId, code, name: code, unit: 'м³', kind: 'metered' })
    .execute();
  await db.insertInto('tariffs').values({ service_id: serviceId, valid_from: '2020-01-01', price }).execute();
}

export interface StatementLine {
  code: string;
  name?: string;
  unit?: string;
  kind?: 'metered' | 'area' | 'per_person' | 'fixed';
  /** Null: billed without a volume (amount = tariff). */
  volume: string | null;
  tariff: string;
  recalculation?: number;
  benefit?: number;
}

/**
 * A month's charges and its statement, consistent with the balance identity: each line is
 * volume × tariff (half up), the statement sums them; services are made per organization and code.
 */
export async function buildStatement(
  db: Kysely<DB>,
  organizationId: string,
  accountId: string,
  period: string,
  lines: StatementLine[],
  totals: { opening?: number; paid?: number; penalties?: number } = {},
) {
  let charged = 0;
  let recalculation = 0;
  let benefit = 0;
  for (const [index, line] of lines.entries()) {
    let service = await db
      .selectFrom('services')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('code', '=', line.code)
      .executeTakeFirst();
    if (!service) {
      service = { id: randomUUID() };
      await db
        .insertInto('services')
        .values({
          id: service.id,
          organization_id: organizationId,
          code: line.code,
          name: line.name ?? line.code,
          unit: line.unit ?? 'м³',
          kind: line.kind ?? 'metered',
          sort_order: index,
        })
        .execute();
    }
    const amount =
      line.volume === null
        ? multiplyToKopecks('1', line.tariff)
        : multiplyToKopecks(line.volume, line.tariff);
    const lineRecalculation = line.recalculation ?? 0;
    const lineBenefit = line.benefit ?? 0;
    await db
      .insertInto('charges')
      .values({
        account_id: accountId,
        period: `${period}-01`,
        service_id: service.id,
        volume: line.volume,
        tariff: line.tariff,
        amount,
        recalculation: lineRecalculation,
        benefit: lineBenefit,
        total: amount + lineRecalculation - lineBenefit,
      })
      .execute();
    charged += amount;
    recalculation += lineRecalculation;
    benefit += lineBenefit;
  }
  const opening = totals.opening ?? 0;
  const paid = totals.paid ?? 0;
  const penalties = totals.penalties ?? 0;
  const closing = opening + charged + recalculation - benefit + penalties - paid;
  const [year, month] = period.split('-').map(Number) as [number, number];
  const due = month === 12 ? `${year + 1}-01-10` : `${year}-${String(month + 1).padStart(2, '0')}-10`;
  await db
    .insertInto('statements')
    .values({
      account_id: accountId,
      period: `${period}-01`,
      opening,
      charged,
      recalculation,
      benefit,
      penalties,
      paid,
      closing,
      due_date: due,
    })
    .execute();
  return { charged, recalculation, benefit, penalties, paid, opening, closing, dueDate: due };
}
