// /confirm?token= — the link from the registration e-mail. Nothing is sent on arrival: the person
// first types the password chosen at registration (only the registrant knows it, so a link that
// somebody else requested for this address cannot be completed). Then says what happened:
// registered (→ sign in), the proof did not match, or the link no longer works. A wrong password
// leaves the link usable and the form in place.
import { Button, List, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { confirmRequestSchema } from '../../../../shared/api/registration.ts';
import { PhoneLine } from '../../../components/account-steps/phone-line.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, LinkOffIcon } from '../../../components/icons.tsx';
import { StatusPanel } from '../../../components/status-panel.tsx';
import { TokenLinkPage, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { invalidFieldsOf, retryMinutes } from '../../../lib/error-message.ts';
import type { LoginState } from '../../../lib/login-state.ts';
import { useUrlToken } from '../../../lib/token-link.ts';
import { useConfirmRegistration } from '../api/confirm-registration.ts';
import { readRememberedOrganization } from '../lib/remembered-organization.ts';

export function ConfirmPage() {
  const { t } = useTranslation();
  const token = useUrlToken();
  const confirm = useConfirmRegistration();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();
  const [wrongPassword, setWrongPassword] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);

  function send() {
    confirm.mutate(
      { token, password },
      {
        onError: (error) => {
          if (!isPasswordRejected(error)) return;
          setWrongPassword(true);
          setPasswordError(t('confirm.wrongPassword'));
          passwordInput.current?.focus();
          passwordInput.current?.select();
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) {
      setPasswordError(t('confirm.passwordRequired'));
      passwordInput.current?.focus();
      return;
    }
    send();
  }

  const code = isApiError(confirm.error) ? confirm.error.code : null;
  const passwordRejected = isPasswordRejected(confirm.error);

  let content: ReactNode;
  if (!token || !confirmRequestSchema.shape.token.safeParse(token).success) {
    content = <LinkNoLongerWorks />;
  } else if (confirm.isSuccess) {
    const loginState: LoginState = { email: confirm.data.email, notice: 'registered' };
    content = (
      <TokenLinkStatus
        tone="success"
        icon={<CheckIcon size={26} />}
        title={t('confirm.successTitle')}
        testId="confirm-success"
        to="/login"
        linkState={loginState}
        linkLabel={t('confirm.login')}
        text={t('confirm.successText', {
          accountNumber: confirm.data.accountNumber,
          email: confirm.data.email,
        })}
      />
    );
  } else if (confirm.isError && !passwordRejected) {
    if (code === 'REGISTRATION_PROOF_MISMATCH') content = <ProofMismatch />;
    else if (code === 'TOKEN_INVALID' || code === 'VALIDATION_FAILED') content = <LinkNoLongerWorks />;
    else if (code === 'TOO_MANY_ATTEMPTS') {
      const minutes = retryMinutes(confirm.error);
      content = (
        <StatusPanel
          tone="error"
          icon={<AlertIcon size={26} />}
          title={t('confirm.tooManyTitle')}
          focusOnMount
          testId="confirm-too-many"
        >
          <Text>
            {minutes ? t('confirm.tooManyText', { count: minutes }) : t('confirm.tooManyTextUnknown')}
          </Text>
        </StatusPanel>
      );
    } else {
      // Network or server trouble: the token was not used up, so sending the same password again is safe.
      content = <ErrorState title={t('confirm.errorTitle')} error={confirm.error} onRetry={send} />;
    }
  } else {
    content = (
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <form onSubmit={handleSubmit} noValidate data-testid="confirm-form">
          <Stack gap="md">
            <Text>{t('confirm.formIntro')}</Text>
            <PasswordInput
              ref={passwordInput}
              label={t('confirm.passwordLabel')}
              name="password"
              autoComplete="current-password"
              size="md"
              required
              value={password}
              onChange={(event) => {
                setPassword(event.currentTarget.value);
                setPasswordError(undefined);
              }}
              error={passwordError}
              visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
            />
            {wrongPassword && (
              <Text size="sm" c="dimmed" data-testid="confirm-not-you">
                {t('confirm.notYou')}
              </Text>
            )}
            <Button type="submit" size="md" fullWidth loading={confirm.isPending}>
              {t('confirm.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    );
  }

  return <TokenLinkPage title={t('confirm.title')}>{content}</TokenLinkPage>;
}

/** Not the password chosen at registration (or not one it could have been): the link stays usable. */
function isPasswordRejected(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.code === 'CURRENT_PASSWORD_WRONG') return true;
  return error.code === 'VALIDATION_FAILED' && !invalidFieldsOf(error).has('token');
}

function ProofMismatch() {
  const { t } = useTranslation();
  // Known when the registration was started in this browser; the link itself names no organization.
  const organization = readRememberedOrganization();
  return (
    <StatusPanel
      tone="error"
      icon={<AlertIcon size={26} />}
      title={t('confirm.mismatchTitle')}
      focusOnMount
      testId="confirm-mismatch"
      actions={
        <Button component={Link} to="/register" size="md" fullWidth>
          {t('confirm.registerAgain')}
        </Button>
      }
    >
      <Text>{t('confirm.mismatchIntro')}</Text>
      <List spacing="xs" size="sm">
        <List.Item>{t(`confirm.mismatchCheck.${organization?.proofType ?? 'unknown'}`)}</List.Item>
        <List.Item>{t('confirm.mismatchDelay')}</List.Item>
        <List.Item>
          <Stack gap={4}>
            <span>{t('confirm.mismatchNewFlat')}</span>
            {organization?.phone && <PhoneLine phone={organization.phone} name={organization.shortName} />}
          </Stack>
        </List.Item>
      </List>
    </StatusPanel>
  );
}

function LinkNoLongerWorks() {
  const { t } = useTranslation();
  return (
    <StatusPanel
      tone="error"
      icon={<LinkOffIcon size={26} />}
      title={t('confirm.invalidTitle')}
      focusOnMount
      testId="confirm-invalid"
      actions={
        <>
          <Button component={Link} to="/register" size="md" fullWidth>
            {t('confirm.registerAgain')}
          </Button>
          <Button component={Link} to="/login" variant="default" size="md" fullWidth>
            {t('confirm.login')}
          </Button>
        </>
      }
    >
      <Text>{t('confirm.invalidText')}</Text>
    </StatusPanel>
  );
}
