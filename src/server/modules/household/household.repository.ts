// SQL for account membership and invitations.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AccountScope } from '../accounts/accounts.repository.ts';

export function listMembers(db: Kysely<DB>, scope: AccountScope) {
  return db
    .selectFrom('account_members')
    .innerJoin('users', 'users.id', 'account_members.user_id')
    .select(['users.id as userId', 'users.email', 'users.name', 'account_members.role'])
    .where('account_members.account_id', '=', scope.accountId)
    .orderBy('account_members.created_at')
    .execute();
}

export function listPendingInvitations(db: Kysely<DB>, scope: AccountScope) {
  return db
    .selectFrom('tokens')
    .select(['id', 'payload', 'expires_at'])
    .where('kind', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where(sql<boolean>`payload->>'accountId' = ${scope.accountId}`)
    .orderBy('created_at')
    .execute();
}

/** Cancels a pending invitation to this account; false when there is none with this id. */
export async function cancelInvitation(
  db: Kysely<DB>,
  scope: AccountScope,
  invitationId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('tokens')
    .set({ used_at: sql`now()` })
    .where('id', '=', invitationId)
    .where('kind', '=', 'invitation')
    .where('used_at', 'is', null)
    .where(sql<boolean>`payload->>'accountId' = ${scope.accountId}`)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function removeMember(db: Kysely<DB>, accountId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('account_members')
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Adds a member; somebody already on the account keeps the higher of the two roles. */
export async function addMember(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  role: 'owner' | 'member' | 'viewer',
): Promise<void> {
  await db
    .insertInto('account_members')
    .values({ account_id: accountId, user_id: userId, role })
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'user_id']).doUpdateSet({
        role: sql`case when array_position(array['viewer','member','owner'], excluded.role)
          > array_position(array['viewer','member','owner'], account_members.role)
          then excluded.role else account_members.role end`,
      }),
    )
    .execute();
}

/** Whether who sent an invitation may still grant it: an owner of the account, or its staff. */
export async function inviterStillAllowed(
  db: Kysely<DB>,
  invitedBy: string,
  accountId: string,
  role: 'owner' | 'member' | 'viewer',
): Promise<boolean> {
  const row =
    role === 'owner'
      ? await db
          .selectFrom('accounts')
          .innerJoin('staff', 'staff.organization_id', 'accounts.organization_id')
          .select('staff.user_id')
          .where('accounts.id', '=', accountId)
          .where('staff.user_id', '=', invitedBy)
          .executeTakeFirst()
      : await db
          .selectFrom('account_members')
          .select('user_id')
          .where('account_id', '=', accountId)
          .where('user_id', '=', invitedBy)
          .where('role', '=', 'owner')
          .executeTakeFirst();
  return Boolean(row);
}

export function findAccountForInvitation(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('organizations', 'organizations.id', 'accounts.organization_id')
    .select([
      'accounts.id',
      'accounts.number',
      'accounts.organization_id as organizationId',
      'organizations.short_name as organizationName',
    ])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
}

/** An account of an organization the user is staff of; null for any other (no hint it exists). */
export function findAccountForStaff(db: Kysely<DB>, staffUserId: string, accountId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('staff', 'staff.organization_id', 'accounts.organization_id')
    .select(['accounts.id', 'accounts.organization_id as organizationId'])
    .where('staff.user_id', '=', staffUserId)
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
}
