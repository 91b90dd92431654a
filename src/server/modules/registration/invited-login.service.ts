// Accepting an e-mailed invitation, whatever it grants (a household role, a staff role): the
// single-use token is consumed and, when the address has no login yet, the login is created first
// (password + consent) — in one transaction with the grant.
import type { Kysely } from 'kysely';
import { PERSONAL_DATA_POLICY_VERSION } from '../../../shared/api/registration.ts';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import { normalizeEmail } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { assertPasswordAcceptable } from '../auth/password-policy.ts';
import { consumeToken } from '../auth/single-use-token.repository.ts';
import { createUser, recordConsent } from './registration.repository.ts';

export interface UsableInvitation {
  /** The usable token's row id. */
  tokenId: string;
  /** The address the invitation was sent to. */
  email: string;
  /** The login that already has this address, if any. */
  invitee: { id: string } | undefined;
}

/**
 * Consumes the invitation's token and calls `grant` with the invited person's user id, creating the
 * login first when there is none. `consent_required` when a new login lacks password or consent;
 * `token_invalid` when another request used the token first.
 */
export async function acceptInvitationToken(
  db: Kysely<DB>,
  invitation: UsableInvitation,
  input: { password?: string; consent?: true },
  ip: string,
  grant: (trx: Kysely<DB>, userId: string) => Promise<void>,
): Promise<void> {
  const { tokenId, email, invitee } = invitation;
  let passwordHash: string | null = null;
  if (!invitee) {
    if (!input.password || !input.consent) throw errors.consentRequired();
    assertPasswordAcceptable(input.password, email);
    passwordHash = await hashPassword(input.password);
  }
  const accepted = await db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, tokenId))) return false;
    const userId =
      invitee?.id ??
      (await createUser(trx, {
        email,
        emailNormalized: normalizeEmail(email),
        passwordHash: passwordHash!,
        locale: 'ru',
      }));
    if (!invitee)
      await recordConsent(trx, { userId, version: PERSONAL_DATA_POLICY_VERSION, ip, acceptedAt: new Date() });
    await grant(trx, userId);
    return true;
  });
  if (!accepted) throw errors.tokenInvalid();
}
