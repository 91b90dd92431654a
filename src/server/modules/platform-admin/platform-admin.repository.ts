// SQL for the platform admin: who is one, the instance's organizations with their sizes, creating
// an organization, and what the health page reads from the database itself.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function isPlatformAdmin(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('platform_admins')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Makes the user a platform admin; false when they already were. */
export async function insertPlatformAdmin(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .insertInto('platform_admins')
    .values({ user_id: userId })
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return Boolean(row);
}

/** False when the user was not one. */
export async function deletePlatformAdmin(db: Kysely<DB>, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('platform_admins').where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listPlatformAdmins(db: Kysely<DB>) {
  return db
    .selectFrom('platform_admins as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.email', 'p.created_at as createdAt'])
    .orderBy('p.created_at')
    .execute();
}

export async function listOrganizationsWithCounts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('organizations as o')
    .select([
      'o.id',
      'o.kind',
      'o.name',
      'o.short_name as shortName',
      'o.inn',
      'o.kpp',
      'o.timezone',
      'o.created_at as createdAt',
      sql<string>`(select count(*) from accounts a where a.organization_id = o.id)`.as('accountCount'),
      sql<string>`(select count(distinct m.account_id) from account_members m
        join accounts a on a.id = m.account_id where a.organization_id = o.id)`.as('registeredAccountCount'),
      sql<string>`(select count(*) from staff s where s.organization_id = o.id)`.as('staffCount'),
    ])
    .orderBy('o.short_name')
    .execute();
  return rows.map((row) => ({
    ...row,
    accountCount: Number(row.accountCount),
    registeredAccountCount: Number(row.registeredAccountCount),
    staffCount: Number(row.staffCount),
  }));
}

export interface NewOrganization {
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
  timezone: string;
}

export async function insertOrganization(db: Kysely<DB>, organization: NewOrganization): Promise<string> {
  const row = await db
    .insertInto('organizations')
    .values({
      kind: organization.kind,
      name: organization.name,
      short_name: organization.shortName,
      inn: organization.inn,
      kpp: organization.kpp,
      bank_name: organization.bankName,
      bic: organization.bic,
      settlement_account: organization.settlementAccount,
      correspondent_account: organization.correspondentAccount,
      address: organization.address,
      phone: organization.phone,
      email: organization.email,
      timezone: organization.timezone,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findOrganizationName(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'short_name as shortName'])
    .where('id', '=', organizationId)
    .executeTakeFirst();
}

/** Adds the user to the organization's staff; an existing membership keeps its role. */
export async function addStaffMember(
  db: Kysely<DB>,
  organizationId: string,
  userId: string,
  role: 'operator' | 'admin',
): Promise<void> {
  await db
    .insertInto('staff')
    .values({ organization_id: organizationId, user_id: userId, role })
    .onConflict((conflict) => conflict.columns(['user_id', 'organization_id']).doNothing())
    .execute();
}

/** How long a trivial query takes, in milliseconds. */
export async function measureDatabaseLatency(db: Kysely<DB>): Promise<number> {
  const started = performance.now();
  await sql`select 1`.execute(db);
  return performance.now() - started;
}

/** The newest applied migration (Kysely's own table) and how many are applied. */
export async function readMigrationState(db: Kysely<DB>) {
  const result = await sql<{ latest: string | null; applied: string }>`
    select max(name) as latest, count(*)::text as applied from kysely_migration`.execute(db);
  const row = result.rows[0]!;
  return { latest: row.latest, applied: Number(row.applied) };
}
