// /login — signing in, and the landing place of registration and password reset (with a notice).
import { Alert, Anchor, Group, Paper, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { CheckIcon, InfoIcon } from '../../../components/icons.tsx';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { useInstance } from '../../../lib/instance.ts';
import { readLoginState } from '../../../lib/login-state.ts';
import { TWO_FACTOR_SETUP_PATH } from '../../../lib/paths.ts';
import { getMe, meQueryKey } from '../../../lib/session.ts';
import { LoginForm } from '../components/login-form.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { from, email, notice } = readLoginState(location.state);
  useDocumentTitle(`${t('auth.title')} — ${t('common.appName')}`);
  // The demo logins printed by `npm start`, shown only when the server runs in demo mode.
  const demoLogin = useInstance().data?.demoLogins.find((login) => login.role === 'subscriber');

  /** Staff who must turn on two-factor authentication go straight to its setup. */
  async function afterLogin() {
    const me = await queryClient
      .fetchQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal) })
      .catch(() => null);
    if (me?.twoFactor.required && !me.twoFactor.enabled) {
      await navigate(TWO_FACTOR_SETUP_PATH, { replace: true, state: { from: from ?? '/' } });
      return;
    }
    await navigate(from ?? '/', { replace: true });
  }

  return (
    <PublicLayout>
      <PublicPageTitle title={t('auth.title')} subtitle={t('auth.subtitle')} />
      {notice && (
        <Alert color="green" variant="light" icon={<CheckIcon />} role="status" data-testid="login-notice">
          {t(`auth.notices.${notice}`)}
        </Alert>
      )}
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <LoginForm initialEmail={email} onSuccess={() => void afterLogin()} />
      </Paper>
      <Text ta="center">
        {t('auth.noAccount')}{' '}
        <Anchor component={Link} to="/register" fw={600}>
          {t('auth.register')}
        </Anchor>
      </Text>
      {demoLogin && (
        <Paper bg="indigo.0" p="md" radius="md">
          <Group gap="sm" wrap="nowrap" align="flex-start" c="indigo.9">
            <InfoIcon />
            <Text size="sm" c="var(--mantine-color-text)" data-testid="demo-hint">
              {t('auth.demoLabel')}{' '}
              <Text span inherit fw={600} style={{ whiteSpace: 'nowrap' }}>
                {demoLogin.email}
              </Text>{' '}
              /{' '}
              <Text span inherit fw={600} style={{ whiteSpace: 'nowrap' }}>
                {demoLogin.password}
              </Text>
            </Text>
          </Group>
        </Paper>
      )}
    </PublicLayout>
  );
}
