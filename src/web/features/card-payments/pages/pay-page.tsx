// /pay?account=<id> — paying by card: the amount due proposed, the e-mail for the fiscal receipt,
// then the bank's page. Members of every role may pay, as the API allows.
import { Card, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { useSession } from '../../../lib/session.ts';
import { useAmountDue } from '../api/get-amount-due.ts';
import { PayForm } from '../components/pay-form.tsx';

export function PayPage() {
  const { t } = useTranslation();
  return <AccountPage title={t('pay.title')}>{(account) => <Pay account={account} />}</AccountPage>;
}

function Pay({ account }: { account: AccountListItem }) {
  const session = useSession();
  const amountDue = useAmountDue(account.id);

  return (
    <Card padding="lg" maw={560} w="100%">
      {amountDue.isPending ? (
        <PayFormSkeleton />
      ) : (
        // Without the summary the person still can pay: the amount is then typed, not proposed.
        <PayForm
          accountId={account.id}
          organizationId={account.organization.id}
          amountDue={amountDue.data ?? null}
          email={session.user.email}
        />
      )}
    </Card>
  );
}

function PayFormSkeleton() {
  return (
    <Stack gap="md" aria-hidden>
      <Skeleton h={14} w={80} />
      <Skeleton h={42} />
      <Skeleton h={14} w={140} />
      <Skeleton h={42} />
      <Skeleton h={42} w={200} />
    </Stack>
  );
}
