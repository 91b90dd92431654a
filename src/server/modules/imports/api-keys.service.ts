// Organization API keys for the billing system: created by an administrator, shown once, kept as a
// SHA-256, scoped (imports, exports), revocable, with "last used". A key acts for its organization
// only; naming another organization is refused.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { apiKeySchema } from '../../../shared/api/imports.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { StaffScope } from '../readings/operator-readings.service.ts';

type ApiKey = z.infer<typeof apiKeySchema>;
export type ApiKeyScope = ApiKey['scopes'][number];

export interface ApiKeyCaller {
  apiKeyId: string;
  organizationId: string;
}

const hashKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

function toApiKey(row: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}): ApiKey {
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKey['scopes'],
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

function requireAdmin(scope: StaffScope): void {
  if (scope.role !== 'admin')
    throw new AppError('FORBIDDEN', "Only the organization's administrators manage API keys.");
}

export async function listApiKeys(db: Kysely<DB>, scope: StaffScope): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', scope.organizationId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toApiKey);
}

export async function createApiKey(
  db: Kysely<DB>,
  scope: StaffScope,
  input: { name: string; scopes: ApiKeyScope[] },
  ip: string,
): Promise<{ key: ApiKey; secret: string }> {
  requireAdmin(scope);
  const secret = `abk_${randomBytes(32).toString('base64url')}`;
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('api_keys')
      .values({
        organization_id: scope.organizationId,
        name: input.name,
        prefix: secret.slice(0, 12),
        key_hash: hashKey(secret),
        scopes: [...new Set(input.scopes)],
        created_by: scope.userId,
      })
      .returning(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      action: 'api_key.created',
      actorUserId: scope.userId,
      organizationId: scope.organizationId,
      targetType: 'api_key',
      targetId: inserted.id,
      ip,
      details: { name: input.name, scopes: inserted.scopes },
    });
    return inserted;
  });
  return { key: toApiKey(row), secret };
}

export async function revokeApiKey(
  db: Kysely<DB>,
  scope: StaffScope,
  keyId: string,
  ip: string,
): Promise<void> {
  requireAdmin(scope);
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', keyId)
      .where('organization_id', '=', scope.organizationId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!revoked) throw errors.notFound('active API key');
    await recordAuditEvent(trx, {
      action: 'api_key.revoked',
      actorUserId: scope.userId,
      organizationId: scope.organizationId,
      targetType: 'api_key',
      targetId: keyId,
      ip,
    });
  });
}

/**
 * The organization a presented key acts for, if the key is known, not revoked and has the scope.
 * Naming another organization than the key's → 403.
 */
export async function authenticateApiKey(
  db: Kysely<DB>,
  secret: string,
  scope: ApiKeyScope,
  organizationId: string | undefined,
): Promise<ApiKeyCaller> {
  const key = /^abk_[A-Za-z0-9_-]{20,100}$/.test(secret)
    ? await db
        .updateTable('api_keys')
        .set({ last_used_at: new Date() })
        .where('key_hash', '=', hashKey(secret))
        .where('revoked_at', 'is', null)
        .returning(['id', 'organization_id', 'scopes'])
        .executeTakeFirst()
    : undefined;
  if (!key) throw new AppError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
  if (!key.scopes.includes(scope))
    throw new AppError('FORBIDDEN', `This API key is not allowed ${scope}; create one with that scope.`);
  if (organizationId && organizationId !== key.organization_id)
    throw new AppError('FORBIDDEN', 'This API key belongs to another organization.');
  return { apiKeyId: key.id, organizationId: key.organization_id };
}
