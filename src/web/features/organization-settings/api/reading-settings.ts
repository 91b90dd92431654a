// /api/v1/operator/settings/readings: the reading window and how readings are checked (readings module).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReadingSettingsBody, readingSettingsSchema } from '../../../../shared/api/readings.ts';
import { apiRequest } from '../../../lib/api-client.ts';

const readingSettingsKey = (organizationId: string) =>
  ['operator', 'settings', 'readings', organizationId] as const;
const PATH = '/api/v1/operator/settings/readings';

export function useReadingSettings(organizationId: string) {
  return useQuery({
    queryKey: readingSettingsKey(organizationId),
    queryFn: ({ signal }) =>
      apiRequest(PATH, { query: { organizationId }, schema: readingSettingsSchema, signal }),
  });
}

export function useUpdateReadingSettings(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReadingSettingsBody) =>
      apiRequest(PATH, { method: 'PUT', query: { organizationId }, body, schema: readingSettingsSchema }),
    onSuccess: (settings) => queryClient.setQueryData(readingSettingsKey(organizationId), settings),
  });
}
