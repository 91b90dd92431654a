// Who has linked the account, with their role; each can be sent the standard password reset
// e-mail after a confirmation (the request is audited and limited on the server).
import { Alert, Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorAccountResponse } from '../../../../shared/api/operator-console.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { CheckIcon, KeyIcon, UsersIcon } from '../../../components/icons.tsx';
import { RoleBadge } from '../../../components/role-badge.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { retryMinutes } from '../../../lib/error-message.ts';
import { useSendPasswordReset } from '../api/send-password-reset.ts';

type Member = OperatorAccountResponse['members'][number];

interface AccountMembersCardProps {
  organizationId: string;
  accountId: string;
  members: readonly Member[];
}

export function AccountMembersCard({ organizationId, accountId, members }: AccountMembersCardProps) {
  const { t } = useTranslation();
  const reset = useSendPasswordReset(organizationId, accountId);
  const [confirming, setConfirming] = useState<Member | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  function send() {
    if (!confirming) return;
    const member = confirming;
    reset.mutate(member.userId, {
      onSuccess: () => {
        setSentTo(member.email);
        setConfirming(null);
      },
    });
  }
  const minutes = retryMinutes(reset.error);

  return (
    <SectionCard title={t('operatorConsole.account.membersTitle')} testId="account-members">
      {sentTo && (
        <Alert
          color="green"
          variant="light"
          icon={<CheckIcon />}
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setSentTo(null)}
          data-testid="reset-sent"
        >
          {t('operatorConsole.account.resetSent', { email: sentTo })}
        </Alert>
      )}
      {members.length === 0 ? (
        <EmptyState
          title={t('operatorConsole.account.membersEmpty')}
          description={t('operatorConsole.account.membersEmptyDescription')}
          icon={<UsersIcon size={26} />}
        />
      ) : (
        <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
          {members.map((member, index) => (
            <Group
              component="li"
              key={member.userId}
              justify="space-between"
              wrap="wrap"
              gap="sm"
              py="sm"
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              {/* On a phone the button goes under the name rather than squeezing it. */}
              <Stack gap={2} miw={0} style={{ flex: '1 1 200px' }}>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={600} truncate>
                    {member.name ?? member.email}
                  </Text>
                  <Box style={{ flexShrink: 0 }}>
                    <RoleBadge role={member.role} />
                  </Box>
                </Group>
                {member.name && (
                  <Text size="sm" c="dimmed" truncate>
                    {member.email}
                  </Text>
                )}
              </Stack>
              <Button
                variant="default"
                size="xs"
                leftSection={<KeyIcon size={16} />}
                onClick={() => {
                  reset.reset();
                  setConfirming(member);
                }}
                aria-label={t('operatorConsole.account.resetPasswordFor', { email: member.email })}
              >
                {t('operatorConsole.account.resetPassword')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('operatorConsole.account.resetConfirmTitle')}
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            {t('operatorConsole.account.resetConfirmText', { email: confirming?.email ?? '' })}
          </Text>
          {reset.isError &&
            (minutes ? (
              <Alert color="orange" variant="light" role="alert">
                {t('operatorConsole.account.tooManyResets', { count: minutes })}
              </Alert>
            ) : (
              <ErrorState title={t('operatorConsole.account.resetFailed')} error={reset.error} />
            ))}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('operatorConsole.account.cancel')}
            </Button>
            <Button onClick={send} loading={reset.isPending} disabled={minutes !== null}>
              {t('operatorConsole.account.resetConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SectionCard>
  );
}
