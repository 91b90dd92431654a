// Two-factor authentication: optional for subscribers, required for staff (staff routes refuse
// with TWO_FACTOR_REQUIRED until it is on). A login with 2FA on needs the authenticator code or one
// of the 10 single-use recovery codes.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { assertCurrentPassword } from '../auth/auth.service.ts';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
  verifyTotp,
} from './totp.ts';
import {
  consumeRecoveryCode,
  disableTwoFactor,
  enableTwoFactor,
  findTwoFactorState,
  setPendingSecret,
} from './two-factor.repository.ts';

/** The authenticator code, or a recovery code (which is used up). */
export async function checkSecondFactor(
  db: Kysely<DB>,
  userId: string,
  secret: string,
  code: string,
): Promise<boolean> {
  if (looksLikeRecoveryCode(code)) return consumeRecoveryCode(db, userId, hashRecoveryCode(code));
  return verifyTotp(secret, code.trim());
}

export async function twoFactorStatus(db: Kysely<DB>, userId: string) {
  const state = await findTwoFactorState(db, userId);
  return { enabled: state.totp_enabled_at !== null, required: state.isStaff };
}

export async function assertStaffTwoFactor(db: Kysely<DB>, userId: string): Promise<void> {
  const state = await findTwoFactorState(db, userId);
  if (state.totp_enabled_at === null) throw errors.twoFactorRequired();
}

export async function startSetup(db: Kysely<DB>, userId: string) {
  const state = await findTwoFactorState(db, userId);
  if (state.totp_enabled_at)
    throw new AppError('VALIDATION_FAILED', 'Two-factor authentication is already on.');
  const secret = newTotpSecret();
  await setPendingSecret(db, userId, secret);
  return { secret, otpauthUri: totpUri(secret, state.email) };
}

export async function finishSetup(db: Kysely<DB>, caller: { userId: string; ip: string }, code: string) {
  const state = await findTwoFactorState(db, caller.userId);
  if (state.totp_enabled_at)
    throw new AppError('VALIDATION_FAILED', 'Two-factor authentication is already on.');
  if (!state.totp_secret) throw new AppError('VALIDATION_FAILED', 'Start the setup first.');
  if (!verifyTotp(state.totp_secret, code)) throw errors.totpInvalid();
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await enableTwoFactor(trx, caller.userId, recoveryCodes.map(hashRecoveryCode));
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
  await assertCurrentPassword(
    db,
    { email: state.email, password_hash: state.password_hash },
    password,
    caller.ip,
  );
  if (!(await checkSecondFactor(db, caller.userId, secret, code))) throw errors.totpInvalid();
  await db.transaction().execute(async (trx) => {
    await disableTwoFactor(trx, caller.userId);
    await recordAuditEvent(trx, { action: '2fa.disabled', actorUserId: caller.userId, ip: caller.ip });
  });
}
