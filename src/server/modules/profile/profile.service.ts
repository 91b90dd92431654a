// The user's own profile: details, password change (current password required, under the login
// limits; other sessions end), sessions with sign-out, and recent security activity.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';
import { assertCurrentPassword, normalizeEmail } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { assertPasswordAcceptable } from '../auth/password-policy.ts';
import { hashToken, newToken } from '../auth/session-token.ts';
import {
  consumeToken,
  expireUserTokens,
  findUsableToken,
  insertToken,
} from '../auth/single-use-token.repository.ts';
import { queueMail } from '../mail/mail.service.ts';
import type { ProfileUpdate } from './profile.repository.ts';
import {
  findProfile,
  listLiveSessions,
  listSecurityEvents,
  revokeSessions,
  setPasswordHash,
  updateProfile,
} from './profile.repository.ts';

export interface ProfileContext {
  db: Kysely<DB>;
  queue: JobQueue;
  publicUrl: string;
}

export interface Caller {
  userId: string;
  sessionId: string;
  ip: string;
}

export async function getProfile(db: Kysely<DB>, userId: string) {
  const user = await findProfile(db, userId);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    locale: user.locale,
    readingReminders: user.reading_reminders,
    verificationReminders: user.verification_reminders,
    receiptEmails: user.receipt_emails,
  };
}

export async function changeProfile(db: Kysely<DB>, caller: Caller, update: ProfileUpdate) {
  await db.transaction().execute(async (trx) => {
    await updateProfile(trx, caller.userId, update);
    await recordAuditEvent(trx, {
      action: 'profile.updated',
      actorUserId: caller.userId,
      ip: caller.ip,
      details: { fields: Object.keys(update) },
    });
  });
  return getProfile(db, caller.userId);
}

export async function changePassword(
  context: ProfileContext,
  caller: Caller,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const { db, queue, publicUrl } = context;
  const user = await findProfile(db, caller.userId);
  await assertCurrentPassword(db, user, currentPassword, caller.ip);
  assertPasswordAcceptable(newPassword, user.email);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, caller.userId, passwordHash);
    await revokeSessions(trx, caller.userId, { except: caller.sessionId });
    await expireUserTokens(trx, caller.userId, 'password_reset', 'email_change');
    await queueMail(trx, queue, user.email, user.locale, {
      template: 'password_changed',
      resetLink: `${publicUrl}/forgot-password`,
    });
    await recordAuditEvent(trx, { action: 'password.changed', actorUserId: caller.userId, ip: caller.ip });
  });
}

export async function getSessions(db: Kysely<DB>, caller: Caller) {
  const rows = await listLiveSessions(db, caller.userId);
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      ip: row.ip,
      userAgent: row.user_agent,
      current: row.id === caller.sessionId,
    })),
  };
}

export async function signOutSession(db: Kysely<DB>, caller: Caller, sessionId: string): Promise<void> {
  const ended = await revokeSessions(db, caller.userId, { only: sessionId });
  // Another user's session id, or one already ended: nothing to say about it.
  if (ended === 0) throw errors.notFound('session');
  await recordAuditEvent(db, {
    action: 'session.revoked',
    actorUserId: caller.userId,
    ip: caller.ip,
    targetType: 'session',
    targetId: sessionId,
  });
}

export async function signOutOtherSessions(db: Kysely<DB>, caller: Caller): Promise<void> {
  const ended = await revokeSessions(db, caller.userId, { except: caller.sessionId });
  await recordAuditEvent(db, {
    action: 'session.revoked_others',
    actorUserId: caller.userId,
    ip: caller.ip,
    details: { ended },
  });
}

export async function getSecurityActivity(db: Kysely<DB>, userId: string) {
  const rows = await listSecurityEvents(db, userId);
  return {
    events: rows.map((row) => ({ action: row.action, at: row.created_at.toISOString(), ip: row.ip })),
  };
}

export const EMAIL_CHANGE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Starts a change of login e-mail: the password is required (under the login limits); a link goes
 * to the new address and a notice to the old one. Nothing changes until the link is followed.
 */
export async function requestEmailChange(
  context: ProfileContext,
  caller: Caller,
  newEmail: string,
  password: string,
): Promise<void> {
  const { db, queue, publicUrl } = context;
  const user = await findProfile(db, caller.userId);
  await assertCurrentPassword(db, user, password, caller.ip);
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await expireUserTokens(trx, caller.userId, 'email_change');
    await insertToken(trx, {
      kind: 'email_change',
      tokenHash: hashToken(token),
      userId: caller.userId,
      payload: { newEmail: newEmail.trim() },
      lifetimeMs: EMAIL_CHANGE_LIFETIME_MS,
    });
    await queueMail(trx, queue, newEmail.trim(), user.locale, {
      template: 'email_change_confirm',
      link: `${publicUrl}/confirm-email?token=${token}`,
    });
    await queueMail(trx, queue, user.email, user.locale, {
      template: 'email_change_notice',
      newEmail: newEmail.trim(),
      resetLink: `${publicUrl}/forgot-password`,
    });
    await recordAuditEvent(trx, {
      action: 'email.change_requested',
      actorUserId: caller.userId,
      ip: caller.ip,
    });
  });
}

export async function confirmEmailChange(
  db: Kysely<DB>,
  token: string,
  ip: string,
): Promise<{ email: string }> {
  const row = await findUsableToken(db, 'email_change', hashToken(token));
  if (!row?.user_id) throw errors.tokenInvalid();
  const userId = row.user_id;
  const { newEmail } = row.payload as { newEmail: string };
  const outcome = await db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, normalizeEmail(newEmail))) return 'taken' as const;
    if (!(await consumeToken(trx, row.id))) return 'used' as const;
    const previous = await findProfile(trx, userId);
    await trx
      .updateTable('users')
      .set({ email: newEmail, email_normalized: normalizeEmail(newEmail), email_verified_at: new Date() })
      .where('id', '=', userId)
      .execute();
    // Links mailed to the old address, and sessions that exist now, belong to the old login.
    await expireUserTokens(trx, userId, 'password_reset', 'email_change');
    await revokeSessions(trx, userId, { except: null });
    await recordAuditEvent(trx, {
      action: 'email.changed',
      actorUserId: userId,
      ip,
      details: { from: previous.email, to: newEmail },
    });
    return 'changed' as const;
  });
  if (outcome === 'taken') throw errors.emailTaken();
  if (outcome === 'used') throw errors.tokenInvalid();
  return { email: newEmail };
}
