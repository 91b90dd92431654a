// The accounts of the person reading the rules, if they are signed in: the /me answer the portal
// already holds (no request when they came from a signed-in page), asked once otherwise. A visitor
// without a session gets 401, which on this public page leads nowhere and just means "no accounts".
import { useQuery } from '@tanstack/react-query';
import { getMe, meQueryKey } from '../../../lib/session.ts';

export function useSignedInAccounts(enabled: boolean) {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
    enabled,
    select: (me) => me.accounts,
  });
}
