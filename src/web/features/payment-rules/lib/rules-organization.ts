// Whose rules /payment-rules shows: the organization named by `?organization=`, else the one of the
// signed-in person's account named by `?account=` or chosen last on this device, else their only
// organization; otherwise nobody's (the default rules). With accounts at several organizations and
// none chosen, guessing one would show a payer another organization's terms.
import { z } from 'zod';

interface AccountOfOrganization {
  id: string;
  organization: { id: string };
}

export type RulesOrganization =
  | { kind: 'organization'; organizationId: string }
  /** The link named something that is not an organization id: treated as an unknown organization. */
  | { kind: 'malformed' }
  | { kind: 'default' };

export function rulesOrganizationOf(
  params: { organization: string | null; account: string | null; rememberedAccount: string | null },
  accounts: readonly AccountOfOrganization[],
): RulesOrganization {
  if (params.organization !== null) {
    return z.uuid().safeParse(params.organization).success
      ? { kind: 'organization', organizationId: params.organization.toLowerCase() }
      : { kind: 'malformed' };
  }
  const named =
    accounts.find((account) => account.id === params.account) ??
    accounts.find((account) => account.id === params.rememberedAccount);
  if (named) return { kind: 'organization', organizationId: named.organization.id };
  const organizations = new Set(accounts.map((account) => account.organization.id));
  if (organizations.size === 1) return { kind: 'organization', organizationId: [...organizations][0]! };
  return { kind: 'default' };
}
