// The headline of a card payment: where it stands in one sentence, the amount, and what to do next.
// The sentence sits in a polite live region, so a screen reader hears "credited" when it happens.
import { Anchor, Box, Button, Card, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CardPayment } from '../../../../shared/api/card-payments.ts';
import { AlertIcon, CheckIcon, CreditCardIcon, InfoIcon, XCircleIcon } from '../../../components/icons.tsx';
import { Money } from '../../../components/money.tsx';
import { ACCOUNT_PARAM } from '../../../lib/current-account.ts';
import { CARD_PAYMENTS_PATH, PAY_PATH } from '../../../lib/paths.ts';
import { outcomeOf, type PaymentOutcome } from '../lib/payment-progress.ts';

const tone: Record<PaymentOutcome, { color: string; icon: ReactNode }> = {
  credited: { color: 'teal', icon: <CheckIcon size={26} /> },
  crediting: { color: 'teal', icon: <Loader size={22} color="teal" type="dots" /> },
  waiting: { color: 'yellow', icon: <Loader size={22} color="yellow.8" type="dots" /> },
  failed: { color: 'red', icon: <XCircleIcon size={26} /> },
  refunded: { color: 'gray', icon: <InfoIcon size={26} /> },
};

interface PaymentOutcomeCardProps {
  payment: CardPayment;
  /** The last refresh failed; the page keeps trying. */
  refreshFailed: boolean;
}

export function PaymentOutcomeCard({ payment, refreshFailed }: PaymentOutcomeCardProps) {
  const { t } = useTranslation();
  const outcome = outcomeOf(payment);
  const accountQuery = `?${ACCOUNT_PARAM}=${encodeURIComponent(payment.accountId)}`;
  const open = outcome === 'waiting';

  return (
    <Card padding="lg" data-testid="payment-outcome" data-outcome={outcome}>
      <Stack gap="md">
        <div role="status" aria-live="polite" aria-atomic="true">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={48} radius="xl" variant="light" color={tone[outcome].color} aria-hidden>
              {tone[outcome].icon}
            </ThemeIcon>
            <Stack gap={4} miw={0}>
              <Title order={2} fz={{ base: 20, sm: 22 }}>
                {t(`cardPayment.outcome.${outcome}.title`)}
              </Title>
              {outcome === 'credited' ? (
                <Money
                  kopecks={payment.amount}
                  component="p"
                  fz={{ base: 28, sm: 32 }}
                  fw={700}
                  lh={1.2}
                  data-testid="payment-amount"
                />
              ) : (
                <Text fw={600}>
                  {t('cardPayment.amount')}: <Money kopecks={payment.amount} data-testid="payment-amount" />
                </Text>
              )}
              <Text size="sm">{t(`cardPayment.outcome.${outcome}.text`)}</Text>
            </Stack>
          </Group>
        </div>

        {refreshFailed && (
          <Group gap={6} wrap="nowrap" c="dimmed">
            <AlertIcon size={16} />
            <Text size="sm">{t('cardPayment.refreshFailed')}</Text>
          </Group>
        )}

        {/* Quiet on purpose: most people here have paid and only wait for the bank. */}
        {open && payment.redirectUrl && (
          <Stack gap={6} align="flex-start">
            <Text size="sm" c="dimmed">
              {t('cardPayment.continueHint')}
            </Text>
            <Button
              component="a"
              href={payment.redirectUrl}
              variant="light"
              leftSection={<CreditCardIcon size={18} />}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('cardPayment.continue')}
            </Button>
          </Stack>
        )}

        <Box>
          <Group gap="sm" wrap="wrap">
            {outcome === 'failed' && (
              <Button
                component={Link}
                to={`${PAY_PATH}${accountQuery}`}
                leftSection={<CreditCardIcon size={18} />}
                w={{ base: '100%', xs: 'auto' }}
              >
                {t('cardPayment.tryAgain')}
              </Button>
            )}
            <Button
              component={Link}
              to={`/${accountQuery}`}
              variant={outcome === 'failed' ? 'default' : 'filled'}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('cardPayment.toDashboard')}
            </Button>
          </Group>
          <Anchor
            component={Link}
            to={`${CARD_PAYMENTS_PATH}${accountQuery}`}
            size="sm"
            mt="sm"
            display="inline-block"
          >
            {t('cardPayment.allPayments')}
          </Anchor>
        </Box>
      </Stack>
    </Card>
  );
}
