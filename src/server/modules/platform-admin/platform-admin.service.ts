// The platform admin's work (issue 7): organizations of the instance, inviting an organization's
// first staff member, and the instance's health. Platform admins are staff-like: every call needs
// a session that passed the second factor. Every change is audited.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  adminOrganizationSchema,
  createOrganizationRequestSchema,
  InstanceHealth,
} from '../../../shared/api/platform-admin.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { SessionRecord } from '../auth/auth.repository.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';
import { normalizeEmail } from '../auth/auth.service.ts';
import { hashToken, newToken } from '../auth/session-token.ts';
import { insertToken } from '../auth/single-use-token.repository.ts';
import { queueMail } from '../mail/mail.service.ts';
import { assertSessionSecondFactor } from '../two-factor/two-factor.service.ts';
import {
  deletePlatformAdmin,
  findOrganizationName,
  insertOrganization,
  insertPlatformAdmin,
  isPlatformAdmin,
  listOrganizationsWithCounts,
  measureDatabaseLatency,
  readMigrationState,
} from './platform-admin.repository.ts';

export const STAFF_INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface StaffInvitationPayload {
  organizationId: string;
  email: string;
  role: 'operator' | 'admin';
  invitedBy: string;
}

export interface PlatformAdminCaller {
  userId: string;
  ip: string;
}

/** 403 FORBIDDEN for everybody but platform admins; theirs is a staff-like session (second factor). */
export async function requirePlatformAdmin(db: Kysely<DB>, session: SessionRecord): Promise<void> {
  if (!(await isPlatformAdmin(db, session.userId)))
    throw new AppError('FORBIDDEN', 'This is for the administrators of this Abonent instance only.');
  assertSessionSecondFactor(session);
}

type AdminOrganization = z.infer<typeof adminOrganizationSchema>;

export async function listOrganizations(db: Kysely<DB>): Promise<AdminOrganization[]> {
  const rows = await listOrganizationsWithCounts(db);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Any zone the platform knows, aliases too. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export async function createOrganization(
  db: Kysely<DB>,
  caller: PlatformAdminCaller,
  body: z.output<typeof createOrganizationRequestSchema>,
): Promise<AdminOrganization> {
  // The requisites were checked by the request schema (shared with the web form).
  if (!isTimeZone(body.timezone))
    throw new AppError('VALIDATION_FAILED', 'Unknown time zone; use an IANA name such as Europe/Moscow.', {
      fields: ['timezone'],
    });
  const organization = {
    ...body,
    kpp: body.kpp ?? null,
    address: body.address ?? null,
    phone: body.phone ?? null,
    email: body.email ?? null,
  };
  const id = await db.transaction().execute(async (trx) => {
    const created = await insertOrganization(trx, organization);
    await recordAuditEvent(trx, {
      organizationId: created,
      actorUserId: caller.userId,
      action: 'organization.created',
      targetType: 'organization',
      targetId: created,
      ip: caller.ip,
      details: { kind: body.kind, shortName: body.shortName, inn: body.inn },
    });
    return created;
  });
  const listed = (await listOrganizations(db)).find((row) => row.id === id);
  return listed!;
}

export async function inviteStaffMember(
  context: { db: Kysely<DB>; queue: JobQueue; publicUrl: string },
  caller: PlatformAdminCaller,
  organizationId: string,
  invitation: { email: string; role: 'operator' | 'admin' },
): Promise<{ email: string; role: 'operator' | 'admin'; expiresAt: string }> {
  const { db, queue, publicUrl } = context;
  const organization = await findOrganizationName(db, organizationId);
  if (!organization) throw errors.notFound('organization');
  const invitee = await findUserByEmail(db, normalizeEmail(invitation.email));
  const token = newToken();
  const expiresAt = new Date(Date.now() + STAFF_INVITATION_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    const payload: StaffInvitationPayload = {
      organizationId,
      email: invitation.email,
      role: invitation.role,
      invitedBy: caller.userId,
    };
    await insertToken(trx, {
      kind: 'staff_invitation',
      tokenHash: hashToken(token),
      userId: null,
      payload,
      lifetimeMs: STAFF_INVITATION_LIFETIME_MS,
    });
    await queueMail(trx, queue, invitation.email, invitee?.locale ?? 'ru', {
      template: 'staff_invitation',
      link: `${publicUrl}/staff-invitation?token=${token}`,
      organizationName: organization.shortName,
      role: invitation.role,
    });
    await recordAuditEvent(trx, {
      organizationId,
      actorUserId: caller.userId,
      action: 'staff.invited',
      targetType: 'organization',
      targetId: organizationId,
      ip: caller.ip,
      details: { email: invitation.email, role: invitation.role },
    });
  });
  return { email: invitation.email, role: invitation.role, expiresAt: expiresAt.toISOString() };
}

export async function readInstanceHealth(
  database: Database,
  queue: JobQueue,
  config: Pick<Config, 'worker'>,
): Promise<InstanceHealth> {
  let ok = true;
  let latencyMs = 0;
  try {
    latencyMs = await measureDatabaseLatency(database.db);
  } catch {
    ok = false;
  }
  const [migrations, statistics] = await Promise.all([
    readMigrationState(database.db),
    queue.readStatistics(),
  ]);
  const memory = process.memoryUsage();
  return {
    database: { kind: database.kind, ok, latencyMs: Math.round(latencyMs * 100) / 100 },
    migrations,
    uptimeSeconds: Math.floor(process.uptime()),
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    nodeVersion: process.version,
    worker: config.worker,
    queues: statistics.queues,
    failedJobs: statistics.failedJobs,
    checkedAt: new Date().toISOString(),
  };
}

// Granting and revoking happen on the command line (`npm run admin`), by whoever runs the instance:
// the first platform admin cannot be made through the API by anybody.

export async function grantPlatformAdmin(db: Kysely<DB>, email: string): Promise<'granted' | 'already'> {
  const user = await findUserByEmail(db, normalizeEmail(email));
  if (!user) throw errors.notFound(`user with the e-mail ${email}; they register or are invited first`);
  return db.transaction().execute(async (trx) => {
    if (!(await insertPlatformAdmin(trx, user.id))) return 'already';
    await recordAuditEvent(trx, {
      action: 'platform_admin.granted',
      targetType: 'user',
      targetId: user.id,
      details: { via: 'cli' },
    });
    return 'granted';
  });
}

export async function revokePlatformAdmin(db: Kysely<DB>, email: string): Promise<'revoked' | 'not_admin'> {
  const user = await findUserByEmail(db, normalizeEmail(email));
  if (!user) throw errors.notFound(`user with the e-mail ${email}`);
  return db.transaction().execute(async (trx) => {
    if (!(await deletePlatformAdmin(trx, user.id))) return 'not_admin';
    await recordAuditEvent(trx, {
      action: 'platform_admin.revoked',
      targetType: 'user',
      targetId: user.id,
      details: { via: 'cli' },
    });
    return 'revoked';
  });
}
