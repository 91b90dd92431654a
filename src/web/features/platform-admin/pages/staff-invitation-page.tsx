// /staff-invitation?token= — the link from a staff invitation e-mail. Says which organization
// invites and with what role; a new address sets its password and accepts the personal data
// policy, a known one just accepts. Then the person signs in (and turns on two-factor, as staff do).
import { Alert, Button, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { staffInvitationDetailsSchema } from '../../../../shared/api/platform-admin.ts';
import type { PasswordProblem } from '../../../../shared/api/registration.ts';
import { ConsentCheckbox } from '../../../components/consent-checkbox.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, LinkOffIcon } from '../../../components/icons.tsx';
import {
  type NewPasswordErrors,
  NewPasswordFields,
  serverPasswordError,
  validateNewPassword,
} from '../../../components/new-password-fields.tsx';
import { TokenLinkPage, TokenLinkPending, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, passwordProblemsOf } from '../../../lib/error-message.ts';
import type { LoginState } from '../../../lib/login-state.ts';
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

interface AcceptErrors extends NewPasswordErrors {
  consent?: string;
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
  const navigate = useNavigate();
  const accept = useAcceptStaffInvitation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<AcceptErrors>({});
  const [serverProblems, setServerProblems] = useState<PasswordProblem[]>([]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invitation.needsPassword) {
      const found: AcceptErrors = validateNewPassword(t, password, repeat, invitation.email);
      if (!consent) found.consent = t('registration.credentials.consentRequired');
      setErrors(found);
      if (found.password || found.repeat || found.consent) return;
    }
    accept.mutate(invitation.needsPassword ? { token, password, consent: true } : { token }, {
      onSuccess: (result) => {
        const state: LoginState = { email: result.email, notice: 'invitation_accepted' };
        void navigate('/login', { replace: true, state });
      },
      onError: (error) => {
        const code = isApiError(error) ? error.code : null;
        if (code === 'TOKEN_INVALID') onTokenUsed();
        else if (code === 'CONSENT_REQUIRED')
          setErrors({ consent: t('registration.credentials.consentRequired') });
        else if (code === 'PASSWORD_TOO_WEAK') {
          const problems = passwordProblemsOf(error);
          setServerProblems(problems);
          setErrors({ password: serverPasswordError(t, problems) });
        }
      },
    });
  }

  const code = isApiError(accept.error) ? accept.error.code : null;
  const alertText =
    accept.error && code !== 'CONSENT_REQUIRED' && code !== 'PASSWORD_TOO_WEAK' && code !== 'TOKEN_INVALID'
      ? describeError(t, accept.error).message
      : null;
  const rows = [
    { label: t('platformAdmin.staffInvitation.organization'), value: invitation.organizationName },
    {
      label: t('platformAdmin.staffInvitation.role'),
      value: t(`platformAdmin.invite.roles.${invitation.role}`),
    },
    { label: t('platformAdmin.staffInvitation.email'), value: invitation.email },
  ];

  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={2} fz={{ base: 20, sm: 22 }}>
              {t('platformAdmin.staffInvitation.heading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('platformAdmin.staffInvitation.intro')}
            </Text>
          </Stack>
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
          <Divider />
          {alertText && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {alertText}
            </Alert>
          )}
          {invitation.needsPassword ? (
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t('platformAdmin.staffInvitation.newUserText', { email: invitation.email })}
              </Text>
              {/* The login is named for password managers. */}
              <input
                type="email"
                name="username"
                autoComplete="username"
                value={invitation.email}
                readOnly
                hidden
              />
              <NewPasswordFields
                label={t('password.label')}
                email={invitation.email}
                password={password}
                repeat={repeat}
                onPasswordChange={(value) => {
                  setPassword(value);
                  setServerProblems([]);
                  setErrors((current) => ({ ...current, password: undefined }));
                }}
                onRepeatChange={setRepeat}
                errors={errors}
                serverProblems={serverProblems}
              />
              <ConsentCheckbox
                checked={consent}
                onChange={(checked) => {
                  setConsent(checked);
                  setErrors((current) => ({ ...current, consent: undefined }));
                }}
                error={errors.consent}
              />
            </Stack>
          ) : (
            <Text size="sm">
              {t('platformAdmin.staffInvitation.existingUserText', { email: invitation.email })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('platformAdmin.staffInvitation.twoFactorNote')}
          </Text>
          <Button type="submit" size="md" fullWidth loading={accept.isPending}>
            {t('platformAdmin.staffInvitation.accept')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
