// /profile, /profile/security, /profile/devices — the person's own settings in three tabs:
// details and e-mail; password and two-factor; signed-in devices and security activity.
import { SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { DesktopIcon, ShieldIcon, UserIcon } from '../../../components/icons.tsx';
import { useSession } from '../../../lib/session.ts';
import { ActivitySection } from '../components/activity-section.tsx';
import { DetailsSection } from '../components/details-form.tsx';
import { EmailSection } from '../components/email-form.tsx';
import { PasswordSection } from '../components/password-form.tsx';
import { RemindersSection } from '../components/reminders-section.tsx';
import { SessionsSection } from '../components/sessions-section.tsx';
import { TwoFactorSection } from '../components/two-factor-section.tsx';
import { type ProfileTab, profileTabPaths, profileTabs } from '../paths.ts';

export function ProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab: ProfileTab = profileTabs.find((item) => profileTabPaths[item] === pathname) ?? 'details';
  useDocumentTitle(`${t(`profile.tabs.${tab}`)} — ${t('profile.title')} — ${t('common.appName')}`);

  // On a phone the three labels need the whole width.
  const roomForIcons = useMediaQuery('(min-width: 30em)');
  const icons: Record<ProfileTab, React.ReactNode> = {
    details: <UserIcon size={16} />,
    security: <ShieldIcon size={16} />,
    devices: <DesktopIcon size={16} />,
  };

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('profile.title')}
        </Title>
        <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {session.user.name ? `${session.user.name} · ${session.user.email}` : session.user.email}
        </Text>
      </Stack>
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = profileTabs.find((item) => item === value);
          if (next) void navigate(profileTabPaths[next]);
        }}
        keepMounted={false}
      >
        <Tabs.List grow={!roomForIcons} mb="lg" style={{ flexWrap: 'nowrap' }}>
          {profileTabs.map((item) => (
            <Tabs.Tab key={item} value={item} leftSection={roomForIcons ? icons[item] : undefined} px="xs">
              {t(`profile.tabs.${item}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="details">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
            <DetailsSection />
            <EmailSection />
            <RemindersSection />
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
            <TwoFactorSection />
            <PasswordSection />
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="devices">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
            <SessionsSection />
            <ActivitySection />
          </SimpleGrid>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
