// /api/v1/profile: personal details, password change and change of login e-mail.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../../../shared/api/auth.ts';
import { emailChangedResponseSchema, profileSchema } from '../../../../shared/api/profile.ts';
import { checkEmailResponseSchema } from '../../../../shared/api/registration.ts';
import { apiRequest, setCsrfToken } from '../../../lib/api-client.ts';
import { meQueryKey } from '../../../lib/session.ts';

export const profileKeys = {
  profile: ['profile'] as const,
  sessions: ['profile', 'sessions'] as const,
  activity: ['profile', 'activity'] as const,
};

export function useProfile() {
  return useQuery({
    queryKey: profileKeys.profile,
    queryFn: ({ signal }) => apiRequest('/api/v1/profile', { schema: profileSchema, signal }),
  });
}

export interface ProfileUpdate {
  name?: string | null;
  phone?: string | null;
  locale?: Locale;
  readingReminders?: boolean;
  verificationReminders?: boolean;
  receiptEmails?: boolean;
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) =>
      apiRequest('/api/v1/profile', { method: 'PATCH', body, schema: profileSchema }),
    onSuccess: (profile) => {
      queryClient.setQueryData(profileKeys.profile, profile);
      // The header shows the name from /me.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: profileKeys.activity });
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiRequest('/api/v1/profile/password', { method: 'POST', body }),
    // Every other session has ended.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.sessions });
      void queryClient.invalidateQueries({ queryKey: profileKeys.activity });
    },
  });
}

export function useRequestEmailChange() {
  return useMutation({
    mutationFn: (body: { newEmail: string; password: string }) =>
      apiRequest('/api/v1/profile/email', { method: 'POST', body, schema: checkEmailResponseSchema }),
  });
}

export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      apiRequest('/api/v1/profile/email/confirm', {
        method: 'POST',
        body: { token },
        schema: emailChangedResponseSchema,
      }),
    // Never retried by itself: the token works once.
    retry: false,
    // Every session of the user has ended (they belonged to the old login); nothing cached from
    // one may show.
    onSuccess: () => {
      setCsrfToken(null);
      queryClient.removeQueries();
    },
  });
}
