// The organization's own payment rules in one language: GET /api/v1/organizations/:id/payment-rules
// (public). body null means the organization has none in this language: the page shows the default.
import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../../shared/api/auth.ts';
import { publicPaymentRulesSchema } from '../../../../shared/api/payment-rules.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function usePaymentRules(organizationId: string | null, locale: Locale) {
  return useQuery({
    queryKey: ['payment-rules', organizationId, locale],
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/organizations/${encodeURIComponent(organizationId!)}/payment-rules`, {
        query: { locale },
        schema: publicPaymentRulesSchema,
        signal,
      }),
    enabled: organizationId !== null,
    staleTime: 5 * 60_000,
  });
}
