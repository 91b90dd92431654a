// GET /api/v1/organizations?query= — the public search of the registration's first step.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { organizationSearchResponseSchema, type PublicOrganization } from '../../shared/api/registration.ts';
import { apiRequest } from './api-client.ts';

export const MIN_SEARCH_LENGTH = 2;
export const organizationsQueryKey = ['organizations'] as const;

export async function searchOrganizations(
  query: string,
  signal?: AbortSignal,
): Promise<PublicOrganization[]> {
  const response = await apiRequest('/api/v1/organizations', {
    query: { query },
    schema: organizationSearchResponseSchema,
    signal,
  });
  return response.organizations;
}

/** `query` is already debounced; shorter than two characters asks nothing. */
export function useOrganizationSearch(query: string) {
  const trimmed = query.trim();
  return useQuery({
    queryKey: [...organizationsQueryKey, trimmed.toLowerCase()],
    queryFn: ({ signal }) => searchOrganizations(trimmed, signal),
    enabled: trimmed.length >= MIN_SEARCH_LENGTH,
    staleTime: 5 * 60_000,
    // The old list stays while the next one loads: no flicker as the person types.
    placeholderData: keepPreviousData,
  });
}
