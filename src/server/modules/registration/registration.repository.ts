// SQL for self-registration: the public organization search, the facts a proof is checked
// against, proof-failure counts for limits, and creating the user with consent and membership.
import { type Kysely, sql } from 'kysely';
import type { PublicOrganization } from '../../../shared/api/registration.ts';
import type { DB } from '../../db/schema.ts';

const publicColumns = [
  'id',
  'name',
  'short_name as shortName',
  'kind',
  'city',
  'inn',
  'address',
  'phone',
  'registration_mode as registrationMode',
  'proof_type as proofType',
] as const;

export function searchOrganizations(
  db: Kysely<DB>,
  query: string,
  limit = 20,
): Promise<PublicOrganization[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db
    .selectFrom('organizations')
    .select(publicColumns)
    .where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        eb('short_name', 'ilike', pattern),
        eb('city', 'ilike', pattern),
        eb('inn', '=', query),
      ]),
    )
    .orderBy('short_name')
    .limit(limit)
    .execute();
}

export function findOrganization(db: Kysely<DB>, id: string) {
  return db.selectFrom('organizations').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * What the holder of an account can read on their paper receipt: the last credited payment and
 * the latest statement's total to pay. Null fields when there is none yet (a new flat).
 */
export async function findProofFacts(db: Kysely<DB>, organizationId: string, accountNumber: string) {
  return db
    .selectFrom('accounts')
    .select([
      'accounts.id',
      sql<
        number | null
      >`(select p.amount from payments p where p.account_id = accounts.id and p.status = 'credited'
        order by p.paid_at desc limit 1)`.as('lastPayment'),
      sql<number | null>`(select s.closing from statements s where s.account_id = accounts.id
        order by s.period desc limit 1)`.as('lastReceiptTotal'),
    ])
    .where('organization_id', '=', organizationId)
    .where('number', '=', accountNumber)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function countRecentProofFailures(
  db: Kysely<DB>,
  key: { organizationId: string; accountNumber: string; ip: string },
  since: Date,
) {
  return db
    .selectFrom('registration_failures')
    .select([
      sql<number>`count(*) filter (where organization_id = ${key.organizationId}
        and account_number = ${key.accountNumber})::int`.as('byAccount'),
      sql<number>`count(*) filter (where ip = ${key.ip})::int`.as('byIp'),
      sql<Date | null>`min(created_at) filter (where organization_id = ${key.organizationId}
        and account_number = ${key.accountNumber})`.as('oldestByAccount'),
      sql<Date | null>`min(created_at) filter (where ip = ${key.ip})`.as('oldestByIp'),
    ])
    .where('created_at', '>', since)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('organization_id', '=', key.organizationId),
          eb('account_number', '=', key.accountNumber),
        ]),
        eb('ip', '=', key.ip),
      ]),
    )
    .executeTakeFirstOrThrow();
}

/** Records a proof attempt as a failure before it is checked; returns its id (deleted on success). */
export async function recordProofFailure(
  db: Kysely<DB>,
  key: { organizationId: string; accountNumber: string; ip: string },
): Promise<number> {
  const row = await db
    .insertInto('registration_failures')
    .values({ organization_id: key.organizationId, account_number: key.accountNumber, ip: key.ip })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteProofFailure(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('registration_failures').where('id', '=', id).execute();
}

export async function accountHasOwner(db: Kysely<DB>, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('account_members')
    .select('user_id')
    .where('account_id', '=', accountId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Creates a login, or — when another request created one for this address a moment ago — returns
 * that one: the caller has proven the address either way.
 */
export async function createUser(
  db: Kysely<DB>,
  user: { email: string; emailNormalized: string; passwordHash: string; locale: 'ru' | 'en' },
): Promise<string> {
  const created = await db
    .insertInto('users')
    .values({
      email: user.email,
      email_normalized: user.emailNormalized,
      password_hash: user.passwordHash,
      locale: user.locale,
      email_verified_at: sql`now()`,
    })
    .onConflict((conflict) => conflict.column('email_normalized').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) return created.id;
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email_normalized', '=', user.emailNormalized)
    .executeTakeFirstOrThrow();
  return existing.id;
}

export async function recordConsent(
  db: Kysely<DB>,
  consent: { userId: string; version: string; ip: string; acceptedAt: Date },
): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      user_id: consent.userId,
      document: 'personal_data_policy',
      version: consent.version,
      ip: consent.ip,
      accepted_at: consent.acceptedAt,
    })
    .onConflict((conflict) => conflict.columns(['user_id', 'document', 'version']).doNothing())
    .execute();
}

/** Adds a membership; an existing one keeps its role (a proof never changes somebody's role). */
export async function linkAccount(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  role: 'owner' | 'member' | 'viewer',
): Promise<void> {
  await db
    .insertInto('account_members')
    .values({ account_id: accountId, user_id: userId, role })
    .onConflict((conflict) => conflict.columns(['account_id', 'user_id']).doNothing())
    .execute();
}
