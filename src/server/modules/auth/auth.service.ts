// Logging in and out, and turning a session token into the caller. Login failures are limited per
// e-mail (10 per 15 minutes) and per IP (100 per 15 minutes); unknown e-mails and wrong passwords
// look identical to the caller — same status, body and cost.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { checkSecondFactor } from '../two-factor/two-factor.service.ts';
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
  totp?: string | undefined;
  ip: string;
  userAgent: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Runs one password check under the login limits (per e-mail and per IP). The attempt is recorded
 * as a failure *before* the check, and the count includes it: parallel guesses all see each other,
 * so no more than the limit can ever be verified. A refused attempt was never checked, so it does
 * not count (and cannot prolong the block). Success clears the e-mail's failures.
 */
export async function checkPasswordWithinLimits(
  db: Kysely<DB>,
  key: { emailNormalized: string; ip: string },
  check: () => Promise<boolean>,
  now = new Date(),
): Promise<boolean> {
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
    await releaseAttempt(db, attemptId);
    await recordAuditEvent(db, {
      action: 'auth.login_blocked',
      ip: key.ip,
      details: { email: key.emailNormalized },
    });
    throw errors.tooManyAttempts(retryAfterSeconds);
  }
  const ok = await check();
  if (ok) await clearFailures(db, key.emailNormalized);
  return ok;
}

/** For changes that need the current password (password, e-mail, turning 2FA off): limited like logins. */
export async function assertCurrentPassword(
  db: Kysely<DB>,
  user: { email: string; password_hash: string | null },
  password: string,
  ip: string,
): Promise<void> {
  const ok = await checkPasswordWithinLimits(db, { emailNormalized: normalizeEmail(user.email), ip }, () =>
    verifyPassword(user.password_hash, password),
  );
  if (!ok) throw errors.currentPasswordWrong();
}

export async function login(db: Kysely<DB>, input: LoginInput, now = new Date()) {
  const key = { emailNormalized: normalizeEmail(input.email), ip: input.ip };
  let user: Awaited<ReturnType<typeof findUserByEmail>>;
  let missingCode = false;
  let wrongCode = false;
  // The second factor is checked inside the limited attempt: wrong codes count like wrong passwords.
  const ok = await checkPasswordWithinLimits(
    db,
    key,
    async () => {
      user = await findUserByEmail(db, key.emailNormalized);
      const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
      if (!user || !passwordOk || user.disabled_at) return false;
      if (!user.totp_enabled_at || !user.totp_secret) return true;
      if (!input.totp) {
        missingCode = true;
        return false;
      }
      wrongCode = !(await checkSecondFactor(db, user.id, user.totp_secret, input.totp));
      return !wrongCode;
    },
    now,
  );
  if (missingCode) throw errors.totpRequired();
  if (!ok || !user) {
    await recordAuditEvent(db, {
      action: wrongCode ? 'auth.totp_failed' : 'auth.login_failed',
      actorUserId: user?.id ?? null,
      ip: input.ip,
      details: { email: key.emailNormalized },
    });
    throw wrongCode ? errors.totpInvalid() : errors.invalidCredentials();
  }
  const found = user;

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tokenHash: hashToken(token),
      csrfToken,
      userId: found.id,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
      secondFactor: Boolean(found.totp_enabled_at),
    });
    await recordAuditEvent(trx, { action: 'auth.login', actorUserId: found.id, ip: input.ip });
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: found.id, email: found.email, name: found.name, locale: found.locale },
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
