// Households and invitations: an owner invites a family member or tenant (`member`) or a
// read-only `viewer`; an operator invites the holder of a new contract as `owner`. The e-mailed
// link (7 days, single use) links the account — creating the login first when the address has
// none (password + consent). Policies in household.policy.ts decide who may do what.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { requireAccountScope } from '../accounts/accounts.service.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { SessionRecord } from '../auth/auth.repository.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';
import { normalizeEmail } from '../auth/auth.service.ts';
import { hashToken, newToken } from '../auth/session-token.ts';
import { findUsableToken, insertToken } from '../auth/single-use-token.repository.ts';
import { queueMail } from '../mail/mail.service.ts';
import { acceptInvitationToken } from '../registration/invited-login.service.ts';
import { assertSessionSecondFactor } from '../two-factor/two-factor.service.ts';
import { householdPolicy, requireRole } from './household.policy.ts';
import {
  addMember,
  cancelInvitation,
  findAccountForInvitation,
  findAccountForStaff,
  inviterStillAllowed,
  listMembers,
  listPendingInvitations,
  removeMember,
} from './household.repository.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface HouseholdContext {
  db: Kysely<DB>;
  queue: JobQueue;
  publicUrl: string;
}

type Role = 'owner' | 'member' | 'viewer';

interface InvitationPayload {
  accountId: string;
  email: string;
  role: Role;
  invitedBy: string;
}

async function sendInvitation(
  context: HouseholdContext,
  invitation: InvitationPayload & { invitedByName: string | null },
  ip: string,
): Promise<void> {
  const { db, queue, publicUrl } = context;
  const account = await findAccountForInvitation(db, invitation.accountId);
  if (!account) throw errors.accountNotFound();
  const invitee = await findUserByEmail(db, normalizeEmail(invitation.email));
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const payload: InvitationPayload = {
      accountId: invitation.accountId,
      email: invitation.email,
      role: invitation.role,
      invitedBy: invitation.invitedBy,
    };
    await insertToken(trx, {
      kind: 'invitation',
      tokenHash: hashToken(token),
      userId: null,
      payload,
      lifetimeMs: INVITATION_LIFETIME_MS,
    });
    await queueMail(trx, queue, invitation.email, invitee?.locale ?? 'ru', {
      template: 'invitation',
      link: `${publicUrl}/invitation?token=${token}`,
      organizationName: account.organizationName,
      accountNumber: account.number,
      role: invitation.role,
      invitedBy: invitation.invitedByName,
    });
    await recordAuditEvent(trx, {
      action: 'household.invited',
      organizationId: account.organizationId,
      actorUserId: invitation.invitedBy,
      targetType: 'account',
      targetId: account.id,
      ip,
      details: { email: invitation.email, role: invitation.role },
    });
  });
}

export async function getMembers(db: Kysely<DB>, userId: string, accountId: string) {
  const scope = await requireAccountScope(db, userId, accountId);
  requireRole(householdPolicy.canSeeMembers(scope.role));
  const [members, invitations] = await Promise.all([
    listMembers(db, scope),
    listPendingInvitations(db, scope),
  ]);
  return {
    members: members.map((member) => ({ ...member, you: member.userId === userId })),
    invitations: invitations.map((row) => {
      const payload = row.payload as InvitationPayload;
      return {
        id: row.id,
        email: payload.email,
        role: payload.role,
        expiresAt: row.expires_at.toISOString(),
      };
    }),
  };
}

export async function inviteMember(
  context: HouseholdContext,
  caller: { userId: string; name: string | null; email: string; ip: string },
  accountId: string,
  invitation: { email: string; role: 'member' | 'viewer' },
): Promise<void> {
  const scope = await requireAccountScope(context.db, caller.userId, accountId);
  requireRole(householdPolicy.canManageMembers(scope.role));
  await sendInvitation(
    context,
    {
      accountId,
      email: invitation.email,
      role: invitation.role,
      invitedBy: caller.userId,
      invitedByName: caller.name ?? caller.email,
    },
    caller.ip,
  );
}

export async function inviteHolderAsOperator(
  context: HouseholdContext,
  staff: { session: SessionRecord; ip: string },
  accountId: string,
  email: string,
): Promise<void> {
  const account = await findAccountForStaff(context.db, staff.session.userId, accountId);
  if (!account) throw errors.accountNotFound();
  assertSessionSecondFactor(staff.session);
  await sendInvitation(
    context,
    { accountId, email, role: 'owner', invitedBy: staff.session.userId, invitedByName: null },
    staff.ip,
  );
}

export async function withdrawInvitation(
  db: Kysely<DB>,
  caller: { userId: string; ip: string },
  accountId: string,
  invitationId: string,
): Promise<void> {
  const scope = await requireAccountScope(db, caller.userId, accountId);
  requireRole(householdPolicy.canManageMembers(scope.role));
  if (!(await cancelInvitation(db, scope, invitationId))) throw errors.notFound('invitation');
  await recordAuditEvent(db, {
    action: 'household.invitation_cancelled',
    organizationId: scope.organizationId,
    actorUserId: caller.userId,
    targetType: 'account',
    targetId: accountId,
    ip: caller.ip,
  });
}

export async function removeFromAccount(
  db: Kysely<DB>,
  caller: { userId: string; ip: string },
  accountId: string,
  memberUserId: string,
): Promise<void> {
  const scope = await requireAccountScope(db, caller.userId, accountId);
  // Leaving is always allowed; removing somebody else is the owners' call.
  if (memberUserId !== caller.userId) requireRole(householdPolicy.canManageMembers(scope.role));
  if (!(await removeMember(db, accountId, memberUserId))) throw errors.notFound('member');
  await recordAuditEvent(db, {
    action: memberUserId === caller.userId ? 'account.unlinked' : 'household.revoked',
    organizationId: scope.organizationId,
    actorUserId: caller.userId,
    targetType: 'account',
    targetId: accountId,
    ip: caller.ip,
    details: { userId: memberUserId },
  });
}

async function usableInvitation(db: Kysely<DB>, token: string) {
  const row = await findUsableToken(db, 'invitation', hashToken(token));
  if (!row) throw errors.tokenInvalid();
  const payload = row.payload as InvitationPayload;
  const account = await findAccountForInvitation(db, payload.accountId);
  if (!account) throw errors.tokenInvalid();
  // Removed owners and former staff cannot hand out access any more, even with links already sent.
  if (!(await inviterStillAllowed(db, payload.invitedBy, payload.accountId, payload.role)))
    throw errors.tokenInvalid();
  const invitee = await findUserByEmail(db, normalizeEmail(payload.email));
  return { row, payload, account, invitee };
}

export async function describeInvitation(db: Kysely<DB>, token: string) {
  const { payload, account, invitee } = await usableInvitation(db, token);
  return {
    organizationName: account.organizationName,
    accountNumber: account.number,
    role: payload.role,
    email: payload.email,
    needsPassword: !invitee,
  };
}

export async function acceptInvitation(
  context: HouseholdContext,
  input: { token: string; password?: string; consent?: true },
  ip: string,
): Promise<{ email: string; accountNumber: string }> {
  const { db } = context;
  const { row, payload, account, invitee } = await usableInvitation(db, input.token);
  await acceptInvitationToken(
    db,
    { tokenId: row.id, email: payload.email, invitee },
    input,
    ip,
    async (trx, userId) => {
      await addMember(trx, payload.accountId, userId, payload.role);
      await recordAuditEvent(trx, {
        action: 'invitation.used',
        organizationId: account.organizationId,
        actorUserId: userId,
        targetType: 'account',
        targetId: account.id,
        ip,
        details: { role: payload.role, invitedBy: payload.invitedBy },
      });
    },
  );
  return { email: payload.email, accountNumber: account.number };
}
