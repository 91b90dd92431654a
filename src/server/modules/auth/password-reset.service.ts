// Password reset: the request always answers 202 with the same body; the 1-hour single-use link
// sets a new password, ends every session of the user and sends a notice.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { queueMail } from '../mail/mail.service.ts';
import { clearFailures, findUserByEmail } from './auth.repository.ts';
import { normalizeEmail } from './auth.service.ts';
import { hashPassword } from './password.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { hashToken, newToken } from './session-token.ts';
import {
  consumeToken,
  expireUserTokens,
  findUsableToken,
  insertToken,
} from './single-use-token.repository.ts';

export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

export interface PasswordResetContext {
  db: Kysely<DB>;
  queue: JobQueue;
  publicUrl: string;
}

export async function requestPasswordReset(
  context: PasswordResetContext,
  email: string,
  locale: 'ru' | 'en',
  ip: string,
): Promise<void> {
  const { db, queue, publicUrl } = context;
  const user = await findUserByEmail(db, normalizeEmail(email));
  // Unknown addresses get the same answer; only the audit log knows the difference.
  await db.transaction().execute(async (trx) => {
    if (user && !user.disabled_at)
      await sendPasswordResetLink(trx, { queue, publicUrl }, { ...user, locale: user.locale ?? locale });
    await recordAuditEvent(trx, {
      action: 'password_reset.requested',
      actorUserId: user?.id ?? null,
      ip,
      details: { known: Boolean(user) },
    });
  });
}

/**
 * Stores a new single-use reset token and queues the e-mail with its link, inside the caller's
 * transaction. Also used when an operator sends the link to a subscriber.
 */
export async function sendPasswordResetLink(
  trx: Kysely<DB>,
  context: Pick<PasswordResetContext, 'queue' | 'publicUrl'>,
  user: { id: string; email: string; locale: 'ru' | 'en' },
): Promise<void> {
  const token = newToken();
  await insertToken(trx, {
    kind: 'password_reset',
    tokenHash: hashToken(token),
    userId: user.id,
    payload: {},
    lifetimeMs: RESET_LINK_LIFETIME_MS,
  });
  await queueMail(trx, context.queue, user.email, user.locale, {
    template: 'password_reset',
    link: `${context.publicUrl}/reset-password?token=${token}`,
  });
}

export async function confirmPasswordReset(
  context: PasswordResetContext,
  token: string,
  password: string,
  ip: string,
): Promise<void> {
  const { db, queue, publicUrl } = context;
  const row = await findUsableToken(db, 'password_reset', hashToken(token));
  if (!row?.user_id) throw errors.tokenInvalid();
  const userId = row.user_id;
  const user = await db
    .selectFrom('users')
    .select(['email', 'email_normalized', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  assertPasswordAcceptable(password, user.email);
  const passwordHash = await hashPassword(password);
  const changed = await db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, row.id))) return false;
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    // Any other pending reset or e-mail change could have been started by whoever knew the old password.
    await expireUserTokens(trx, userId, 'password_reset', 'email_change');
    await clearFailures(trx, user.email_normalized);
    await queueMail(trx, queue, user.email, user.locale, {
      template: 'password_changed',
      resetLink: `${publicUrl}/forgot-password`,
    });
    await recordAuditEvent(trx, { action: 'password.reset', actorUserId: userId, ip });
    return true;
  });
  if (!changed) throw errors.tokenInvalid();
}
