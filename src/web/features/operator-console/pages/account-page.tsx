// /operator/accounts/:accountId — the account as its subscriber sees it (balance, the latest
// charges, payments of the year, meters) and who is on it; read-only, and each view is audited.
// Staff can invite the holder, cancel an invitation, and send a member a password reset e-mail.
import { Alert, Anchor, Badge, Grid, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { OperatorAccountResponse } from '../../../../shared/api/operator-console.ts';
import { formatDate } from '../../../../shared/period.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { SearchIcon, ShieldIcon, WalletIcon } from '../../../components/icons.tsx';
import { PaymentList } from '../../../components/payment-list.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { OPERATOR_ACCOUNTS_PATH } from '../../../lib/paths.ts';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';
import { useOperatorAccount } from '../api/get-account.ts';
import { AccountBalanceCard } from '../components/account-balance-card.tsx';
import { AccountChargesCard } from '../components/account-charges-card.tsx';
import { AccountInvitationsCard } from '../components/account-invitations-card.tsx';
import { AccountMembersCard } from '../components/account-members-card.tsx';
import { AccountMetersCard } from '../components/account-meters-card.tsx';
import { ConsolePageTitle } from '../components/console-layout.tsx';

export function OperatorAccountPage() {
  const { t } = useTranslation();
  const { accountId = '' } = useParams();
  const location = useLocation();
  const { organization } = useStaffOrganization();
  const organizationId = organization?.organizationId ?? '';
  const account = useOperatorAccount(organizationId, accountId);
  // Back to the same results when the search led here.
  const back = searchFrom(location.state) ?? OPERATOR_ACCOUNTS_PATH;
  const number = account.data?.account.number;
  useDocumentTitle(
    `${number ? t('operatorConsole.account.title', { number }) : t('operatorConsole.search.title')} — ${t('operatorConsole.title')}`,
  );

  return (
    <>
      <Anchor component={Link} to={back} size="sm" w="fit-content">
        ← {t('operatorConsole.account.back')}
      </Anchor>
      {account.isError ? (
        isApiError(account.error) && account.error.status === 404 ? (
          <EmptyState
            title={t('operatorConsole.account.notFoundTitle')}
            description={t('operatorConsole.account.notFoundDescription')}
            icon={<SearchIcon size={28} />}
          />
        ) : (
          <ErrorState
            error={account.error}
            onRetry={() => void account.refetch()}
            retrying={account.isFetching}
          />
        )
      ) : account.data ? (
        <AccountView organizationId={organizationId} view={account.data} />
      ) : (
        <Stack gap="lg" aria-busy="true">
          <Skeleton h={36} w={280} />
          <Skeleton h={20} w={360} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Skeleton h={260} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Skeleton h={260} />
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </>
  );
}

/** The results page the search handed over in router state (a console path only). */
function searchFrom(state: unknown): string | null {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith(`${OPERATOR_ACCOUNTS_PATH}?`) ? from : null;
}

function AccountView({ organizationId, view }: { organizationId: string; view: OperatorAccountResponse }) {
  const { t } = useTranslation();
  const { account } = view;
  const payments = view.payments.payments.slice(0, 10);
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="sm" align="center">
          <ConsolePageTitle>
            {t('operatorConsole.account.title', { number: account.number })}
          </ConsolePageTitle>
          {account.status === 'closed' && (
            <Badge color="orange" variant="light">
              {t('operatorConsole.account.closed')}
            </Badge>
          )}
        </Group>
        <Text data-testid="account-address">{account.address ?? t('operatorConsole.account.noAddress')}</Text>
        <Text c="dimmed" size="sm">
          {[
            account.holderName && `${t('operatorConsole.account.holder')}: ${account.holderName}`,
            account.openedAt && t('operatorConsole.account.openedAt', { date: formatDate(account.openedAt) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
      <Alert color="gray" variant="light" icon={<ShieldIcon />} data-testid="read-only-notice">
        {t('operatorConsole.account.readOnly')}
      </Alert>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <AccountBalanceCard summary={view.summary} />
            <AccountChargesCard charges={view.charges} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <AccountMembersCard
              organizationId={organizationId}
              accountId={account.id}
              members={view.members}
            />
            <AccountInvitationsCard organizationId={organizationId} accountId={account.id} />
            <AccountMetersCard meters={view.meters} />
            <SectionCard title={t('operatorConsole.account.paymentsTitle')} testId="account-payments">
              {payments.length === 0 ? (
                <EmptyState
                  title={t('operatorConsole.account.paymentsEmpty')}
                  icon={<WalletIcon size={26} />}
                />
              ) : (
                <PaymentList payments={payments} />
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
