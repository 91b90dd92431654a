// SQL for two-factor state and recovery codes.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function findTwoFactorState(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('users')
    .select([
      'users.email',
      'users.password_hash',
      'users.totp_secret',
      'users.totp_enabled_at',
      // Platform admins are staff-like: they need two-factor too.
      sql<boolean>`exists (select 1 from staff where staff.user_id = users.id)
        or exists (select 1 from platform_admins where platform_admins.user_id = users.id)`.as('isStaff'),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function setPendingSecret(db: Kysely<DB>, userId: string, secret: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: secret })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .execute();
}

export async function enableTwoFactor(db: Kysely<DB>, userId: string, codeHashes: string[]): Promise<void> {
  await db.updateTable('users').set({ totp_enabled_at: sql`now()` }).where('id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

export async function disableTwoFactor(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null })
    .where('id', '=', userId)
    .execute();
}

/** Records the accepted TOTP step; false when this or a later step was already used (a replay). */
export async function acceptTotpStep(db: Kysely<DB>, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The session passed the second factor (at login, or by turning two-factor on in it). */
export async function markSessionSecondFactor(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ second_factor_at: sql`now()` })
    .where('id', '=', sessionId)
    .execute();
}

/** Uses up a recovery code; false when it is unknown or already used. */
export async function consumeRecoveryCode(
  db: Kysely<DB>,
  userId: string,
  codeHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
