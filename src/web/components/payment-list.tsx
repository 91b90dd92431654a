// Payments as a list: date and channel on the left, amount and status on the right.
import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../shared/api/accounts.ts';
import { formatLocalDate } from '../../shared/period.ts';
import { Money } from './money.tsx';

export const paymentStatusColor: Record<Payment['status'], string> = {
  pending: 'yellow',
  credited: 'green',
  failed: 'red',
  refunded: 'gray',
};

interface PaymentListProps<P extends Payment> {
  payments: readonly P[];
  /** Where a payment's timeline is (card payments made here); null for the others. */
  timelineHref?: (payment: P) => string | null;
}

export function PaymentList<P extends Payment>({ payments, timelineHref }: PaymentListProps<P>) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} data-testid="payment-list">
      {payments.map((payment, index) => (
        <Group
          component="li"
          key={payment.id}
          justify="space-between"
          wrap="nowrap"
          gap="sm"
          py="sm"
          style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
        >
          <Stack gap={2} miw={0}>
            <Text fw={600} className="tabular">
              {formatLocalDate(payment.paidAt)}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`payments.source.${payment.source}`)}
            </Text>
            {timelineHref?.(payment) && (
              <Anchor component={Link} to={timelineHref(payment) ?? ''} size="sm">
                {t('payments.timelineLink')}
              </Anchor>
            )}
          </Stack>
          <Stack gap={4} align="flex-end">
            <Money
              kopecks={payment.amount}
              fw={600}
              td={payment.status === 'failed' ? 'line-through' : undefined}
            />
            <Badge variant="dot" color={paymentStatusColor[payment.status]} size="sm" radius="sm" tt="none">
              {t(`payments.status.${payment.status}`)}
            </Badge>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

/** Placeholder rows shaped like PaymentList while payments load. */
export function PaymentListSkeleton({ rows, gap = 'md' }: { rows: number; gap?: 'md' | 'lg' }) {
  return (
    <Stack gap={gap} aria-hidden>
      {Array.from({ length: rows }, (_, row) => `skeleton-${row}`).map((key) => (
        <Group key={key} justify="space-between">
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
}
