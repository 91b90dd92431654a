// /invitation?token= — the link from an invitation e-mail. Says who invites to which account and
// with what role; a new address sets its password and accepts the personal data policy, a known
// one just accepts. Then the person signs in with the e-mail filled in.
import { Alert, Button, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { invitationDetailsSchema } from '../../../../shared/api/household.ts';
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
import { RoleBadge } from '../../../components/role-badge.tsx';
import { TokenLinkPage, TokenLinkPending, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, passwordProblemsOf } from '../../../lib/error-message.ts';
import type { LoginState } from '../../../lib/login-state.ts';
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
  const accept = useAcceptInvitation();
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

  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={2} fz={{ base: 20, sm: 22 }}>
              {t('invitation.heading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('invitation.intro')}
            </Text>
          </Stack>
          <InvitationDetails invitation={invitation} />
          <Divider />
          {alertText && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {alertText}
            </Alert>
          )}
          {invitation.needsPassword ? (
            <Stack gap="md">
              <Stack gap={4}>
                <Text fw={600}>{t('invitation.newUserTitle')}</Text>
                <Text size="sm" c="dimmed">
                  {t('invitation.newUserText', { email: invitation.email })}
                </Text>
              </Stack>
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
            <Text size="sm">{t('invitation.existingUserText', { email: invitation.email })}</Text>
          )}
          <Button type="submit" size="md" fullWidth loading={accept.isPending}>
            {t('invitation.accept')}
          </Button>
        </Stack>
      </form>
    </Paper>
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
