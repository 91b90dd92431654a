// The form that accepts an e-mailed invitation (to an account's household, or to an organization's
// staff): what the invitation is for, then a new address sets its password and accepts the personal
// data policy while a known one just accepts; afterwards the person signs in with the e-mail filled in.
import { Alert, Button, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PasswordProblem } from '../../shared/api/registration.ts';
import { isApiError } from '../lib/api-client.ts';
import { describeError, passwordProblemsOf } from '../lib/error-message.ts';
import type { LoginState } from '../lib/login-state.ts';
import { ConsentCheckbox } from './consent-checkbox.tsx';
import { AlertIcon } from './icons.tsx';
import {
  type NewPasswordErrors,
  NewPasswordFields,
  serverPasswordError,
  validateNewPassword,
} from './new-password-fields.tsx';

export interface AcceptInvitationBody {
  token: string;
  password?: string;
  consent?: true;
}

interface AcceptErrors extends NewPasswordErrors {
  consent?: string;
}

export function InvitationAcceptForm<Result extends { email: string }>({
  token,
  invitation,
  accept,
  onTokenUsed,
  heading,
  intro,
  details,
  newUserIntro,
  existingUserText,
  note,
  acceptLabel,
}: {
  token: string;
  invitation: { email: string; needsPassword: boolean };
  accept: UseMutationResult<Result, Error, AcceptInvitationBody>;
  /** The link was used or withdrawn meanwhile: the page says it no longer works. */
  onTokenUsed: () => void;
  heading: string;
  intro: string;
  /** What the invitation is for (organization, account or role, address). */
  details: ReactNode;
  /** Above the password fields, for an address without a login. */
  newUserIntro: ReactNode;
  /** For an address that already has a login. */
  existingUserText: string;
  /** Shown above the button to everyone. */
  note?: string;
  acceptLabel: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
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
              {heading}
            </Title>
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          </Stack>
          {details}
          <Divider />
          {alertText && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {alertText}
            </Alert>
          )}
          {invitation.needsPassword ? (
            <Stack gap="md">
              {newUserIntro}
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
            <Text size="sm">{existingUserText}</Text>
          )}
          {note && (
            <Text size="sm" c="dimmed">
              {note}
            </Text>
          )}
          <Button type="submit" size="md" fullWidth loading={accept.isPending}>
            {acceptLabel}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
