// /payments — every payment in the range with its channel and status, and the total; a card payment
// made here links to its timeline. The pay button starts a new card payment.
import { Box, Button, Card, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import { formatPeriod } from '../../../../shared/period.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { CreditCardIcon, WalletIcon } from '../../../components/icons.tsx';
import { Money } from '../../../components/money.tsx';
import { PaymentList, PaymentListSkeleton } from '../../../components/payment-list.tsx';
import { ACCOUNT_PARAM } from '../../../lib/current-account.ts';
import { cardPaymentPath, PAY_PATH } from '../../../lib/paths.ts';
import { usePayments } from '../api/get-payments.ts';
import { PaymentsTable } from '../components/payments-table.tsx';

export function PaymentsPage() {
  const { t } = useTranslation();
  return (
    <AccountPage title={t('payments.title')}>{(account) => <PaymentHistory account={account} />}</AccountPage>
  );
}

function PaymentHistory({ account }: { account: AccountListItem }) {
  const { t } = useTranslation();
  return (
    <>
      <Button
        component={Link}
        to={`${PAY_PATH}?${ACCOUNT_PARAM}=${encodeURIComponent(account.id)}`}
        size="md"
        leftSection={<CreditCardIcon size={20} />}
        w={{ base: '100%', xs: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
        data-testid="pay-button"
      >
        {t('payments.pay')}
      </Button>
      <PaymentRows account={account} />
    </>
  );
}

function PaymentRows({ account }: { account: AccountListItem }) {
  const { t } = useTranslation();
  const payments = usePayments(account.id);

  if (payments.isError) {
    return (
      <ErrorState
        error={payments.error}
        onRetry={() => void payments.refetch()}
        retrying={payments.isFetching}
      />
    );
  }
  if (!payments.data) return <PaymentsSkeleton />;

  const { from, to, total } = payments.data;
  return (
    <Stack gap="xs" maw={880}>
      <Text size="sm" c="dimmed" className="tabular">
        {formatPeriod(from)} — {formatPeriod(to)}
      </Text>
      <Card padding="md">
        {payments.data.payments.length === 0 ? (
          <EmptyState
            title={t('payments.emptyTitle')}
            description={t('payments.emptyDescription')}
            icon={<WalletIcon size={28} />}
          />
        ) : (
          <>
            <Box visibleFrom="sm">
              <PaymentsTable payments={payments.data.payments} total={total} />
            </Box>
            <Box hiddenFrom="sm">
              <PaymentList
                payments={payments.data.payments}
                timelineHref={(payment) =>
                  payment.cardPaymentId ? cardPaymentPath(payment.cardPaymentId) : null
                }
              />
              <Divider my="xs" />
              <Group justify="space-between">
                <Text fw={700}>{t('payments.total')}</Text>
                <Money kopecks={total} fw={700} size="lg" />
              </Group>
            </Box>
          </>
        )}
      </Card>
    </Stack>
  );
}

function PaymentsSkeleton() {
  return (
    <Card padding="md" maw={880} aria-hidden>
      <PaymentListSkeleton rows={6} gap="lg" />
    </Card>
  );
}
