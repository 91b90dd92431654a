// /confirm-email?token= — the link sent to a new login address. Confirms once on arrival, then
// says what happened: changed (every session has ended: sign in with the new address), taken by
// somebody else, or expired (back to the profile, which asks to sign in when needed).
import { Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, LinkOffIcon } from '../../../components/icons.tsx';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { StatusPanel } from '../../../components/status-panel.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import type { LoginState } from '../../../lib/login-state.ts';
import { useConfirmEmailChange } from '../api/profile.ts';
import { PROFILE_PATH } from '../paths.ts';

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('confirmEmail.title')} — ${t('common.appName')}`);
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const confirm = useConfirmEmailChange();

  // The token works once: StrictMode's second effect run must not send it again.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    confirm.mutate(token);
  }, [token, confirm.mutate]);

  const code = isApiError(confirm.error) ? confirm.error.code : null;
  let content: ReactNode;
  if (!token || code === 'TOKEN_INVALID' || code === 'VALIDATION_FAILED') {
    content = (
      <StatusPanel
        tone="error"
        icon={<LinkOffIcon size={26} />}
        title={t('confirmEmail.invalidTitle')}
        focusOnMount={Boolean(token)}
        testId="confirm-email-invalid"
        actions={
          <Button component={Link} to={PROFILE_PATH} size="md" fullWidth>
            {t('confirmEmail.toProfile')}
          </Button>
        }
      >
        <Text>{t('confirmEmail.invalidText')}</Text>
      </StatusPanel>
    );
  } else if (code === 'EMAIL_TAKEN') {
    content = (
      <StatusPanel
        tone="error"
        icon={<AlertIcon size={26} />}
        title={t('confirmEmail.takenTitle')}
        focusOnMount
        testId="confirm-email-taken"
        actions={
          <Button component={Link} to={PROFILE_PATH} size="md" fullWidth>
            {t('confirmEmail.toProfile')}
          </Button>
        }
      >
        <Text>{t('confirmEmail.takenText')}</Text>
      </StatusPanel>
    );
  } else if (confirm.isError) {
    content = (
      <ErrorState
        title={t('confirmEmail.errorTitle')}
        error={confirm.error}
        onRetry={() => confirm.mutate(token)}
        retrying={confirm.isPending}
      />
    );
  } else if (confirm.isSuccess) {
    const loginState: LoginState = { email: confirm.data.email, notice: 'email_changed' };
    content = (
      <StatusPanel
        tone="success"
        icon={<CheckIcon size={26} />}
        title={t('confirmEmail.successTitle')}
        focusOnMount
        testId="confirm-email-success"
        actions={
          <Button component={Link} to="/login" state={loginState} size="md" fullWidth>
            {t('confirm.login')}
          </Button>
        }
      >
        <Text>{t('confirmEmail.successText', { email: confirm.data.email })}</Text>
      </StatusPanel>
    );
  } else {
    content = (
      <Paper withBorder shadow="sm" p="xl" aria-busy="true">
        <Center>
          <Stack align="center" gap="sm">
            <Loader />
            <Text role="status">{t('confirmEmail.pending')}</Text>
          </Stack>
        </Center>
      </Paper>
    );
  }

  return (
    <PublicLayout width={480}>
      <PublicPageTitle title={t('confirmEmail.title')} />
      {content}
    </PublicLayout>
  );
}
