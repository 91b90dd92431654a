// SQL for users, sessions and login failures.
import { type Kysely, sql } from 'kysely';
import { type PreparedRunner, prepared } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

export interface SessionRecord {
  sessionId: string;
  userId: string;
  email: string;
  name: string | null;
  locale: 'ru' | 'en';
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  /** Set when this session passed the second factor. */
  secondFactorAt: Date | null;
}

export function findUserByEmail(db: Kysely<DB>, emailNormalized: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'locale',
      'password_hash',
      'disabled_at',
      'totp_secret',
      'totp_enabled_at',
    ])
    .where('email_normalized', '=', emailNormalized)
    .executeTakeFirst();
}

export async function insertSession(
  db: Kysely<DB>,
  session: {
    tokenHash: string;
    csrfToken: string;
    userId: string;
    expiresAt: Date;
    ip: string;
    userAgent: string | null;
    secondFactor: boolean;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      csrf_token: session.csrfToken,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
      second_factor_at: session.secondFactor ? new Date() : null,
    })
    .execute();
}

const liveSessionStatement = prepared<[tokenHash: string], SessionRecord>(
  'auth_live_session',
  `select s.id as "sessionId", u.id as "userId", u.email, u.name, u.locale, s.csrf_token as "csrfToken",
      s.expires_at as "expiresAt", s.last_seen_at as "lastSeenAt", s.second_factor_at as "secondFactorAt"
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and u.disabled_at is null`,
);

/** The live session for a token hash with its user, in one prepared query (it runs on every request). */
export async function findLiveSession(
  runner: PreparedRunner,
  tokenHash: string,
): Promise<SessionRecord | undefined> {
  const rows = await runner.runPrepared(liveSessionStatement, [tokenHash]);
  return rows[0];
}

export async function extendSession(db: Kysely<DB>, sessionId: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt, last_seen_at: sql`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function revokeSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('id', '=', sessionId).execute();
}

export interface FailureCounts {
  byEmail: number;
  byIp: number;
  /** The oldest failure inside the window for each key: when it leaves the window, a slot frees up. */
  oldestByEmail: Date | null;
  oldestByIp: Date | null;
}

export async function countRecentFailures(
  db: Kysely<DB>,
  key: { emailNormalized: string; ip: string },
  since: Date,
): Promise<FailureCounts> {
  const row = await db
    .selectFrom('auth_failures')
    .select([
      sql<number>`count(*) filter (where email_normalized = ${key.emailNormalized})::int`.as('byEmail'),
      sql<number>`count(*) filter (where ip = ${key.ip})::int`.as('byIp'),
      sql<Date | null>`min(created_at) filter (where email_normalized = ${key.emailNormalized})`.as(
        'oldestByEmail',
      ),
      sql<Date | null>`min(created_at) filter (where ip = ${key.ip})`.as('oldestByIp'),
    ])
    .where('created_at', '>', since)
    .where((eb) => eb.or([eb('email_normalized', '=', key.emailNormalized), eb('ip', '=', key.ip)]))
    .executeTakeFirstOrThrow();
  return row;
}

/** Records an attempt as a failure before the password is checked; returns its id. */
export async function reserveAttempt(
  db: Kysely<DB>,
  key: { emailNormalized: string; ip: string },
): Promise<number> {
  const row = await db
    .insertInto('auth_failures')
    .values({ email_normalized: key.emailNormalized, ip: key.ip })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function releaseAttempt(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('auth_failures').where('id', '=', id).execute();
}

export async function clearFailures(db: Kysely<DB>, emailNormalized: string): Promise<void> {
  await db.deleteFrom('auth_failures').where('email_normalized', '=', emailNormalized).execute();
}

export function listStaffRoles(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('staff')
    .innerJoin('organizations', 'organizations.id', 'staff.organization_id')
    .select([
      'staff.organization_id as organizationId',
      'organizations.short_name as organizationName',
      'staff.role',
    ])
    .where('staff.user_id', '=', userId)
    .orderBy('organizations.short_name')
    .execute();
}
