// /payments/:paymentId — where the bank sends the person back: the payment's live status (asked
// again twice a second until it is final), its timeline with times, and its refund: the application
// once filed, and under a credited payment a quiet offer to file one.
import { Card, Group, Skeleton, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { isPaymentMissing, useCardPayment } from '../api/get-card-payment.ts';
import { PaymentMissing } from '../components/payment-missing.tsx';
import { PaymentOutcomeCard } from '../components/payment-outcome.tsx';
import { PaymentTimeline } from '../components/payment-timeline.tsx';
import { RefundPanel } from '../components/refund-panel.tsx';
import { RefundRequest } from '../components/refund-request.tsx';
import { stepsOf } from '../lib/payment-progress.ts';

export function CardPaymentPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const payment = useCardPayment(paymentId);
  const timelineHeading = useId();
  const [refundFiled, setRefundFiled] = useState(false);
  useDocumentTitle(`${t('cardPayment.title')} — ${t('common.appName')}`);

  let body: ReactNode;
  if (payment.data) {
    body = (
      <>
        <PaymentOutcomeCard payment={payment.data} refreshFailed={payment.isRefetchError} />
        {payment.data.refund && (
          <RefundPanel refund={payment.data.refund} amount={payment.data.amount} focusOnMount={refundFiled} />
        )}
        <Card padding="lg" component="section" aria-labelledby={timelineHeading}>
          <Title order={2} fz={{ base: 18, sm: 20 }} mb="md" id={timelineHeading}>
            {t('cardPayment.timelineTitle')}
          </Title>
          <PaymentTimeline steps={stepsOf(payment.data)} labelledBy={timelineHeading} />
        </Card>
        <RefundRequest payment={payment.data} onFiled={() => setRefundFiled(true)} />
      </>
    );
  } else if (isPaymentMissing(payment.error)) {
    body = <PaymentMissing />;
  } else if (payment.isError) {
    body = (
      <ErrorState
        error={payment.error}
        onRetry={() => void payment.refetch()}
        retrying={payment.isFetching}
      />
    );
  } else {
    body = <CardPaymentSkeleton />;
  }

  return (
    <Stack gap="lg" maw={640}>
      <Title order={1} fz={{ base: 24, sm: 30 }}>
        {t('cardPayment.title')}
      </Title>
      {body}
    </Stack>
  );
}

function CardPaymentSkeleton() {
  return (
    <Stack gap="lg" aria-hidden>
      <Card padding="lg">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Skeleton h={48} w={48} circle />
          <Stack gap="xs" style={{ flex: 1 }}>
            <Skeleton h={22} w="70%" />
            <Skeleton h={16} w="40%" />
            <Skeleton h={14} w="90%" />
          </Stack>
        </Group>
      </Card>
      <Card padding="lg">
        <Stack gap="md">
          {[0, 1, 2, 3].map((row) => (
            <Group key={row} gap="sm" wrap="nowrap">
              <Skeleton h={28} w={28} circle />
              <Stack gap={4}>
                <Skeleton h={14} w={160} />
                <Skeleton h={12} w={120} />
              </Stack>
            </Group>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
