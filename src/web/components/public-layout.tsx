// The frame of the pages a visitor sees without a session: logo, language switch, one column.
import { Anchor, Box, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LogoMark } from './icons.tsx';
import { LanguageSwitch } from './language-switch.tsx';

interface PublicLayoutProps {
  children: ReactNode;
  /** Width of the column: forms are narrow, the policy text is wider. */
  width?: number;
}

export function PublicLayout({ children, width = 420 }: PublicLayoutProps) {
  const { t } = useTranslation();
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Group justify="space-between" px="md" py="sm" component="header">
        <Anchor component={Link} to="/login" underline="never" aria-label={t('common.appName')}>
          <Group gap={8} c="var(--mantine-primary-color-filled)" wrap="nowrap">
            <LogoMark size={26} />
            <Text fw={700} size="lg" c="var(--mantine-color-text)">
              {t('common.appName')}
            </Text>
          </Group>
        </Anchor>
        <LanguageSwitch />
      </Group>
      <Center component="main" px="md" pt={{ base: 'md', sm: 48 }} pb="xl">
        <Stack w="100%" maw={width} gap="lg">
          {children}
        </Stack>
      </Center>
    </Box>
  );
}

/** The page's h1 with an optional line under it, sized for phones first. */
export function PublicPageTitle({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={1} fz={{ base: 26, sm: 30 }}>
        {title}
      </Title>
      {subtitle && <Text c="dimmed">{subtitle}</Text>}
    </Stack>
  );
}
