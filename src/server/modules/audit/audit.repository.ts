// Audit log of security events (logins, lockouts, access to personal data): append-only.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditEvent {
  action: string;
  actorUserId?: string | null;
  organizationId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAuditEvent(db: Kysely<DB>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      action: event.action,
      actor_user_id: event.actorUserId ?? null,
      organization_id: event.organizationId ?? null,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
