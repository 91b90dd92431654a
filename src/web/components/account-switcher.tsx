// Chooses the personal account the page shows. With one account it just names it.
import { Anchor, Group, Paper, Select, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountListItem } from '../../shared/api/accounts.ts';
import { CheckMarkIcon, HomeIcon, PlusIcon, WifiIcon } from './icons.tsx';

/** Where one more account is added (features/household/pages/link-account-page.tsx). */
export const LINK_ACCOUNT_PATH = '/accounts/link';

function AddAccountLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={LINK_ACCOUNT_PATH} size="sm" fw={500} data-testid="add-account">
      <Group gap={4} wrap="nowrap" component="span">
        <PlusIcon size={16} />
        {t('account.add')}
      </Group>
    </Anchor>
  );
}

interface AccountSwitcherProps {
  accounts: readonly AccountListItem[];
  account: AccountListItem;
  onSelect: (accountId: string) => void;
}

function OrganizationIcon({ kind }: { kind: AccountListItem['organization']['kind'] }) {
  return (
    <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
      {kind === 'isp' ? <WifiIcon size={18} /> : <HomeIcon size={18} />}
    </ThemeIcon>
  );
}

export function AccountSwitcher({ accounts, account, onSelect }: AccountSwitcherProps) {
  const { t } = useTranslation();
  const byId = new Map(accounts.map((item) => [item.id, item]));
  const address = account.address ?? t('account.noAddress');

  if (accounts.length < 2) {
    return (
      <Stack gap={6}>
        <Paper withBorder p="sm" data-testid="account-summary">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <OrganizationIcon kind={account.organization.kind} />
            <Stack gap={0} miw={0}>
              <Text fw={600} size="sm">
                {account.organization.name} · {t('account.number', { number: account.number })}
              </Text>
              <Text size="sm" c="dimmed">
                {address}
              </Text>
            </Stack>
          </Group>
        </Paper>
        <Group justify="flex-end">
          <AddAccountLink />
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap={4}>
      <Select
        label={t('account.label')}
        data={accounts.map((item) => ({
          value: item.id,
          // The number first: accounts of one organization differ only by it, and a phone truncates the end.
          label: `№ ${item.number} · ${item.organization.name}`,
        }))}
        value={account.id}
        onChange={(value) => value && onSelect(value)}
        allowDeselect={false}
        comboboxProps={{ shadow: 'md' }}
        leftSection={<OrganizationIcon kind={account.organization.kind} />}
        leftSectionWidth={48}
        size="md"
        renderOption={({ option, checked }) => {
          const item = byId.get(option.value);
          return (
            <Group gap="sm" wrap="nowrap" justify="space-between" w="100%">
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={600}>
                  {option.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {item?.address ?? t('account.noAddress')}
                </Text>
              </Stack>
              {checked && <CheckMarkIcon size={16} color="var(--mantine-primary-color-filled)" />}
            </Group>
          );
        }}
      />
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="account-address">
          {address}
        </Text>
        <AddAccountLink />
      </Group>
    </Stack>
  );
}
