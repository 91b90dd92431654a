// Which organization the operator console works in: the one chosen last on this device, else the
// first of the staff member's organizations. Console pages (overview, accounts, imports, exports,
// settings) send its id as `organizationId` (the API insists on it only for staff of several).
import { useCallback, useSyncExternalStore } from 'react';
import type { MeResponse } from '../../shared/api/auth.ts';
import { useSession } from './session.ts';
import { readStored, writeStored } from './storage.ts';

const STORAGE_KEY = 'abonent.operator.organization';
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type StaffRole = MeResponse['staff'][number];

export function useStaffOrganization(): {
  /** Null for users who are not staff. */
  organization: StaffRole | null;
  organizations: readonly StaffRole[];
  /** The query parameter of console API requests. */
  organizationQuery: { organizationId?: string };
  selectOrganization: (organizationId: string) => void;
} {
  const { staff } = useSession();
  const stored = useSyncExternalStore(subscribe, () => readStored(STORAGE_KEY));
  const organization = staff.find((role) => role.organizationId === stored) ?? staff[0] ?? null;
  const selectOrganization = useCallback((organizationId: string) => {
    writeStored(STORAGE_KEY, organizationId);
    for (const listener of listeners) listener();
  }, []);
  return {
    organization,
    organizations: staff,
    organizationQuery: organization ? { organizationId: organization.organizationId } : {},
    selectOrganization,
  };
}
