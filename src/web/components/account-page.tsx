// The frame of every account page: the heading, the account switcher, and the page body for the
// chosen account (or a calm note when the user has no accounts yet).
import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountListItem } from '../../shared/api/accounts.ts';
import { useCurrentAccount } from '../lib/current-account.ts';
import { useSession } from '../lib/session.ts';
import { AccountSwitcher } from './account-switcher.tsx';
import { EmptyState } from './empty-state.tsx';
import { HomeIcon } from './icons.tsx';

interface AccountPageProps {
  title: string;
  children: (account: AccountListItem) => ReactNode;
}

export function AccountPage({ title, children }: AccountPageProps) {
  const { t } = useTranslation();
  const session = useSession();
  const { account, selectAccount } = useCurrentAccount(session.accounts);
  useDocumentTitle(`${title} — ${t('common.appName')}`);

  return (
    <Stack gap="lg">
      <Title order={1} fz={{ base: 24, sm: 30 }}>
        {title}
      </Title>
      {account ? (
        <>
          <Stack maw={560}>
            <AccountSwitcher accounts={session.accounts} account={account} onSelect={selectAccount} />
          </Stack>
          {/* key: a different account is a different page; no stale state carries over. */}
          <Stack gap="lg" key={account.id}>
            {children(account)}
          </Stack>
        </>
      ) : (
        <EmptyState
          title={t('account.noneTitle')}
          description={t('account.noneDescription')}
          icon={<HomeIcon size={28} />}
        />
      )}
    </Stack>
  );
}
