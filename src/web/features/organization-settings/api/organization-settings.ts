// /api/v1/operator/settings/organization and its logo; each save answers the settings as stored.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type OrganizationSettings,
  organizationSettingsSchema,
  type UpdateOrganizationSettings,
} from '../../../../shared/api/organization-settings.ts';
import { apiRequest } from '../../../lib/api-client.ts';

const settingsKey = (organizationId: string) =>
  ['operator', 'settings', 'organization', organizationId] as const;
const PATH = '/api/v1/operator/settings/organization';

export function useOrganizationSettings(organizationId: string) {
  return useQuery({
    queryKey: settingsKey(organizationId),
    queryFn: ({ signal }) =>
      apiRequest(PATH, { query: { organizationId }, schema: organizationSettingsSchema, signal }),
  });
}

function useSettingsMutation<T>(
  organizationId: string,
  send: (variables: T) => Promise<OrganizationSettings>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(organizationId), settings),
  });
}

export function useUpdateOrganizationSettings(organizationId: string) {
  return useSettingsMutation(organizationId, (body: UpdateOrganizationSettings) =>
    apiRequest(PATH, { method: 'PUT', query: { organizationId }, body, schema: organizationSettingsSchema }),
  );
}

export function useUploadLogo(organizationId: string) {
  return useSettingsMutation(organizationId, (file: Blob) =>
    apiRequest(`${PATH}/logo`, {
      method: 'PUT',
      query: { organizationId },
      body: file,
      schema: organizationSettingsSchema,
    }),
  );
}

export function useRemoveLogo(organizationId: string) {
  return useSettingsMutation(organizationId, () =>
    apiRequest(`${PATH}/logo`, {
      method: 'DELETE',
      query: { organizationId },
      schema: organizationSettingsSchema,
    }),
  );
}
