// /confirm-email?token= — the link sent to a new login address. Confirms once on arrival, then
// says what happened: changed (every session has ended: sign in with the new address), taken by
// somebody else, or expired (back to the profile, which asks to sign in when needed).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, LinkOffIcon } from '../../../components/icons.tsx';
import { TokenLinkPage, TokenLinkPending, TokenLinkStatus } from '../../../components/token-link-status.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import type { LoginState } from '../../../lib/login-state.ts';
import { PROFILE_PATH } from '../../../lib/paths.ts';
import { useSendTokenOnce, useUrlToken } from '../../../lib/token-link.ts';
import { useConfirmEmailChange } from '../api/profile.ts';

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const token = useUrlToken();
  const confirm = useConfirmEmailChange();
  useSendTokenOnce(token, confirm.mutate);

  const code = isApiError(confirm.error) ? confirm.error.code : null;
  let content: ReactNode;
  if (!token || code === 'TOKEN_INVALID' || code === 'VALIDATION_FAILED') {
    content = (
      <TokenLinkStatus
        tone="error"
        icon={<LinkOffIcon size={26} />}
        title={t('confirmEmail.invalidTitle')}
        focusOnMount={Boolean(token)}
        testId="confirm-email-invalid"
        to={PROFILE_PATH}
        linkLabel={t('confirmEmail.toProfile')}
        text={t('confirmEmail.invalidText')}
      />
    );
  } else if (code === 'EMAIL_TAKEN') {
    content = (
      <TokenLinkStatus
        tone="error"
        icon={<AlertIcon size={26} />}
        title={t('confirmEmail.takenTitle')}
        testId="confirm-email-taken"
        to={PROFILE_PATH}
        linkLabel={t('confirmEmail.toProfile')}
        text={t('confirmEmail.takenText')}
      />
    );
  } else if (confirm.isError) {
    content = (
      <ErrorState
        title={t('confirmEmail.errorTitle')}
        error={confirm.error}
        onRetry={() => confirm.mutate(token)}
        retrying={confirm.isPending}
      />
    );
  } else if (confirm.isSuccess) {
    const loginState: LoginState = { email: confirm.data.email, notice: 'email_changed' };
    content = (
      <TokenLinkStatus
        tone="success"
        icon={<CheckIcon size={26} />}
        title={t('confirmEmail.successTitle')}
        testId="confirm-email-success"
        to="/login"
        linkState={loginState}
        linkLabel={t('confirm.login')}
        text={t('confirmEmail.successText', { email: confirm.data.email })}
      />
    );
  } else {
    content = <TokenLinkPending text={t('confirmEmail.pending')} />;
  }

  return <TokenLinkPage title={t('confirmEmail.title')}>{content}</TokenLinkPage>;
}
