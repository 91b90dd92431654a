// /forgot-password — asks for the e-mail and always answers "check your e-mail", so the page
// does not tell whether an address is registered.
import { Alert, Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { emailSchema } from '../../../../shared/api/registration.ts';
import { CheckEmail } from '../../../components/check-email.tsx';
import { AlertIcon } from '../../../components/icons.tsx';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import { describeError, retryMinutes } from '../../../lib/error-message.ts';
import { readLoginState } from '../../../lib/login-state.ts';
import { useRequestPasswordReset } from '../api/request-password-reset.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('forgotPassword.title')} — ${t('common.appName')}`);
  const location = useLocation();
  // The login form hands over what was typed there.
  const [email, setEmail] = useState(() => readLoginState(location.state).email ?? '');
  const [emailError, setEmailError] = useState<string>();
  const request = useRequestPasswordReset();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setEmailError(email.trim() ? t('auth.emailInvalid') : t('auth.emailRequired'));
      return;
    }
    setEmailError(undefined);
    request.mutate({ email: parsed.data, locale: currentLocale() });
  }

  if (request.isSuccess) {
    return (
      <PublicLayout>
        <PublicPageTitle title={t('forgotPassword.title')} />
        <CheckEmail message={t('checkEmail.passwordReset', { email: email.trim() })} />
      </PublicLayout>
    );
  }

  const minutes = retryMinutes(request.error);
  const errorText = request.error
    ? minutes
      ? t('auth.tooManyAttempts', { count: minutes })
      : describeError(t, request.error).message
    : null;

  return (
    <PublicLayout>
      <PublicPageTitle title={t('forgotPassword.title')} subtitle={t('forgotPassword.subtitle')} />
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="md">
            {errorText && (
              <Alert
                color="red"
                variant="light"
                icon={<AlertIcon />}
                role="alert"
                title={t('forgotPassword.errorTitle')}
              >
                {errorText}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              size="md"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError}
            />
            <Button type="submit" size="md" fullWidth loading={request.isPending}>
              {t('forgotPassword.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text ta="center">
        {t('forgotPassword.remembered')}{' '}
        <Anchor component={Link} to="/login" state={{ email: email.trim() || undefined }} fw={600}>
          {t('forgotPassword.login')}
        </Anchor>
      </Text>
    </PublicLayout>
  );
}
