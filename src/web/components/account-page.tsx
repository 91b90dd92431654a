// The frame of every account page: the heading, the account switcher, and the page body for the
// chosen account (or a calm note when the user has no accounts yet).
import { Alert, Button, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountListItem } from '../../shared/api/accounts.ts';
import { useAccountNotice } from '../lib/account-notice.ts';
import { useCurrentAccount } from '../lib/current-account.ts';
import { useSession } from '../lib/session.ts';
import { AccountSwitcher, LINK_ACCOUNT_PATH } from './account-switcher.tsx';
import { EmptyState } from './empty-state.tsx';
import { CheckIcon, HomeIcon, InfoIcon, PlusIcon } from './icons.tsx';

interface AccountPageProps {
  title: string;
  children: (account: AccountListItem) => ReactNode;
}

export function AccountPage({ title, children }: AccountPageProps) {
  const { t } = useTranslation();
  const session = useSession();
  const { account, selectAccount } = useCurrentAccount(session.accounts);
  const [notice, dismissNotice] = useAccountNotice();
  useDocumentTitle(`${title} — ${t('common.appName')}`);

  return (
    <Stack gap="lg">
      <Title order={1} fz={{ base: 24, sm: 30 }}>
        {title}
      </Title>
      {notice && (
        <Alert
          color={notice.kind === 'linked' ? 'green' : 'gray'}
          variant="light"
          icon={notice.kind === 'linked' ? <CheckIcon /> : <InfoIcon />}
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={dismissNotice}
          maw={560}
          data-testid="account-notice"
        >
          {t(`account.notices.${notice.kind}`, { number: notice.number })}
        </Alert>
      )}
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
        <Stack align="center" gap={0}>
          <EmptyState
            title={t('account.noneTitle')}
            description={t('account.noneDescription')}
            icon={<HomeIcon size={28} />}
          />
          <Button component={Link} to={LINK_ACCOUNT_PATH} leftSection={<PlusIcon size={18} />}>
            {t('account.add')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
