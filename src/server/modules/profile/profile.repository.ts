// SQL for the user's own profile: details, sessions, recent security events.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function findProfile(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'email_normalized',
      'name',
      'phone',
      'locale',
      'password_hash',
      'reading_reminders',
      'verification_reminders',
      'receipt_emails',
    ])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export interface ProfileUpdate {
  name?: string | null;
  phone?: string | null;
  locale?: 'ru' | 'en';
  readingReminders?: boolean;
  verificationReminders?: boolean;
  receiptEmails?: boolean;
}

export async function updateProfile(db: Kysely<DB>, userId: string, update: ProfileUpdate): Promise<void> {
  const { readingReminders, verificationReminders, receiptEmails, ...details } = update;
  await db
    .updateTable('users')
    .set({
      ...details,
      ...(readingReminders === undefined ? {} : { reading_reminders: readingReminders }),
      ...(verificationReminders === undefined ? {} : { verification_reminders: verificationReminders }),
      ...(receiptEmails === undefined ? {} : { receipt_emails: receiptEmails }),
    })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Kysely<DB>, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export function listLiveSessions(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Revokes the user's sessions: one (`only`), or all but one (`except`). Returns how many ended. */
export async function revokeSessions(
  db: Kysely<DB>,
  userId: string,
  which: { only: string } | { except: string | null },
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if ('only' in which) query = query.where('id', '=', which.only);
  else if (which.except) query = query.where('id', '!=', which.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listSecurityEvents(db: Kysely<DB>, userId: string, limit = 50) {
  return db
    .selectFrom('audit_events')
    .select(['action', 'created_at', 'ip'])
    .where('actor_user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
