// Inviting the account's holder by e-mail (they become its owner), and the pending invitations
// with a way to cancel each.
import { ActionIcon, Alert, Box, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emailSchema } from '../../../../shared/api/registration.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { CheckIcon, MailIcon, XCircleIcon } from '../../../components/icons.tsx';
import { RoleBadge } from '../../../components/role-badge.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatLocalDate } from '../../../lib/format.ts';
import { useCancelInvitation, useInvitations, useInviteHolder } from '../api/invitations.ts';

export function AccountInvitationsCard({
  organizationId,
  accountId,
}: {
  organizationId: string;
  accountId: string;
}) {
  const { t, i18n } = useTranslation();
  const invitations = useInvitations(organizationId, accountId);
  const invite = useInviteHolder(organizationId, accountId);
  const cancel = useCancelInvitation(organizationId, accountId);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setEmailError(t('operatorConsole.account.emailInvalid'));
      return;
    }
    setEmailError(null);
    setSentTo(null);
    invite.mutate(parsed.data, {
      onSuccess: () => {
        setSentTo(parsed.data);
        setEmail('');
      },
    });
  }

  return (
    <SectionCard
      title={t('operatorConsole.account.invitationsTitle')}
      description={t('operatorConsole.account.invitationsDescription')}
      testId="account-invitations"
    >
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('operatorConsole.account.inviteLabel')}
            type="email"
            autoComplete="off"
            leftSection={<MailIcon size={18} />}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={emailError}
            style={{ flex: '1 1 220px' }}
          />
          <Button type="submit" loading={invite.isPending}>
            {t('operatorConsole.account.invite')}
          </Button>
        </Group>
      </form>
      {sentTo && (
        <Alert color="green" variant="light" icon={<CheckIcon />} role="status" data-testid="invitation-sent">
          {t('operatorConsole.account.inviteSent', { email: sentTo })}
        </Alert>
      )}
      {invite.isError && (
        <ErrorState title={t('operatorConsole.account.inviteFailed')} error={invite.error} />
      )}
      {cancel.isError && (
        <ErrorState title={t('operatorConsole.account.cancelFailed')} error={cancel.error} />
      )}
      {invitations.isError ? (
        <ErrorState
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
          retrying={invitations.isFetching}
        />
      ) : !invitations.data ? (
        <Skeleton h={40} aria-hidden />
      ) : invitations.data.invitations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('operatorConsole.account.invitationsEmpty')}
        </Text>
      ) : (
        <Stack
          component="ul"
          gap={0}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          data-testid="pending-invitations"
        >
          {invitations.data.invitations.map((invitation, index) => (
            <Group
              component="li"
              key={invitation.id}
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py="xs"
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              <Stack gap={2} miw={0}>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={600} truncate>
                    {invitation.email}
                  </Text>
                  <Box style={{ flexShrink: 0 }}>
                    <RoleBadge role={invitation.role} />
                  </Box>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('operatorConsole.account.invitationExpires', {
                    date: formatLocalDate(invitation.expiresAt, i18n.language),
                  })}
                </Text>
              </Stack>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={() => cancel.mutate(invitation.id)}
                loading={cancel.isPending && cancel.variables === invitation.id}
                aria-label={t('operatorConsole.account.cancelInvitationFor', { email: invitation.email })}
                title={t('operatorConsole.account.cancelInvitation')}
              >
                <XCircleIcon size={20} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
