// /staff-invitation?token= — the link from a staff invitation e-mail. Says which organization
// invites and with what role; a new address sets its password and accepts the personal data
// policy, a known one just accepts. Then the person signs in (and turns on two-factor, as staff do).
import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { staffInvitationDetailsSchema } from '../../../../shared/api/platform-admin.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { LinkOffIcon } from '../../../components/icons.tsx';
import { InvitationAcceptForm } from '../../../components/invitation-accept-form.tsx';
import { TokenLinkPage, TokenLinkPending, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useUrlToken } from '../../../lib/token-link.ts';
import { useAcceptStaffInvitation, useStaffInvitation } from '../api/platform-admin.ts';

type Invitation = z.infer<typeof staffInvitationDetailsSchema>;

export function StaffInvitationPage() {
  const { t } = useTranslation();
  const token = useUrlToken();
  const invitation = useStaffInvitation(token);
  const [used, setUsed] = useState(false);

  const code = isApiError(invitation.error) ? invitation.error.code : null;
  let content: React.ReactNode;
  if (!token || used || code === 'TOKEN_INVALID' || code === 'VALIDATION_FAILED') {
    content = (
      <TokenLinkStatus
        tone="error"
        icon={<LinkOffIcon size={26} />}
        title={t('platformAdmin.staffInvitation.invalidTitle')}
        testId="staff-invitation-invalid"
        to="/login"
        linkLabel={t('confirm.login')}
        text={t('platformAdmin.staffInvitation.invalidText')}
      />
    );
  } else if (invitation.isError) {
    content = (
      <ErrorState
        title={t('platformAdmin.staffInvitation.errorTitle')}
        error={invitation.error}
        onRetry={() => void invitation.refetch()}
        retrying={invitation.isFetching}
      />
    );
  } else if (!invitation.data) {
    content = <TokenLinkPending text={t('platformAdmin.staffInvitation.pending')} />;
  } else {
    content = <AcceptForm token={token} invitation={invitation.data} onTokenUsed={() => setUsed(true)} />;
  }
  return <TokenLinkPage title={t('platformAdmin.staffInvitation.title')}>{content}</TokenLinkPage>;
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
  const accept = useAcceptStaffInvitation();
  const rows = [
    { label: t('platformAdmin.staffInvitation.organization'), value: invitation.organizationName },
    {
      label: t('platformAdmin.staffInvitation.role'),
      value: t(`platformAdmin.invite.roles.${invitation.role}`),
    },
    { label: t('platformAdmin.staffInvitation.email'), value: invitation.email },
  ];
  return (
    <InvitationAcceptForm
      token={token}
      invitation={invitation}
      accept={accept}
      onTokenUsed={onTokenUsed}
      heading={t('platformAdmin.staffInvitation.heading')}
      intro={t('platformAdmin.staffInvitation.intro')}
      details={
        <Stack component="dl" gap={8} m={0} data-testid="staff-invitation-details">
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
        </Stack>
      }
      newUserIntro={
        <Text size="sm" c="dimmed">
          {t('platformAdmin.staffInvitation.newUserText', { email: invitation.email })}
        </Text>
      }
      existingUserText={t('platformAdmin.staffInvitation.existingUserText', { email: invitation.email })}
      note={t('platformAdmin.staffInvitation.twoFactorNote')}
      acceptLabel={t('platformAdmin.staffInvitation.accept')}
    />
  );
}
