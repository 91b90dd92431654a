// /api/v1/profile/two-factor: start the setup (secret + otpauth URI), enable with a code (returns
// the recovery codes once), disable with the password and a code.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { recoveryCodesResponseSchema, totpSetupResponseSchema } from '../../../../shared/api/two-factor.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { meQueryKey } from '../../../lib/session.ts';
import { profileKeys } from './profile.ts';

export function useStartTwoFactorSetup() {
  return useMutation({
    mutationFn: () =>
      apiRequest('/api/v1/profile/two-factor/setup', { method: 'POST', schema: totpSetupResponseSchema }),
  });
}

export function useEnableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest('/api/v1/profile/two-factor/enable', {
        method: 'POST',
        body: { code },
        schema: recoveryCodesResponseSchema,
      }),
    // Every other session has ended. /me is refreshed only once the codes are saved: the page
    // must not move on under the person.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.sessions });
      void queryClient.invalidateQueries({ queryKey: profileKeys.activity });
    },
  });
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      apiRequest('/api/v1/profile/two-factor/disable', { method: 'POST', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: profileKeys.activity });
    },
  });
}
