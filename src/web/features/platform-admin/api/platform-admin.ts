// The platform admin's API: organizations (list, create), staff invitations, the instance's health
// (polled every 10 s while the page is open); and the invited person's side of the link.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acceptStaffInvitationResponseSchema,
  adminOrganizationSchema,
  adminOrganizationsResponseSchema,
  type CreateOrganizationRequest,
  instanceHealthSchema,
  type StaffInvitationRequest,
  staffInvitationDetailsSchema,
  staffInvitationResponseSchema,
} from '../../../../shared/api/platform-admin.ts';
import { apiRequest } from '../../../lib/api-client.ts';

const organizationsKey = ['admin', 'organizations'] as const;

export function useAdminOrganizations() {
  return useQuery({
    queryKey: organizationsKey,
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/admin/organizations', { schema: adminOrganizationsResponseSchema, signal }),
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationRequest) =>
      apiRequest('/api/v1/admin/organizations', { method: 'POST', body, schema: adminOrganizationSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useInviteOperator(organizationId: string) {
  return useMutation({
    mutationFn: (body: StaffInvitationRequest) =>
      apiRequest(`/api/v1/admin/organizations/${encodeURIComponent(organizationId)}/operator-invitations`, {
        method: 'POST',
        body,
        schema: staffInvitationResponseSchema,
      }),
  });
}

export const HEALTH_REFRESH_MS = 10_000;

export function useInstanceHealth() {
  return useQuery({
    queryKey: ['admin', 'health'],
    queryFn: ({ signal }) => apiRequest('/api/v1/admin/health', { schema: instanceHealthSchema, signal }),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}

export function useStaffInvitation(token: string) {
  return useQuery({
    queryKey: ['staff-invitation', token],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/staff-invitations/inspect', {
        method: 'POST',
        body: { token },
        schema: staffInvitationDetailsSchema,
        signal,
      }),
    enabled: token.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAcceptStaffInvitation() {
  return useMutation({
    mutationFn: (body: { token: string; password?: string; consent?: true }) =>
      apiRequest('/api/v1/staff-invitations/accept', {
        method: 'POST',
        body,
        schema: acceptStaffInvitationResponseSchema,
      }),
  });
}
