// The invitation link: what it is for (inspect, safe to repeat) and accepting it (once).
import { useMutation, useQuery } from '@tanstack/react-query';
import { acceptInvitationResponseSchema, invitationDetailsSchema } from '../../../../shared/api/household.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/invitations/inspect', {
        method: 'POST',
        body: { token },
        schema: invitationDetailsSchema,
        signal,
      }),
    enabled: token.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: { token: string; password?: string; consent?: true }) =>
      apiRequest('/api/v1/invitations/accept', {
        method: 'POST',
        body,
        schema: acceptInvitationResponseSchema,
      }),
  });
}
