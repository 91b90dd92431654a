// Two-factor authentication: optional for subscribers, required for staff — staff routes need a
// session that passed the second factor (403 TWO_FACTOR_REQUIRED otherwise). A login with 2FA on
// needs the authenticator code or one of the 10 single-use recovery codes; a code works once.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { SessionRecord } from '../auth/auth.repository.ts';
import { checkPasswordWithinLimits, normalizeEmail } from '../auth/auth.service.ts';
import { verifyPassword } from '../auth/password.ts';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
} from './totp.ts';
import {
  acceptTotpStep,
  consumeRecoveryCode,
  disableTwoFactor,
  enableTwoFactor,
  findTwoFactorState,
  markSessionSecondFactor,
  setPendingSecret,
} from './two-factor.repository.ts';

/** The authenticator code (each accepted once), or a recovery code (which is used up). */
export async function checkSecondFactor(
  db: Kysely<DB>,
  userId: string,
  secret: string,
  code: string,
): Promise<boolean> {
  if (looksLikeRecoveryCode(code)) return consumeRecoveryCode(db, userId, hashRecoveryCode(code));
  const step = matchTotpStep(secret, code.trim());
  return step !== null && (await acceptTotpStep(db, userId, step));
}

export async function twoFactorStatus(db: Kysely<DB>, userId: string) {
  const state = await findTwoFactorState(db, userId);
  return { enabled: state.totp_enabled_at !== null, required: state.isStaff };
}

/** Staff routes: this session must have passed the second factor, not merely its user have one. */
export function assertSessionSecondFactor(session: SessionRecord): void {
  if (!session.secondFactorAt) throw errors.twoFactorRequired();
}

export async function startSetup(db: Kysely<DB>, userId: string) {
  const state = await findTwoFactorState(db, userId);
  if (state.totp_enabled_at)
    throw new AppError('VALIDATION_FAILED', 'Two-factor authentication is already on.');
  const secret = newTotpSecret();
  await setPendingSecret(db, userId, secret);
  return { secret, otpauthUri: totpUri(secret, state.email) };
}

/** Turns two-factor on: this session counts as verified; every other session ends. */
export async function finishSetup(
  db: Kysely<DB>,
  caller: { userId: string; sessionId: string; ip: string },
  code: string,
) {
  const state = await findTwoFactorState(db, caller.userId);
  if (state.totp_enabled_at)
    throw new AppError('VALIDATION_FAILED', 'Two-factor authentication is already on.');
  if (!state.totp_secret) throw new AppError('VALIDATION_FAILED', 'Start the setup first.');
  const step = matchTotpStep(state.totp_secret, code);
  if (step === null || !(await acceptTotpStep(db, caller.userId, step))) throw errors.totpInvalid();
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await enableTwoFactor(trx, caller.userId, recoveryCodes.map(hashRecoveryCode));
    await markSessionSecondFactor(trx, caller.sessionId);
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', caller.userId)
      .where('id', '!=', caller.sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAuditEvent(trx, { action: '2fa.enabled', actorUserId: caller.userId, ip: caller.ip });
  });
  return { recoveryCodes };
}

export async function turnOff(
  db: Kysely<DB>,
  caller: { userId: string; ip: string },
  password: string,
  code: string,
) {
  const state = await findTwoFactorState(db, caller.userId);
  if (state.isStaff) throw errors.twoFactorRequired();
  if (!state.totp_enabled_at || !state.totp_secret) return;
  const secret = state.totp_secret;
  let wrongCode = false;
  // Password and code in one limited attempt: wrong codes count like wrong passwords.
  const ok = await checkPasswordWithinLimits(
    db,
    { emailNormalized: normalizeEmail(state.email), ip: caller.ip },
    async () => {
      if (!(await verifyPassword(state.password_hash, password))) return false;
      wrongCode = !(await checkSecondFactor(db, caller.userId, secret, code));
      return !wrongCode;
    },
  );
  if (!ok) throw wrongCode ? errors.totpInvalid() : errors.currentPasswordWrong();
  await db.transaction().execute(async (trx) => {
    await disableTwoFactor(trx, caller.userId);
    await recordAuditEvent(trx, { action: '2fa.disabled', actorUserId: caller.userId, ip: caller.ip });
  });
}
