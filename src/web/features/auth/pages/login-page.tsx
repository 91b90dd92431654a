// /login — the only page without a session.
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { InfoIcon, LogoMark } from '../../../components/icons.tsx';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { useInstance } from '../api/instance.ts';
import { LoginForm } from '../components/login-form.tsx';

/** Only same-site paths: `//evil.example` would be another origin. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  useDocumentTitle(`${t('auth.title')} — ${t('common.appName')}`);
  // The demo logins printed by `npm start`, shown only when the server runs in demo mode.
  const demoLogin = useInstance().data?.demoLogins.find((login) => login.role === 'subscriber');

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Group justify="space-between" px="md" py="sm" component="header">
        <Group gap={8} c="var(--mantine-primary-color-filled)">
          <LogoMark size={26} />
          <Text fw={700} size="lg" c="var(--mantine-color-text)">
            {t('common.appName')}
          </Text>
        </Group>
        <LanguageSwitch />
      </Group>
      <Center component="main" px="md" pt={{ base: 'md', sm: 64 }} pb="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Stack gap={4}>
            <Title order={1} fz={{ base: 26, sm: 30 }}>
              {t('auth.title')}
            </Title>
            <Text c="dimmed">{t('auth.subtitle')}</Text>
          </Stack>
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
            <LoginForm onSuccess={() => void navigate(returnPath(location.state), { replace: true })} />
          </Paper>
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
        </Stack>
      </Center>
    </Box>
  );
}
