// The frame of the operator console: its title, the organization (a choice for staff of several),
// and the sections as a row of links that scrolls sideways on a phone. Platform administrators'
// own area (/admin) is linked from here by its own feature.
import { Button, Group, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { EmptyState } from '../../../components/empty-state.tsx';
import { LockIcon } from '../../../components/icons.tsx';
import {
  OPERATOR_ACCOUNTS_PATH,
  OPERATOR_EXPORTS_PATH,
  OPERATOR_IMPORTS_PATH,
  OPERATOR_PATH,
  OPERATOR_SETTINGS_PATH,
} from '../../../lib/paths.ts';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';

const sections = [
  { path: OPERATOR_PATH, key: 'overview' },
  { path: OPERATOR_ACCOUNTS_PATH, key: 'accounts' },
  { path: OPERATOR_IMPORTS_PATH, key: 'imports' },
  { path: OPERATOR_EXPORTS_PATH, key: 'exports' },
  { path: OPERATOR_SETTINGS_PATH, key: 'settings' },
] as const;

export function ConsoleLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { organization, organizations, selectOrganization } = useStaffOrganization();
  const isActive = (path: string) =>
    path === OPERATOR_PATH ? pathname === path : pathname === path || pathname.startsWith(`${path}/`);

  if (!organization) {
    return (
      <EmptyState
        title={t('operatorConsole.notStaffTitle')}
        description={t('operatorConsole.notStaffDescription')}
        icon={<LockIcon size={28} />}
      />
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-end" gap="sm">
          <Stack gap={0} miw={0}>
            <Text size="sm" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              {t('operatorConsole.title')}
            </Text>
            {organizations.length === 1 && (
              <Text fw={600} data-testid="console-organization" truncate>
                {organization.organizationName}
              </Text>
            )}
          </Stack>
          {organizations.length > 1 && (
            <Select
              label={t('operatorConsole.organizationLabel')}
              data={organizations.map((role) => ({
                value: role.organizationId,
                label: role.organizationName,
              }))}
              value={organization.organizationId}
              onChange={(value) => value && selectOrganization(value)}
              allowDeselect={false}
              w={{ base: '100%', sm: 320 }}
            />
          )}
        </Group>
        <ScrollArea type="never" offsetScrollbars={false}>
          <Group
            component="nav"
            aria-label={t('operatorConsole.sectionsLabel')}
            gap={4}
            wrap="nowrap"
            py={4}
            style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          >
            {sections.map((section) => (
              <Button
                key={section.key}
                component={Link}
                to={section.path}
                size="sm"
                px="sm"
                variant={isActive(section.path) ? 'light' : 'subtle'}
                color={isActive(section.path) ? undefined : 'gray'}
                c={isActive(section.path) ? undefined : 'var(--mantine-color-text)'}
                aria-current={isActive(section.path) ? 'page' : undefined}
                style={{ flexShrink: 0 }}
              >
                {t(`operatorConsole.sections.${section.key}`)}
              </Button>
            ))}
          </Group>
        </ScrollArea>
      </Stack>
      {/* key: another organization is another console; nothing of the previous one carries over. */}
      <Stack gap="lg" key={organization.organizationId}>
        <Outlet />
      </Stack>
    </Stack>
  );
}

/** Page title inside the console: the h1 of the section. */
export function ConsolePageTitle({ children }: { children: string }) {
  return (
    <Title order={1} fz={{ base: 24, sm: 30 }}>
      {children}
    </Title>
  );
}
