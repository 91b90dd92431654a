// Who is on an account (/api/v1/accounts/:id/members), inviting, cancelling an invitation,
// removing and leaving; linking one more account with its number and proof (/api/v1/accounts/link).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeResponse } from '../../../../shared/api/auth.ts';
import { linkedAccountResponseSchema, membersResponseSchema } from '../../../../shared/api/household.ts';
import { checkEmailResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';
import { meQueryKey } from '../../../lib/session.ts';

const membersKey = (accountId: string) => ['accounts', accountId, 'members'] as const;

function membersPath(accountId: string, userId?: string): string {
  const base = `/api/v1/accounts/${encodeURIComponent(accountId)}/members`;
  return userId ? `${base}/${encodeURIComponent(userId)}` : base;
}

export function useMembers(accountId: string) {
  return useQuery({
    queryKey: membersKey(accountId),
    queryFn: ({ signal }) => apiRequest(membersPath(accountId), { schema: membersResponseSchema, signal }),
  });
}

export function useInviteMember(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: 'member' | 'viewer' }) =>
      apiRequest(membersPath(accountId), { method: 'POST', body, schema: checkEmailResponseSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(accountId) }),
  });
}

/**
 * Cancelling a pending invitation (owners). Once the server agrees, the row leaves the cached list
 * at once, before the refetch. A 404 means someone already accepted it or it was cancelled
 * elsewhere: the list is stale either way, so it is refetched too.
 */
export function useCancelInvitation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiRequest(
        `/api/v1/accounts/${encodeURIComponent(accountId)}/invitations/${encodeURIComponent(invitationId)}`,
        { method: 'DELETE' },
      ),
    onSuccess: (_data, invitationId) => {
      queryClient.setQueryData<z.infer<typeof membersResponseSchema>>(membersKey(accountId), (data) =>
        data
          ? { ...data, invitations: data.invitations.filter((invitation) => invitation.id !== invitationId) }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: membersKey(accountId) });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'NOT_FOUND')
        void queryClient.invalidateQueries({ queryKey: membersKey(accountId) });
    },
  });
}

export function useRemoveMember(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiRequest(membersPath(accountId, userId), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(accountId) }),
  });
}

/**
 * Leaving: the account disappears from the session's list at once. `onLeft` (leave the page) runs
 * first, from here rather than from `mutate`: the page showing the account unmounts as soon as
 * the list changes, and `mutate`'s callbacks would be dropped with it.
 */
export function useLeaveAccount(accountId: string, onLeft: () => Promise<void> | void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ownUserId: string) => apiRequest(membersPath(accountId, ownUserId), { method: 'DELETE' }),
    onSuccess: async () => {
      // Off this account's page first, so that nothing on it reacts to the account vanishing.
      await onLeft();
      queryClient.setQueryData<MeResponse>(meQueryKey, (me) =>
        me ? { ...me, accounts: me.accounts.filter((account) => account.id !== accountId) } : me,
      );
      queryClient.removeQueries({ queryKey: ['accounts', accountId] });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useLinkAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { organizationId: string; accountNumber: string; proof: string }) =>
      apiRequest('/api/v1/accounts/link', { method: 'POST', body, schema: linkedAccountResponseSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
