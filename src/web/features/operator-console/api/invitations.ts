// Invitations to an account from the console: the pending ones, inviting its holder by e-mail
// (POST /api/v1/operator/accounts/:id/invitations, as owner), cancelling one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { operatorInvitationsResponseSchema } from '../../../../shared/api/operator-console.ts';
import { checkEmailResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest, isApiError } from '../../../lib/api-client.ts';

const invitationsKey = (organizationId: string, accountId: string) =>
  ['operator', organizationId, 'account', accountId, 'invitations'] as const;

function invitationsPath(accountId: string, invitationId?: string): string {
  const base = `/api/v1/operator/accounts/${encodeURIComponent(accountId)}/invitations`;
  return invitationId ? `${base}/${encodeURIComponent(invitationId)}` : base;
}

export function useInvitations(organizationId: string, accountId: string) {
  return useQuery({
    queryKey: invitationsKey(organizationId, accountId),
    queryFn: ({ signal }) =>
      apiRequest(invitationsPath(accountId), {
        query: { organizationId },
        schema: operatorInvitationsResponseSchema,
        signal,
      }),
  });
}

export function useInviteHolder(organizationId: string, accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest(invitationsPath(accountId), {
        method: 'POST',
        body: { email },
        schema: checkEmailResponseSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(organizationId, accountId) }),
  });
}

/** A 404 means it was accepted or cancelled meanwhile: the list is refetched either way. */
export function useCancelInvitation(organizationId: string, accountId: string) {
  const queryClient = useQueryClient();
  const refetch = () =>
    queryClient.invalidateQueries({ queryKey: invitationsKey(organizationId, accountId) });
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiRequest(invitationsPath(accountId, invitationId), { method: 'DELETE', query: { organizationId } }),
    onSuccess: refetch,
    onError: (error) => {
      if (isApiError(error) && error.code === 'NOT_FOUND') void refetch();
    },
  });
}
