// Logging in and out, and turning a session token into the caller. Login failures are limited per
// e-mail (10 per 15 minutes) and per IP (100 per 15 minutes); unknown e-mails and wrong passwords
// look identical to the caller — same status, body and cost.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { secondsUntilAllowed } from './attempt-limits.ts';
import {
  clearFailures,
  countRecentFailures,
  extendSession,
  findLiveSession,
  findUserByEmail,
  insertSession,
  releaseAttempt,
  reserveAttempt,
  revokeSession,
  type SessionRecord,
} from './auth.repository.ts';
import { verifyPassword } from './password.ts';
import { hashToken, newToken } from './session-token.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often per session, not on every request. */
const SESSION_EXTEND_AFTER_MS = 60 * 60 * 1000;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_IP = 100;

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function login(db: Kysely<DB>, input: LoginInput, now = new Date()) {
  const key = { emailNormalized: normalizeEmail(input.email), ip: input.ip };
  // The attempt is recorded as a failure *before* the password is checked, and the count includes
  // it: parallel guesses all see each other, so no more than the limit can ever be verified.
  const attemptId = await reserveAttempt(db, key);
  const failures = await countRecentFailures(db, key, new Date(now.getTime() - LOGIN_WINDOW_MS));
  const retryAfterSeconds = secondsUntilAllowed(
    [
      { count: failures.byEmail, max: MAX_FAILURES_PER_EMAIL + 1, oldest: failures.oldestByEmail },
      { count: failures.byIp, max: MAX_FAILURES_PER_IP + 1, oldest: failures.oldestByIp },
    ],
    LOGIN_WINDOW_MS,
    now,
  );
  if (retryAfterSeconds !== null) {
    // A refused attempt was never checked, so it does not count (and cannot prolong the block).
    await releaseAttempt(db, attemptId);
    await recordAuditEvent(db, {
      action: 'auth.login_blocked',
      ip: input.ip,
      details: { email: key.emailNormalized },
    });
    throw errors.tooManyAttempts(retryAfterSeconds);
  }

  const user = await findUserByEmail(db, key.emailNormalized);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.disabled_at) {
    await recordAuditEvent(db, {
      action: 'auth.login_failed',
      actorUserId: user?.id ?? null,
      ip: input.ip,
      details: { email: key.emailNormalized },
    });
    throw errors.invalidCredentials();
  }

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tokenHash: hashToken(token),
      csrfToken,
      userId: user.id,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await clearFailures(trx, key.emailNormalized);
    await recordAuditEvent(trx, { action: 'auth.login', actorUserId: user.id, ip: input.ip });
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
  };
}

/**
 * The session behind a token, with its expiry slid forward (written at most hourly); `extended`
 * tells the caller to renew the cookie's expiry too.
 */
export async function authenticate(
  database: Database,
  token: string,
  now = new Date(),
): Promise<{ session: SessionRecord; extended: boolean } | null> {
  const session = await findLiveSession(database, hashToken(token));
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() <= SESSION_EXTEND_AFTER_MS)
    return { session, extended: false };
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await extendSession(database.db, session.sessionId, expiresAt);
  return { session: { ...session, expiresAt }, extended: true };
}

export async function logout(db: Kysely<DB>, session: SessionRecord, ip: string): Promise<void> {
  await revokeSession(db, session.sessionId);
  await recordAuditEvent(db, { action: 'auth.logout', actorUserId: session.userId, ip });
}
