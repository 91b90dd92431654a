// Signing in: e-mail + password, then — when the account has two-factor authentication on — a
// second step for the authenticator code or a recovery code. Validates with the shared contract
// before asking the server.
import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type LoginResponse, loginRequestSchema } from '../../../../shared/api/auth.ts';
import { AlertIcon, ShieldIcon } from '../../../components/icons.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, retryMinutes } from '../../../lib/error-message.ts';
import { useLogin } from '../api/login.ts';

interface FieldErrors {
  email?: string;
  password?: string;
}

interface LoginFormProps {
  onSuccess: (response: LoginResponse) => void;
  /** Pre-filled after registration or an accepted invitation. */
  initialEmail?: string;
}

type Step = 'password' | 'code';

export function LoginForm({ onSuccess, initialEmail = '' }: LoginFormProps) {
  const { t } = useTranslation();
  const loginMutation = useLogin();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = loginRequestSchema.safeParse({ email, password });
    if (!parsed.success) {
      const failed = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setFieldErrors({
        email: failed.has('email') ? t('auth.emailRequired') : undefined,
        password: failed.has('password') ? t('auth.passwordRequired') : undefined,
      });
      return;
    }
    setFieldErrors({});
    loginMutation.mutate(parsed.data, {
      onSuccess,
      onError: (error) => {
        // The password was right; the account also wants its second factor.
        if (isApiError(error) && error.code === 'TOTP_REQUIRED') {
          loginMutation.reset();
          setStep('code');
        }
      },
    });
  }

  if (step === 'code') {
    return (
      <SecondFactorForm
        email={email.trim()}
        password={password}
        onSuccess={onSuccess}
        onBack={(wrongPassword) => {
          setStep('password');
          setPassword('');
          if (wrongPassword) setFieldErrors({ password: t('errors.INVALID_CREDENTIALS') });
        }}
      />
    );
  }

  const error = loginMutation.error;
  let errorText: string | null = null;
  if (error && !(isApiError(error) && error.code === 'TOTP_REQUIRED')) {
    const minutes = retryMinutes(error);
    errorText = minutes ? t('auth.tooManyAttempts', { count: minutes }) : describeError(t, error).message;
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-describedby={errorText ? 'login-error' : undefined}>
      <Stack gap="md">
        {errorText && (
          <Alert id="login-error" color="red" variant="light" icon={<AlertIcon />} role="alert">
            {errorText}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          size="md"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fieldErrors.email}
        />
        <PasswordInput
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          size="md"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          autoFocus={Boolean(initialEmail)}
        />
        <Group justify="flex-end" mt={-8}>
          {/* The typed address travels along so it need not be typed twice. */}
          <Anchor component={Link} to="/forgot-password" state={{ email }} size="sm">
            {t('auth.forgotPassword')}
          </Anchor>
        </Group>
        <Button type="submit" size="md" fullWidth loading={loginMutation.isPending}>
          {t('auth.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** `abcd efgh`, `ABCDEFGH` → `abcd-efgh`, the form the server expects. */
function normalizeRecoveryCode(text: string): string {
  const compact = text.replace(/[\s-]/g, '').toLowerCase();
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : text.trim();
}

interface SecondFactorFormProps {
  email: string;
  password: string;
  onSuccess: (response: LoginResponse) => void;
  /** Back to the first step; `wrongPassword` when the server no longer accepts the password. */
  onBack: (wrongPassword: boolean) => void;
}

function SecondFactorForm({ email, password, onSuccess, onBack }: SecondFactorFormProps) {
  const { t } = useTranslation();
  const loginMutation = useLogin();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);

  function switchMode() {
    setRecovery((current) => !current);
    setCode('');
    setCodeError(undefined);
    loginMutation.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const totp = recovery ? normalizeRecoveryCode(code) : code.replace(/\s/g, '');
    const valid = recovery ? /^[a-z2-7]{4}-[a-z2-7]{4}$/i.test(totp) : /^\d{6}$/.test(totp);
    if (!valid) {
      setCodeError(
        code.trim()
          ? t(recovery ? 'auth.twoFactor.recoveryFormat' : 'auth.twoFactor.codeFormat')
          : t(recovery ? 'auth.twoFactor.recoveryRequired' : 'auth.twoFactor.codeRequired'),
      );
      inputRef.current?.focus();
      return;
    }
    setCodeError(undefined);
    loginMutation.mutate(
      { email, password, totp },
      {
        onSuccess,
        onError: (error) => {
          if (!isApiError(error)) return;
          if (error.code === 'TOTP_INVALID') {
            setCodeError(t(recovery ? 'auth.twoFactor.recoveryInvalid' : 'auth.twoFactor.codeInvalid'));
            setCode('');
            inputRef.current?.focus();
          } else if (error.code === 'INVALID_CREDENTIALS') {
            onBack(true);
          }
        },
      },
    );
  }

  const error = loginMutation.error;
  let alertText: string | null = null;
  if (error && !(isApiError(error) && error.code === 'TOTP_INVALID')) {
    const minutes = retryMinutes(error);
    alertText = minutes ? t('auth.tooManyAttempts', { count: minutes }) : describeError(t, error).message;
  }

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="second-factor">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ShieldIcon size={24} color="var(--mantine-primary-color-filled)" style={{ flexShrink: 0 }} />
          <Title order={2} fz={20}>
            {t('auth.twoFactor.title')}
          </Title>
        </Group>
        {alertText && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {alertText}
          </Alert>
        )}
        <TextInput
          key={recovery ? 'recovery' : 'code'}
          ref={inputRef}
          label={recovery ? t('auth.twoFactor.recoveryLabel') : t('auth.twoFactor.codeLabel')}
          name={recovery ? 'recovery-code' : 'one-time-code'}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete={recovery ? 'off' : 'one-time-code'}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          pattern={recovery ? undefined : '[0-9]*'}
          maxLength={recovery ? 12 : 7}
          placeholder={recovery ? 'abcd-efgh' : '123456'}
          size="md"
          required
          autoFocus
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            if (codeError) setCodeError(undefined);
          }}
          description={
            <span style={{ overflowWrap: 'anywhere' }}>
              {recovery ? t('auth.twoFactor.recoveryHint') : t('auth.twoFactor.codeHint', { email })}
            </span>
          }
          error={codeError}
          styles={{ input: { fontVariantNumeric: 'tabular-nums', letterSpacing: recovery ? 1 : 4 } }}
        />
        <Button type="submit" size="md" fullWidth loading={loginMutation.isPending}>
          {t('auth.twoFactor.submit')}
        </Button>
        <Stack gap="xs" align="center">
          <Anchor component="button" type="button" size="sm" onClick={switchMode}>
            {recovery ? t('auth.twoFactor.useApp') : t('auth.twoFactor.useRecovery')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => onBack(false)}>
            {t('auth.twoFactor.back')}
          </Anchor>
        </Stack>
      </Stack>
    </form>
  );
}
