// The last three payments, with a link to all of them.
import { Anchor, Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../../shared/api/accounts.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { WalletIcon } from '../../../components/icons.tsx';
import { PaymentList, PaymentListSkeleton } from '../../../components/payment-list.tsx';
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
  else if (!payments) body = <PaymentListSkeleton rows={3} />;
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
