// E-mail + password form. Validates with the shared contract before asking the server.
import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loginRequestSchema } from '../../../../shared/api/auth.ts';
import { AlertIcon } from '../../../components/icons.tsx';
import { describeError, retryMinutes } from '../../../lib/error-message.ts';
import { useLogin } from '../api/login.ts';

interface FieldErrors {
  email?: string;
  password?: string;
}

interface LoginFormProps {
  onSuccess: () => void;
  /** Pre-filled after registration. */
  initialEmail?: string;
}

export function LoginForm({ onSuccess, initialEmail = '' }: LoginFormProps) {
  const { t } = useTranslation();
  const loginMutation = useLogin();
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
    loginMutation.mutate(parsed.data, { onSuccess });
  }

  const error = loginMutation.error;
  let errorText: string | null = null;
  if (error) {
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
