// The invited person's side of a staff invitation: see what the link is for, then accept it — the
// login is created first when the address has none (password + consent), then the staff role is
// added. A link from somebody who is no longer a platform admin does not work any more.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';
import { normalizeEmail } from '../auth/auth.service.ts';
import { hashToken } from '../auth/session-token.ts';
import { findUsableToken } from '../auth/single-use-token.repository.ts';
import { acceptInvitationToken } from '../registration/invited-login.service.ts';
import { addStaffMember, findOrganizationName, isPlatformAdmin } from './platform-admin.repository.ts';
import type { StaffInvitationPayload } from './platform-admin.service.ts';

async function usableStaffInvitation(db: Kysely<DB>, token: string) {
  const row = await findUsableToken(db, 'staff_invitation', hashToken(token));
  if (!row) throw errors.tokenInvalid();
  const payload = row.payload as StaffInvitationPayload;
  const organization = await findOrganizationName(db, payload.organizationId);
  if (!organization || !(await isPlatformAdmin(db, payload.invitedBy))) throw errors.tokenInvalid();
  const invitee = await findUserByEmail(db, normalizeEmail(payload.email));
  return { row, payload, organization, invitee };
}

export async function describeStaffInvitation(db: Kysely<DB>, token: string) {
  const { payload, organization, invitee } = await usableStaffInvitation(db, token);
  return {
    organizationName: organization.shortName,
    role: payload.role,
    email: payload.email,
    needsPassword: !invitee,
  };
}

export async function acceptStaffInvitation(
  db: Kysely<DB>,
  input: { token: string; password?: string; consent?: true },
  ip: string,
): Promise<{ email: string; organizationName: string }> {
  const { row, payload, organization, invitee } = await usableStaffInvitation(db, input.token);
  await acceptInvitationToken(
    db,
    { tokenId: row.id, email: payload.email, invitee },
    input,
    ip,
    async (trx, userId) => {
      await addStaffMember(trx, payload.organizationId, userId, payload.role);
      await recordAuditEvent(trx, {
        action: 'staff.invitation_used',
        organizationId: payload.organizationId,
        actorUserId: userId,
        targetType: 'organization',
        targetId: payload.organizationId,
        ip,
        details: { role: payload.role, invitedBy: payload.invitedBy },
      });
    },
  );
  return { email: payload.email, organizationName: organization.shortName };
}
