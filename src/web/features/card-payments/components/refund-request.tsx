// "Refund the payment": a quiet offer under a credited payment that opens the written application
// (the reason, 10–2000 characters, checked here as the API checks it). Most people on this page have
// just paid and want nothing back, so the offer stays small until asked for.
import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardPayment } from '../../../../shared/api/card-payments.ts';
import { AlertIcon } from '../../../components/icons.tsx';
import { Money } from '../../../components/money.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/error-message.ts';
import { useSession } from '../../../lib/session.ts';
import { useRequestRefund } from '../api/request-refund.ts';
import { canRequestRefund, checkRefundReason, REFUND_REASON_MAX } from '../lib/refund-state.ts';

interface RefundRequestProps {
  payment: CardPayment;
  /** The application went in; the page shows it instead of this. */
  onFiled: () => void;
}

export function RefundRequest({ payment, onFiled }: RefundRequestProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const offerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  // The session knows the person's role on each account; a viewer is not offered what the API refuses.
  const role = session.accounts.find((account) => account.id === payment.accountId)?.role ?? null;

  const allowed = canRequestRefund(payment, role);

  useEffect(() => {
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      offerRef.current?.focus();
    }
  }, [open]);
  // Applied meanwhile (another tab) or refunded: a later offer starts closed and clean.
  useEffect(() => {
    if (!allowed) setOpen(false);
  }, [allowed]);

  if (!allowed) return null;

  if (!open) {
    return (
      // Under the timeline, outside the cards, in grey: there when wanted, not in the way.
      <Group gap="sm" wrap="wrap" data-testid="refund-offer">
        <Text size="sm" c="dimmed">
          {payment.refund ? t('cardPayment.refund.offerAgain') : t('cardPayment.refund.offer')}
        </Text>
        <Button ref={offerRef} variant="default" size="sm" onClick={() => setOpen(true)}>
          {t('cardPayment.refund.action')}
        </Button>
      </Group>
    );
  }

  return (
    <RefundForm
      payment={payment}
      onCancel={() => {
        returnFocus.current = true;
        setOpen(false);
      }}
      onFiled={() => {
        setOpen(false);
        onFiled();
      }}
      // The form closes by itself once the refreshed payment shows the application.
      onFiledBefore={onFiled}
    />
  );
}

interface RefundFormProps {
  payment: CardPayment;
  onCancel: () => void;
  onFiled: () => void;
  /** The API says this payment already has an open application (another tab, a lost answer). */
  onFiledBefore: () => void;
}

function RefundForm({ payment, onCancel, onFiled, onFiledBefore }: RefundFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [text, setText] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const request = useRequestRefund(payment.id);

  // Opened on purpose: the person goes straight to writing.
  useEffect(() => {
    reasonRef.current?.focus();
    reasonRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);

  const check = checkRefundReason(text);
  const length = text.trim().length;
  // Too long is plain to see while typing; too short waits for the first try.
  const problem = !check.ok && (showProblems || check.problem === 'tooLong') ? check.problem : null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    if (!check.ok) {
      setShowProblems(true);
      reasonRef.current?.focus();
      return;
    }
    request.mutate(
      { reason: check.reason },
      {
        onSuccess: onFiled,
        onError: (error) => {
          if (isApiError(error) && error.code === 'REFUND_ALREADY_REQUESTED') onFiledBefore();
        },
      },
    );
  }

  return (
    <Card padding="lg" data-testid="refund-form">
      <form onSubmit={handleSubmit} noValidate aria-labelledby={headingId}>
        <Stack gap="md">
          <Title order={2} fz={{ base: 18, sm: 20 }} id={headingId}>
            {t('cardPayment.refund.formTitle')}
          </Title>
          <Stack gap={6}>
            <Text size="sm">{t('cardPayment.refund.explanation')}</Text>
            <Text size="sm">
              {t('cardPayment.refund.wholeAmount')} <Money kopecks={payment.amount} fw={700} />
            </Text>
          </Stack>

          <div>
            <Textarea
              ref={reasonRef}
              label={t('cardPayment.refund.reasonLabel')}
              description={t('cardPayment.refund.reasonDescription')}
              name="reason"
              required
              autosize
              minRows={4}
              maxRows={12}
              size="md"
              value={text}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setText(value);
                if (request.isError) request.reset();
              }}
              error={problem ? t(`cardPayment.refund.reasonProblems.${problem}`) : undefined}
              data-testid="refund-reason-input"
            />
            <Text
              size="xs"
              c={length > REFUND_REASON_MAX ? 'red.8' : 'dimmed'}
              ta="right"
              mt={4}
              className="tabular"
              data-testid="refund-reason-counter"
            >
              {t('cardPayment.refund.counter', { count: length, max: REFUND_REASON_MAX })}
            </Text>
          </div>

          {request.isError && (
            <Alert
              color="red"
              variant="light"
              icon={<AlertIcon />}
              title={t('cardPayment.refund.errorTitle')}
              role="alert"
            >
              {describeError(t, request.error).message}
            </Alert>
          )}

          <Group gap="sm">
            <Button type="submit" loading={request.isPending} w={{ base: '100%', xs: 'auto' }}>
              {t('cardPayment.refund.submit')}
            </Button>
            <Button variant="default" onClick={onCancel} w={{ base: '100%', xs: 'auto' }}>
              {t('cardPayment.refund.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
