// Changing the login e-mail: the new address and the password. Nothing changes until the link
// sent to the new address is followed (/confirm-email).
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emailSchema } from '../../../../shared/api/registration.ts';
import { DemoMailboxHint } from '../../../components/check-email.tsx';
import { AlertIcon, MailIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, retryMinutes } from '../../../lib/error-message.ts';
import { useInstance } from '../../../lib/instance.ts';
import { useSession } from '../../../lib/session.ts';
import { useRequestEmailChange } from '../api/profile.ts';

interface FieldErrors {
  email?: string;
  password?: string;
}

export function EmailSection() {
  const { t } = useTranslation();
  const session = useSession();
  const request = useRequestEmailChange();
  const demo = useInstance().data?.demo ?? false;
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    const parsed = emailSchema.safeParse(newEmail);
    if (!newEmail.trim()) found.email = t('auth.emailRequired');
    else if (!parsed.success) found.email = t('auth.emailInvalid');
    else if (parsed.data.toLowerCase() === session.user.email.toLowerCase())
      found.email = t('profile.email.same');
    if (!password) found.password = t('auth.passwordRequired');
    setErrors(found);
    if (found.email || found.password || !parsed.success) return;
    request.mutate(
      { newEmail: parsed.data, password },
      {
        onSuccess: () => {
          setSentTo(parsed.data);
          setNewEmail('');
          setPassword('');
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          if (error.code === 'CURRENT_PASSWORD_WRONG') setErrors({ password: t('profile.wrongPassword') });
          else if (error.code === 'EMAIL_TAKEN') setErrors({ email: t('errors.EMAIL_TAKEN') });
          else if (error.code === 'VALIDATION_FAILED') setErrors({ email: t('auth.emailInvalid') });
        },
      },
    );
  }

  const code = isApiError(request.error) ? request.error.code : null;
  const fieldCodes = ['CURRENT_PASSWORD_WRONG', 'EMAIL_TAKEN', 'VALIDATION_FAILED'];
  let alertText: string | null = null;
  if (request.error && !(code && fieldCodes.includes(code))) {
    const minutes = retryMinutes(request.error);
    alertText = minutes
      ? t('auth.tooManyAttempts', { count: minutes })
      : describeError(t, request.error).message;
  }

  return (
    <SectionCard
      title={t('profile.email.title')}
      description={t('profile.email.description', { email: session.user.email })}
      testId="email-section"
    >
      {sentTo ? (
        <Stack gap="md">
          <Alert
            color="indigo"
            variant="light"
            icon={<MailIcon />}
            title={t('checkEmail.title')}
            role="status"
            data-testid="email-change-sent"
          >
            <Stack gap="xs">
              <Text size="sm">{t('profile.email.sent', { email: sentTo })}</Text>
              <Text size="sm" c="dimmed">
                {t('checkEmail.notArrived')}
              </Text>
            </Stack>
          </Alert>
          {demo && <DemoMailboxHint />}
          <Group>
            <Button variant="default" onClick={() => setSentTo(null)}>
              {t('profile.email.again')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="md" maw={480}>
            {alertText && (
              <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
                {alertText}
              </Alert>
            )}
            <TextInput
              label={t('profile.email.newEmail')}
              name="new-email"
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              size="md"
              required
              value={newEmail}
              onChange={(event) => setNewEmail(event.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              label={t('profile.currentPassword')}
              description={t('profile.email.passwordDescription')}
              name="password"
              autoComplete="current-password"
              size="md"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
            />
            <Group>
              <Button type="submit" size="md" loading={request.isPending}>
                {t('profile.email.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </SectionCard>
  );
}
