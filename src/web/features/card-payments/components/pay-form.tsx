// The pay form: the amount (the amount due proposed), the e-mail for the fiscal receipt, and the
// button that opens the order at the bank and sends the browser to the bank's page.
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { emailSchema } from '../../../../shared/api/registration.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatDate } from '../../../../shared/period.ts';
import { AlertIcon, CreditCardIcon, LockIcon } from '../../../components/icons.tsx';
import { describeError, invalidFieldsOf } from '../../../lib/error-message.ts';
import { newIdempotencyKey } from '../../../lib/idempotency-key.ts';
import { paymentRulesPath } from '../../../lib/paths.ts';
import { isKeyReused, useStartCardPayment } from '../api/start-card-payment.ts';
import { amountInputText, checkAmount } from '../lib/payment-amount.ts';
import { keyAfterFailure } from '../lib/payment-attempt.ts';

interface PayFormProps {
  accountId: string;
  /** Whose payment rules the form links to. */
  organizationId?: string;
  /** What the summary says is due now; null when it did not load (the person types the amount). */
  amountDue: { amountDue: number; dueDate: string | null } | null;
  email: string;
}

export function PayForm({ accountId, organizationId, amountDue, email: userEmail }: PayFormProps) {
  const { t } = useTranslation();
  const [amountText, setAmountText] = useState(() =>
    amountDue && amountDue.amountDue > 0 ? amountInputText(amountDue.amountDue) : '',
  );
  const [email, setEmail] = useState(userEmail);
  const [showProblems, setShowProblems] = useState(false);
  const [redirecting, setRedirecting] = useState(false);
  // One key per attempt at the same values: a retry after a lost answer reuses it; an edit drops it.
  const idempotencyKey = useRef<string | null>(null);
  const start = useStartCardPayment(accountId);

  // Back from the bank's page, the browser may show this page from its cache, still "redirecting".
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setRedirecting(false);
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  const amount = checkAmount(amountText);
  const emailValid = emailSchema.safeParse(email).success;
  const serverInvalid = invalidFieldsOf(start.error);

  function edit(apply: () => void) {
    apply();
    idempotencyKey.current = null;
    start.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending || redirecting) return;
    if (!amount.ok || !emailValid) {
      setShowProblems(true);
      return;
    }
    idempotencyKey.current ??= newIdempotencyKey();
    const key = idempotencyKey.current;
    start.mutate(
      { request: { amount: amount.kopecks, email: email.trim() }, idempotencyKey: key },
      {
        onSuccess: ({ redirectUrl }) => {
          setRedirecting(true);
          window.location.assign(redirectUrl);
        },
        onError: (error) => {
          idempotencyKey.current = keyAfterFailure(key, error);
        },
      },
    );
  }

  let amountError: string | undefined;
  if (showProblems && !amount.ok) amountError = t(`pay.amountProblems.${amount.problem}`);
  else if (serverInvalid.has('amount')) amountError = t('pay.amountRange');
  let emailError: string | undefined;
  if ((showProblems && !emailValid) || serverInvalid.has('email')) emailError = t('pay.emailInvalid');

  let formError: string | null = null;
  if (start.error && serverInvalid.size === 0) {
    formError = isKeyReused(start.error) ? t('pay.keyReused') : describeError(t, start.error).message;
  }

  let dueText: string;
  if (!amountDue) dueText = t('pay.amountDueUnknown');
  else if (amountDue.amountDue === 0) dueText = t('pay.noDebt');
  else
    dueText = amountDue.dueDate
      ? t('pay.amountDueBy', {
          amount: formatMoney(amountDue.amountDue),
          date: formatDate(amountDue.dueDate),
        })
      : t('pay.amountDue', { amount: formatMoney(amountDue.amountDue) });

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('pay.formLabel')}>
      <Stack gap="md">
        <TextInput
          label={t('pay.amountLabel')}
          description={dueText}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          size="md"
          required
          value={amountText}
          onChange={(event) => {
            const value = event.currentTarget.value;
            edit(() => setAmountText(value));
          }}
          rightSection={<Text c="dimmed">₽</Text>}
          error={amountError}
          classNames={{ input: 'tabular' }}
          data-testid="pay-amount"
        />
        <TextInput
          label={t('pay.emailLabel')}
          description={t('pay.emailDescription')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          maxLength={254}
          size="md"
          required
          value={email}
          onChange={(event) => {
            const value = event.currentTarget.value;
            edit(() => setEmail(value));
          }}
          error={emailError}
        />

        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('pay.receiptNote')}
          </Text>
          <Anchor component={Link} to={paymentRulesPath(organizationId)} size="sm" fw={500}>
            {t('pay.rulesLink')}
          </Anchor>
        </Stack>

        {formError && (
          <Alert color="red" variant="light" icon={<AlertIcon />} title={t('pay.errorTitle')} role="alert">
            {formError}
          </Alert>
        )}

        <Button
          type="submit"
          size="md"
          leftSection={<CreditCardIcon size={20} />}
          loading={start.isPending || redirecting}
          w={{ base: '100%', xs: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('pay.submit')}
        </Button>
        <Text size="xs" c="dimmed" display="flex" style={{ gap: 6, alignItems: 'center' }}>
          <LockIcon size={14} />
          {redirecting ? t('pay.redirecting') : t('pay.secureNote')}
        </Text>
      </Stack>
    </form>
  );
}
