// /reset-password?token= — the link from the e-mail: a new password twice. On success every
// session has ended, so the person signs in again on /login, which says why.
import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PasswordProblem } from '../../../../shared/api/registration.ts';
import { AlertIcon, LinkOffIcon } from '../../../components/icons.tsx';
import {
  type NewPasswordErrors,
  NewPasswordFields,
  serverPasswordError,
  validateNewPassword,
} from '../../../components/new-password-fields.tsx';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { StatusPanel } from '../../../components/status-panel.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, passwordProblemsOf } from '../../../lib/error-message.ts';
import type { LoginState } from '../../../lib/login-state.ts';
import { useUrlToken } from '../../../lib/token-link.ts';
import { useConfirmPasswordReset } from '../api/confirm-password-reset.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('resetPassword.title')} — ${t('common.appName')}`);
  const navigate = useNavigate();
  const token = useUrlToken();
  const reset = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [serverProblems, setServerProblems] = useState<PasswordProblem[]>([]);

  const code = isApiError(reset.error) ? reset.error.code : null;
  if (!token || code === 'TOKEN_INVALID') {
    return (
      <PublicLayout>
        <PublicPageTitle title={t('resetPassword.title')} />
        <StatusPanel
          tone="error"
          icon={<LinkOffIcon size={26} />}
          title={t('resetPassword.invalidTitle')}
          focusOnMount={Boolean(reset.error)}
          testId="reset-invalid"
          actions={
            <Button component={Link} to="/forgot-password" size="md" fullWidth>
              {t('resetPassword.requestNew')}
            </Button>
          }
        >
          <Text>{t('resetPassword.invalidText')}</Text>
        </StatusPanel>
      </PublicLayout>
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The e-mail is not known here; the server checks that the password does not contain it.
    const found = validateNewPassword(t, password, repeat, '');
    setErrors(found);
    if (found.password || found.repeat) return;
    reset.mutate(
      { token, password },
      {
        onSuccess: () => {
          const state: LoginState = { notice: 'password_changed' };
          void navigate('/login', { replace: true, state });
        },
        onError: (error) => {
          const problems = passwordProblemsOf(error);
          setServerProblems(problems);
          if (problems.length > 0) setErrors({ password: serverPasswordError(t, problems) });
        },
      },
    );
  }

  const generalError =
    reset.error && code !== 'PASSWORD_TOO_WEAK' ? describeError(t, reset.error).message : null;

  return (
    <PublicLayout>
      <PublicPageTitle title={t('resetPassword.title')} subtitle={t('resetPassword.subtitle')} />
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="md">
            {generalError && (
              <Alert
                color="red"
                variant="light"
                icon={<AlertIcon />}
                role="alert"
                title={t('resetPassword.errorTitle')}
              >
                {generalError}
              </Alert>
            )}
            <NewPasswordFields
              label={t('password.newLabel')}
              email=""
              password={password}
              repeat={repeat}
              onPasswordChange={(value) => {
                setPassword(value);
                // A server verdict was about the previous text.
                setServerProblems([]);
                setErrors((current) => ({ ...current, password: undefined }));
              }}
              onRepeatChange={setRepeat}
              errors={errors}
              serverProblems={serverProblems}
            />
            <Button type="submit" size="md" fullWidth loading={reset.isPending}>
              {t('resetPassword.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </PublicLayout>
  );
}
