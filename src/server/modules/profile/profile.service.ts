// The user's own profile: details, password change (current password required, under the login
// limits; other sessions end), sessions with sign-out, and recent security activity.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { checkPasswordWithinLimits } from '../auth/auth.service.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { assertPasswordAcceptable } from '../auth/password-policy.ts';
import { queueMail } from '../mail/mail.service.ts';
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
  const { id, email, name, phone, locale } = await findProfile(db, userId);
  return { id, email, name, phone, locale };
}

export async function changeProfile(
  db: Kysely<DB>,
  caller: Caller,
  update: { name?: string | null; phone?: string | null; locale?: 'ru' | 'en' },
) {
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
  const ok = await checkPasswordWithinLimits(
    db,
    { emailNormalized: user.email_normalized, ip: caller.ip },
    () => verifyPassword(user.password_hash, currentPassword),
  );
  if (!ok) {
    await recordAuditEvent(db, {
      action: 'password.change_failed',
      actorUserId: caller.userId,
      ip: caller.ip,
    });
    throw errors.currentPasswordWrong();
  }
  assertPasswordAcceptable(newPassword, user.email);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, caller.userId, passwordHash);
    await revokeSessions(trx, caller.userId, { except: caller.sessionId });
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
