// The organization's API keys for the billing system: the list (any staff member), creating one
// (the secret comes back once) and revoking one (administrators).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  apiKeysResponseSchema,
  type createApiKeyRequestSchema,
  createApiKeyResponseSchema,
} from '../../../../shared/api/imports.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

const apiKeysKey = (organizationId: string) => ['operator', organizationId, 'api-keys'] as const;

export function useApiKeys(organizationId: string) {
  return useQuery({
    queryKey: apiKeysKey(organizationId),
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/operator/api-keys', {
        query: { organizationId },
        schema: apiKeysResponseSchema,
        signal,
      }),
  });
}

export function useCreateApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiKeyRequest) =>
      apiRequest('/api/v1/operator/api-keys', {
        method: 'POST',
        query: { organizationId },
        body: request,
        schema: createApiKeyResponseSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(organizationId) }),
  });
}

export function useRevokeApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      apiRequest(`/api/v1/operator/api-keys/${encodeURIComponent(keyId)}`, {
        method: 'DELETE',
        query: { organizationId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(organizationId) }),
  });
}
