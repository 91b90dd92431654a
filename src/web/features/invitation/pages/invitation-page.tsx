// /invitation?token= — the link from an invitation e-mail. Says who invites to which account and
// with what role; a new address sets its password and accepts the personal data policy, a known
// one just accepts. Then the person signs in with the e-mail filled in.
import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { invitationDetailsSchema } from '../../../../shared/api/household.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { LinkOffIcon } from '../../../components/icons.tsx';
import { InvitationAcceptForm } from '../../../components/invitation-accept-form.tsx';
import { RoleBadge } from '../../../components/role-badge.tsx';
import { TokenLinkPage, TokenLinkPending, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useUrlToken } from '../../../lib/token-link.ts';
import { useAcceptInvitation, useInvitation } from '../api/invitation.ts';

type Invitation = z.infer<typeof invitationDetailsSchema>;

export function InvitationPage() {
  const { t } = useTranslation();
  const token = useUrlToken();
  const invitation = useInvitation(token);
  const [used, setUsed] = useState(false);

  const code = isApiError(invitation.error) ? invitation.error.code : null;
  let content: React.ReactNode;
  if (!token || used || code === 'TOKEN_INVALID' || code === 'VALIDATION_FAILED') {
    content = <InvitationNoLongerWorks />;
  } else if (invitation.isError) {
    content = (
      <ErrorState
        title={t('invitation.errorTitle')}
        error={invitation.error}
        onRetry={() => void invitation.refetch()}
        retrying={invitation.isFetching}
      />
    );
  } else if (!invitation.data) {
    content = <TokenLinkPending text={t('invitation.pending')} />;
  } else {
    content = <AcceptForm token={token} invitation={invitation.data} onTokenUsed={() => setUsed(true)} />;
  }

  return <TokenLinkPage title={t('invitation.title')}>{content}</TokenLinkPage>;
}

function InvitationDetails({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const rows = [
    { label: t('invitation.organization'), value: invitation.organizationName },
    { label: t('invitation.account'), value: `№\u00a0${invitation.accountNumber}` },
    { label: t('invitation.email'), value: invitation.email },
  ];
  return (
    <Stack gap="sm" data-testid="invitation-details">
      <Stack component="dl" gap={8} m={0}>
        {rows.map((row) => (
          <div key={row.label}>
            <Text component="dt" size="xs" c="dimmed">
              {row.label}
            </Text>
            <Text component="dd" m={0} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {row.value}
            </Text>
          </div>
        ))}
        <div>
          <Text component="dt" size="xs" c="dimmed">
            {t('invitation.role')}
          </Text>
          <Stack component="dd" m={0} gap={4} align="flex-start">
            <RoleBadge role={invitation.role} size="md" />
            <Text size="sm">{t(`household.roles.${invitation.role}.description`)}</Text>
          </Stack>
        </div>
      </Stack>
    </Stack>
  );
}

function AcceptForm({
  token,
  invitation,
  onTokenUsed,
}: {
  token: string;
  invitation: Invitation;
  onTokenUsed: () => void;
}) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation();
  return (
    <InvitationAcceptForm
      token={token}
      invitation={invitation}
      accept={accept}
      onTokenUsed={onTokenUsed}
      heading={t('invitation.heading')}
      intro={t('invitation.intro')}
      details={<InvitationDetails invitation={invitation} />}
      newUserIntro={
        <Stack gap={4}>
          <Text fw={600}>{t('invitation.newUserTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('invitation.newUserText', { email: invitation.email })}
          </Text>
        </Stack>
      }
      existingUserText={t('invitation.existingUserText', { email: invitation.email })}
      acceptLabel={t('invitation.accept')}
    />
  );
}

function InvitationNoLongerWorks() {
  const { t } = useTranslation();
  return (
    <TokenLinkStatus
      tone="error"
      icon={<LinkOffIcon size={26} />}
      title={t('invitation.invalidTitle')}
      testId="invitation-invalid"
      to="/login"
      linkLabel={t('confirm.login')}
      text={t('invitation.invalidText')}
    />
  );
}
