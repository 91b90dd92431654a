// The signed-in shell: header with logo, navigation, language, profile and logout; a drawer on
// phones, tablets and small laptops (below 75em the six sections, profile and logout do not fit on
// one line; in the header, logout is an icon for the same reason).
// Staff who still must turn on two-factor authentication see a banner on every page.
import {
  ActionIcon,
  Alert,
  Anchor,
  AppShell,
  Box,
  Burger,
  Button,
  Container,
  Divider,
  Group,
  NavLink,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import {
  AlertIcon,
  FileTextIcon,
  GaugeIcon,
  HomeIcon,
  LockIcon,
  LogoMark,
  LogoutIcon,
  ReceiptIcon,
  ShieldIcon,
  UserIcon,
  UsersIcon,
  WalletIcon,
} from '../components/icons.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useLogout } from '../features/auth/api/logout.ts';
import { useAccountHref } from '../lib/current-account.ts';
import {
  METERS_PATH,
  OPERATOR_PATH,
  PAYMENT_RULES_PATH,
  PROFILE_PATH,
  RECEIPTS_PATH,
  TWO_FACTOR_SETUP_PATH,
} from '../lib/paths.ts';
import { useSession } from '../lib/session.ts';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
}

export function AppLayout() {
  const { t } = useTranslation();
  const [menuOpened, menu] = useDisclosure(false);
  const { pathname } = useLocation();
  const session = useSession();
  const logout = useLogout();
  const hrefs = {
    dashboard: useAccountHref('/'),
    charges: useAccountHref('/charges'),
    receipts: useAccountHref(RECEIPTS_PATH),
    payments: useAccountHref('/payments'),
    meters: useAccountHref(METERS_PATH),
    household: useAccountHref('/household'),
  };
  const items: NavItem[] = [
    { path: hrefs.dashboard, label: t('nav.dashboard'), icon: <HomeIcon size={18} /> },
    { path: hrefs.charges, label: t('nav.charges'), icon: <ReceiptIcon size={18} /> },
    { path: hrefs.receipts, label: t('nav.receipts'), icon: <FileTextIcon size={18} /> },
    { path: hrefs.payments, label: t('nav.payments'), icon: <WalletIcon size={18} /> },
    { path: hrefs.meters, label: t('nav.meters'), icon: <GaugeIcon size={18} /> },
    { path: hrefs.household, label: t('nav.household'), icon: <UsersIcon size={18} /> },
  ];
  // Staff get the operator console; staff without accounts of their own need only the console.
  const consoleItem: NavItem = {
    path: OPERATOR_PATH,
    label: t('operatorConsole.navLink'),
    icon: <ShieldIcon size={18} />,
  };
  const isStaff = session.staff.length > 0;
  if (isStaff && session.accounts.length === 0) items.splice(0, items.length, consoleItem);
  else if (isStaff) items.push(consoleItem);
  // Platform admins get their own page; one with no accounts and no staff role needs only it.
  if (session.platformAdmin) {
    const adminItem: NavItem = {
      path: '/admin',
      label: t('platformAdmin.navLink'),
      icon: <LockIcon size={18} />,
    };
    if (session.accounts.length === 0 && session.staff.length === 0) items.splice(0, items.length, adminItem);
    else items.push(adminItem);
  }
  const onProfile = pathname === PROFILE_PATH || pathname.startsWith(`${PROFILE_PATH}/`);
  const userLabel = session.user.name?.trim() || session.user.email;
  const mustEnableTwoFactor =
    session.twoFactor.required && !session.twoFactor.enabled && pathname !== TWO_FACTOR_SETUP_PATH;
  // A tap on a link changes the page; the drawer should not stay over it.
  useEffect(() => {
    if (pathname) menu.close();
  }, [pathname, menu.close]);
  // A section's own pages (/meters/:meterId) keep its item highlighted.
  const isActive = (href: string) => {
    const base = href.split('?')[0] ?? href;
    return base === pathname || (base !== '/' && pathname.startsWith(`${base}/`));
  };

  const logoutButton = (
    <Button
      variant="light"
      color="gray"
      c="var(--mantine-color-text)"
      leftSection={<LogoutIcon size={18} />}
      onClick={() => logout.mutate()}
      loading={logout.isPending}
      fullWidth
      justify="flex-start"
    >
      {t('nav.logout')}
    </Button>
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 280, breakpoint: 'lg', collapsed: { mobile: !menuOpened, desktop: true } }}
      padding={0}
    >
      <AppShell.Header>
        <a href="#main-content" className="skip-link">
          {t('nav.skipToContent')}
        </a>
        <Container size="lg" h="100%" px={{ base: 'sm', sm: 'md' }}>
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={menuOpened}
                onClick={menu.toggle}
                hiddenFrom="lg"
                size="sm"
                aria-label={menuOpened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={menuOpened}
                aria-controls="app-navbar"
              />
              <Anchor
                component={Link}
                to={hrefs.dashboard}
                underline="never"
                aria-label={`${t('common.appName')} — ${t('nav.dashboard')}`}
              >
                <Group gap={8} wrap="nowrap" c="var(--mantine-primary-color-filled)">
                  <LogoMark size={26} />
                  <Text fw={700} size="lg" c="var(--mantine-color-text)">
                    {t('common.appName')}
                  </Text>
                </Group>
              </Anchor>
              <Group
                component="nav"
                aria-label={t('nav.main')}
                gap={2}
                ml="md"
                visibleFrom="lg"
                wrap="nowrap"
              >
                {items.map((item) => (
                  <Button
                    key={item.path}
                    component={Link}
                    to={item.path}
                    px={8}
                    variant={isActive(item.path) ? 'light' : 'subtle'}
                    color={isActive(item.path) ? undefined : 'gray'}
                    c={isActive(item.path) ? undefined : 'var(--mantine-color-text)'}
                    aria-current={isActive(item.path) ? 'page' : undefined}
                  >
                    {item.label}
                  </Button>
                ))}
              </Group>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <Button
                component={Link}
                to={PROFILE_PATH}
                visibleFrom="lg"
                variant={onProfile ? 'light' : 'subtle'}
                color={onProfile ? undefined : 'gray'}
                c={onProfile ? undefined : 'var(--mantine-color-text)'}
                leftSection={<UserIcon size={18} />}
                aria-current={onProfile ? 'page' : undefined}
                title={t('nav.profile')}
                maw={{ base: 160, lg: 220 }}
                data-testid="profile-link"
              >
                <Text span inherit truncate>
                  {userLabel}
                </Text>
              </Button>
              <ActionIcon
                visibleFrom="lg"
                variant="subtle"
                color="gray"
                c="var(--mantine-color-text)"
                size="lg"
                onClick={() => logout.mutate()}
                loading={logout.isPending}
                aria-label={t('nav.logout')}
                title={t('nav.logout')}
              >
                <LogoutIcon size={18} />
              </ActionIcon>
            </Group>
          </Group>
        </Container>
      </AppShell.Header>

      <AppShell.Navbar p="md" id="app-navbar" hiddenFrom="lg">
        <Stack justify="space-between" h="100%">
          <Box component="nav" aria-label={t('nav.main')}>
            {items.map((item) => (
              <NavLink
                key={item.path}
                component={Link}
                to={item.path}
                label={item.label}
                leftSection={item.icon}
                active={isActive(item.path)}
                aria-current={isActive(item.path) ? 'page' : undefined}
                onClick={menu.close}
                py="sm"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </Box>
          <Stack gap="sm">
            <Divider />
            <NavLink
              component={Link}
              to={PROFILE_PATH}
              label={t('nav.profile')}
              description={session.user.email}
              leftSection={<UserIcon size={18} />}
              active={onProfile}
              aria-current={onProfile ? 'page' : undefined}
              py="sm"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              styles={{ description: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
            />
            {logoutButton}
          </Stack>
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1}>
        <Container size="lg" px={{ base: 'sm', sm: 'md' }} py={{ base: 'md', sm: 'xl' }}>
          {mustEnableTwoFactor && (
            <Alert
              mb="md"
              color="yellow"
              variant="light"
              icon={<AlertIcon />}
              title={t('profile.twoFactor.requiredTitle')}
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
              data-testid="two-factor-banner"
            >
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('profile.twoFactor.requiredText')}</Text>
                <Button component={Link} to={TWO_FACTOR_SETUP_PATH} size="xs" color="dark">
                  {t('profile.twoFactor.enableNow')}
                </Button>
              </Stack>
            </Alert>
          )}
          {logout.isError && (
            <Box mb="md">
              <ErrorState
                title={t('errors.logoutTitle')}
                error={logout.error}
                onRetry={() => logout.mutate()}
                retrying={logout.isPending}
              />
            </Box>
          )}
          <Outlet />
        </Container>
        <Container size="lg" px={{ base: 'sm', sm: 'md' }} pb="xl">
          <Group
            component="footer"
            gap="lg"
            pt="md"
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
          >
            <Anchor component={Link} to={PAYMENT_RULES_PATH} size="sm" c="dimmed">
              {t('nav.paymentRules')}
            </Anchor>
            <Anchor component={Link} to="/privacy" size="sm" c="dimmed">
              {t('nav.privacyPolicy')}
            </Anchor>
          </Group>
        </Container>
        {/* A new page starts at its top; back and forward return to where one was. */}
        <ScrollRestoration />
      </AppShell.Main>
    </AppShell>
  );
}
