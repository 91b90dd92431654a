// Sending a member the standard password reset e-mail:
// POST /api/v1/operator/accounts/:accountId/members/:userId/password-reset.
import { useMutation } from '@tanstack/react-query';
import { passwordResetSentSchema } from '../../../../shared/api/operator-console.ts';
import { apiRequest } from '../../../lib/api-client.ts';

export function useSendPasswordReset(organizationId: string, accountId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest(
        `/api/v1/operator/accounts/${encodeURIComponent(accountId)}/members/${encodeURIComponent(userId)}/password-reset`,
        { method: 'POST', query: { organizationId }, schema: passwordResetSentSchema },
      ),
  });
}
