// Self-registration by лицевой счёт: the request always answers the same (202) whoever the e-mail
// belongs to; the proof (last payment or last receipt total, exact kopecks) is checked when the
// e-mail link is followed, and a wrong number or wrong amount give one identical error.
// Limits: 5 proof failures per account number and 20 per IP in an hour.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  PERSONAL_DATA_POLICY_VERSION,
  type registerRequestSchema,
} from '../../../shared/api/registration.ts';
import { parseRubles } from '../../../shared/money.ts';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { secondsUntilAllowed } from '../auth/attempt-limits.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';
import { assertCurrentPassword, normalizeEmail } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { assertPasswordAcceptable } from '../auth/password-policy.ts';
import { hashToken, newToken } from '../auth/session-token.ts';
import { consumeToken, findUsableToken, insertToken } from '../auth/single-use-token.repository.ts';
import { queueMail } from '../mail/mail.service.ts';
import {
  accountHasOwner,
  countRecentProofFailures,
  createUser,
  deleteProofFailure,
  findOrganization,
  findProofFacts,
  linkAccount,
  recordConsent,
  recordProofFailure,
} from './registration.repository.ts';

export const REGISTRATION_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const PROOF_WINDOW_MS = 60 * 60 * 1000;
export const MAX_PROOF_FAILURES_PER_ACCOUNT = 5;
export const MAX_PROOF_FAILURES_PER_IP = 20;

export interface RegistrationContext {
  db: Kysely<DB>;
  queue: JobQueue;
  publicUrl: string;
}

interface PendingRegistration {
  organizationId: string;
  accountNumber: string;
  proofKopecks: number;
  email: string;
  passwordHash: string;
  locale: 'ru' | 'en';
  consentVersion: string;
  consentAt: string;
  ip: string;
}

/**
 * The proof matches exactly, in kopecks: the last credited payment, or "итого к оплате" of the
 * latest receipt, as the organization chose. An account with neither yet (a new flat) never matches.
 */
function proofMatches(
  proofType: 'last_payment' | 'last_receipt_total',
  facts: { lastPayment: number | null; lastReceiptTotal: number | null },
  proofKopecks: number,
): boolean {
  const expected = proofType === 'last_receipt_total' ? facts.lastReceiptTotal : facts.lastPayment;
  return expected !== null && Number(expected) === proofKopecks;
}

type ProofKey = { organizationId: string; accountNumber: string; ip: string };

async function proofRetryAfter(
  db: Kysely<DB>,
  key: ProofKey,
  now: Date,
  counting: 'past' | 'including_this',
) {
  const failures = await countRecentProofFailures(db, key, new Date(now.getTime() - PROOF_WINDOW_MS));
  const extra = counting === 'including_this' ? 1 : 0;
  return secondsUntilAllowed(
    [
      {
        count: failures.byAccount,
        max: MAX_PROOF_FAILURES_PER_ACCOUNT + extra,
        oldest: failures.oldestByAccount,
      },
      { count: failures.byIp, max: MAX_PROOF_FAILURES_PER_IP + extra, oldest: failures.oldestByIp },
    ],
    PROOF_WINDOW_MS,
    now,
  );
}

/** Refuses a new registration for an account number (or IP) that has used up its guesses. */
async function assertProofAttemptsLeft(db: Kysely<DB>, key: ProofKey, now: Date): Promise<void> {
  const retryAfter = await proofRetryAfter(db, key, now, 'past');
  if (retryAfter !== null) throw errors.tooManyAttempts(retryAfter);
}

/**
 * Records a proof check as a failure *before* it runs, counting it in: parallel guesses all see
 * each other, so no more than the limit are ever checked. The caller deletes the row on success.
 */
async function reserveProofAttempt(db: Kysely<DB>, key: ProofKey, now: Date): Promise<number> {
  const attemptId = await recordProofFailure(db, key);
  const retryAfter = await proofRetryAfter(db, key, now, 'including_this');
  if (retryAfter !== null) {
    await deleteProofFailure(db, attemptId);
    throw errors.tooManyAttempts(retryAfter);
  }
  return attemptId;
}

export async function requestRegistration(
  context: RegistrationContext,
  input: z.output<typeof registerRequestSchema>,
  ip: string,
  now = new Date(),
): Promise<void> {
  const { db, queue, publicUrl } = context;
  const organization = await findOrganization(db, input.organizationId);
  if (!organization) throw errors.notFound('organization');
  if (organization.registrationMode === 'invite') throw errors.registrationClosed();
  await assertProofAttemptsLeft(
    db,
    { organizationId: organization.id, accountNumber: input.accountNumber, ip },
    now,
  );
  assertPasswordAcceptable(input.password, input.email);

  // The same expensive work whether or not the e-mail is known: hash, then one transaction
  // that stores one message.
  const passwordHash = await hashPassword(input.password);
  const emailNormalized = normalizeEmail(input.email);
  const existing = await findUserByEmail(db, emailNormalized);
  await db.transaction().execute(async (trx) => {
    if (existing) {
      await queueMail(trx, queue, existing.email, existing.locale, {
        template: 'registration_existing',
        loginLink: `${publicUrl}/login`,
        resetLink: `${publicUrl}/forgot-password`,
      });
    } else {
      const token = newToken();
      const pending: PendingRegistration = {
        organizationId: organization.id,
        accountNumber: input.accountNumber,
        proofKopecks: parseRubles(input.proof)!,
        email: input.email.trim(),
        passwordHash,
        locale: input.locale,
        consentVersion: PERSONAL_DATA_POLICY_VERSION,
        consentAt: now.toISOString(),
        ip,
      };
      await insertToken(trx, {
        kind: 'registration',
        tokenHash: hashToken(token),
        userId: null,
        payload: pending,
        lifetimeMs: REGISTRATION_LINK_LIFETIME_MS,
      });
      await queueMail(trx, queue, pending.email, input.locale, {
        template: 'registration_confirm',
        link: `${publicUrl}/confirm?token=${token}`,
        organizationName: organization.shortName,
        accountNumber: input.accountNumber,
      });
    }
    await recordAuditEvent(trx, {
      action: 'registration.requested',
      organizationId: organization.id,
      actorUserId: existing?.id ?? null,
      ip,
      details: { accountNumber: input.accountNumber },
    });
  });
}

export async function confirmRegistration(
  context: RegistrationContext,
  token: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<{ email: string; accountNumber: string }> {
  const { db } = context;
  const row = await findUsableToken(db, 'registration', hashToken(token));
  if (!row) throw errors.tokenInvalid();
  const pending = row.payload as PendingRegistration;
  // Only the registrant knows this password: somebody who merely receives a link that another
  // person requested for their address cannot end up with a login whose password that person chose.
  // Wrong passwords count toward the login limits of the address; the link stays usable.
  await assertCurrentPassword(
    db,
    { email: pending.email, password_hash: pending.passwordHash },
    password,
    ip,
  );
  // A guess is charged to the address that made it: the IP of the registration request.
  const limitKey = {
    organizationId: pending.organizationId,
    accountNumber: pending.accountNumber,
    ip: pending.ip,
  };
  const attemptId = await reserveProofAttempt(db, limitKey, now);

  const organization = await findOrganization(db, pending.organizationId);
  const outcome = await db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, row.id))) {
      await deleteProofFailure(trx, attemptId);
      return 'token_used' as const;
    }
    const facts = await findProofFacts(trx, pending.organizationId, pending.accountNumber);
    if (!facts || !organization || !proofMatches(organization.proofType, facts, pending.proofKopecks)) {
      await recordAuditEvent(trx, {
        action: 'registration.proof_mismatch',
        organizationId: pending.organizationId,
        ip,
        details: { accountNumber: pending.accountNumber },
      });
      return 'mismatch' as const;
    }
    // The e-mail may have registered meanwhile (another link): following this link proves both
    // the address and the account, so the account joins that user.
    const emailNormalized = normalizeEmail(pending.email);
    const existing = await findUserByEmail(trx, emailNormalized);
    const userId =
      existing?.id ??
      (await createUser(trx, {
        email: pending.email,
        emailNormalized,
        passwordHash: pending.passwordHash,
        locale: pending.locale,
      }));
    await recordConsent(trx, {
      userId,
      version: pending.consentVersion,
      ip: pending.ip,
      acceptedAt: new Date(pending.consentAt),
    });
    await deleteProofFailure(trx, attemptId);
    // The first holder becomes owner; later proofs read-only, so that knowing a payment (which any
    // viewer can see) never lifts anyone above the people the owner invited.
    const role = (await accountHasOwner(trx, facts.id)) ? 'viewer' : 'owner';
    await linkAccount(trx, facts.id, userId, role);
    await recordAuditEvent(trx, {
      action: 'account.linked',
      organizationId: pending.organizationId,
      actorUserId: userId,
      targetType: 'account',
      targetId: facts.id,
      ip,
      details: { via: 'registration', role },
    });
    return 'registered' as const;
  });
  if (outcome === 'token_used') throw errors.tokenInvalid();
  if (outcome === 'mismatch') throw errors.registrationProofMismatch();
  return { email: pending.email, accountNumber: pending.accountNumber };
}

/**
 * A logged-in user links one more account (same or another organization) with the same proof.
 * The answer comes at once; a wrong number and a wrong amount still look identical, and count
 * toward the same limits as registration.
 */
export async function linkAccountWithProof(
  db: Kysely<DB>,
  caller: { userId: string; ip: string },
  input: { organizationId: string; accountNumber: string; proof: string },
  now = new Date(),
): Promise<{ accountId: string; accountNumber: string }> {
  const organization = await findOrganization(db, input.organizationId);
  if (!organization) throw errors.notFound('organization');
  if (organization.registrationMode === 'invite') throw errors.registrationClosed();
  const limitKey = { organizationId: organization.id, accountNumber: input.accountNumber, ip: caller.ip };
  const attemptId = await reserveProofAttempt(db, limitKey, now);
  const proofKopecks = parseRubles(input.proof)!;
  const linked = await db.transaction().execute(async (trx) => {
    const facts = await findProofFacts(trx, organization.id, input.accountNumber);
    if (!facts || !proofMatches(organization.proofType, facts, proofKopecks)) {
      await recordAuditEvent(trx, {
        action: 'account.link_failed',
        organizationId: organization.id,
        actorUserId: caller.userId,
        ip: caller.ip,
        details: { accountNumber: input.accountNumber },
      });
      return null;
    }
    await deleteProofFailure(trx, attemptId);
    const role = (await accountHasOwner(trx, facts.id)) ? 'viewer' : 'owner';
    await linkAccount(trx, facts.id, caller.userId, role);
    await recordAuditEvent(trx, {
      action: 'account.linked',
      organizationId: organization.id,
      actorUserId: caller.userId,
      targetType: 'account',
      targetId: facts.id,
      ip: caller.ip,
      details: { via: 'proof', role },
    });
    return facts.id;
  });
  if (!linked) throw errors.registrationProofMismatch();
  return { accountId: linked, accountNumber: input.accountNumber };
}
