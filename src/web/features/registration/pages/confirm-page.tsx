// /confirm?token= — the link from the registration e-mail. Confirms once on arrival, then says
// what happened: registered (→ sign in), the proof did not match, or the link no longer works.
import { Button, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PhoneLine } from '../../../components/account-steps/phone-line.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, LinkOffIcon } from '../../../components/icons.tsx';
import { StatusPanel } from '../../../components/status-panel.tsx';
import { TokenLinkPage, TokenLinkPending, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { retryMinutes } from '../../../lib/error-message.ts';
import type { LoginState } from '../../../lib/login-state.ts';
import { useSendTokenOnce, useUrlToken } from '../../../lib/token-link.ts';
import { useConfirmRegistration } from '../api/confirm-registration.ts';
import { readRememberedOrganization } from '../lib/remembered-organization.ts';

export function ConfirmPage() {
  const { t } = useTranslation();
  const token = useUrlToken();
  const confirm = useConfirmRegistration();
  useSendTokenOnce(token, confirm.mutate);

  let content: ReactNode;
  if (!token) {
    content = <LinkNoLongerWorks />;
  } else if (confirm.isSuccess) {
    const loginState: LoginState = { email: confirm.data.email, notice: 'registered' };
    content = (
      <TokenLinkStatus
        tone="success"
        icon={<CheckIcon size={26} />}
        title={t('confirm.successTitle')}
        testId="confirm-success"
        to="/login"
        linkState={loginState}
        linkLabel={t('confirm.login')}
        text={t('confirm.successText', {
          accountNumber: confirm.data.accountNumber,
          email: confirm.data.email,
        })}
      />
    );
  } else if (confirm.isError) {
    const code = isApiError(confirm.error) ? confirm.error.code : null;
    if (code === 'REGISTRATION_PROOF_MISMATCH') content = <ProofMismatch />;
    else if (code === 'TOKEN_INVALID' || code === 'VALIDATION_FAILED') content = <LinkNoLongerWorks />;
    else if (code === 'TOO_MANY_ATTEMPTS') {
      const minutes = retryMinutes(confirm.error);
      content = (
        <StatusPanel
          tone="error"
          icon={<AlertIcon size={26} />}
          title={t('confirm.tooManyTitle')}
          focusOnMount
        >
          <Text>
            {minutes ? t('confirm.tooManyText', { count: minutes }) : t('confirm.tooManyTextUnknown')}
          </Text>
        </StatusPanel>
      );
    } else {
      // Network or server trouble: the token was not used up, so trying again is safe.
      content = (
        <ErrorState
          title={t('confirm.errorTitle')}
          error={confirm.error}
          onRetry={() => confirm.mutate(token)}
          retrying={confirm.isPending}
        />
      );
    }
  } else {
    content = <TokenLinkPending text={t('confirm.pending')} />;
  }

  return <TokenLinkPage title={t('confirm.title')}>{content}</TokenLinkPage>;
}

function ProofMismatch() {
  const { t } = useTranslation();
  // Known when the registration was started in this browser; the link itself names no organization.
  const organization = readRememberedOrganization();
  return (
    <StatusPanel
      tone="error"
      icon={<AlertIcon size={26} />}
      title={t('confirm.mismatchTitle')}
      focusOnMount
      testId="confirm-mismatch"
      actions={
        <Button component={Link} to="/register" size="md" fullWidth>
          {t('confirm.registerAgain')}
        </Button>
      }
    >
      <Text>{t('confirm.mismatchIntro')}</Text>
      <List spacing="xs" size="sm">
        <List.Item>{t(`confirm.mismatchCheck.${organization?.proofType ?? 'unknown'}`)}</List.Item>
        <List.Item>{t('confirm.mismatchDelay')}</List.Item>
        <List.Item>
          <Stack gap={4}>
            <span>{t('confirm.mismatchNewFlat')}</span>
            {organization?.phone && <PhoneLine phone={organization.phone} name={organization.shortName} />}
          </Stack>
        </List.Item>
      </List>
    </StatusPanel>
  );
}

function LinkNoLongerWorks() {
  const { t } = useTranslation();
  return (
    <StatusPanel
      tone="error"
      icon={<LinkOffIcon size={26} />}
      title={t('confirm.invalidTitle')}
      focusOnMount
      testId="confirm-invalid"
      actions={
        <>
          <Button component={Link} to="/register" size="md" fullWidth>
            {t('confirm.registerAgain')}
          </Button>
          <Button component={Link} to="/login" variant="default" size="md" fullWidth>
            {t('confirm.login')}
          </Button>
        </>
      }
    >
      <Text>{t('confirm.invalidText')}</Text>
    </StatusPanel>
  );
}
