// Who may do what with an account's membership. One place: routes and services ask here.
import { errors } from '../../errors.ts';

type Role = 'owner' | 'member' | 'viewer';

export const householdPolicy = {
  /** Everyone on the account sees who else is on it. */
  canSeeMembers: (_role: Role) => true,
  /** Only owners invite or remove people. */
  canManageMembers: (role: Role) => role === 'owner',
  /** Members and owners act on the account (pay, submit readings); viewers only read. */
  canActOnAccount: (role: Role) => role !== 'viewer',
};

export function requireRole(allowed: boolean): void {
  if (!allowed) throw errors.forbiddenRole();
}
