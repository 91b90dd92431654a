// The last three payments, with a link to all of them.
import { Anchor, Card, Group, Skeleton, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../../shared/api/accounts.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { WalletIcon } from '../../../components/icons.tsx';
import { PaymentList } from '../../../components/payment-list.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';

interface RecentPaymentsProps {
  payments: readonly Payment[] | undefined;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}

export function RecentPayments({ payments, error, onRetry, retrying }: RecentPaymentsProps) {
  const { t } = useTranslation();
  const paymentsHref = useAccountHref('/payments');

  let body: ReactNode;
  if (error) body = <ErrorState error={error} onRetry={onRetry} retrying={retrying} />;
  else if (!payments)
    body = (
      <Stack gap="md" aria-hidden>
        {[0, 1, 2].map((row) => (
          <Group key={row} justify="space-between">
            <Stack gap={6}>
              <Skeleton h={14} w={90} />
              <Skeleton h={12} w={120} />
            </Stack>
            <Stack gap={6} align="flex-end">
              <Skeleton h={14} w={80} />
              <Skeleton h={16} w={70} />
            </Stack>
          </Group>
        ))}
      </Stack>
    );
  else if (payments.length === 0)
    body = <EmptyState title={t('payments.emptyTitle')} icon={<WalletIcon size={26} />} />;
  else body = <PaymentList payments={payments} />;

  return (
    <Card>
      <Group justify="space-between" align="baseline" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t('dashboard.paymentsTitle')}
        </Title>
        <Anchor component={Link} to={paymentsHref} size="sm">
          {t('dashboard.allPayments')}
        </Anchor>
      </Group>
      {body}
    </Card>
  );
}
