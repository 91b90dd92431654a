// /api/v1/operator/settings/payment-gateway: the acquirer for card payments (payments module).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  paymentGatewaySettingsSchema,
  type UpdatePaymentGatewaySettings,
} from '../../../../shared/api/payment-gateway-settings.ts';
import { apiRequest } from '../../../lib/api-client.ts';

const gatewaySettingsKey = (organizationId: string) =>
  ['operator', 'settings', 'gateway', organizationId] as const;
const PATH = '/api/v1/operator/settings/payment-gateway';

export function useGatewaySettings(organizationId: string) {
  return useQuery({
    queryKey: gatewaySettingsKey(organizationId),
    queryFn: ({ signal }) =>
      apiRequest(PATH, { query: { organizationId }, schema: paymentGatewaySettingsSchema, signal }),
  });
}

export function useUpdateGatewaySettings(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePaymentGatewaySettings) =>
      apiRequest(PATH, {
        method: 'PUT',
        query: { organizationId },
        body,
        schema: paymentGatewaySettingsSchema,
      }),
    onSuccess: (settings) => queryClient.setQueryData(gatewaySettingsKey(organizationId), settings),
  });
}
