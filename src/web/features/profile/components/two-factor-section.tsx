// The two-factor card of the security tab: status, a way to turn it on (the setup page), and —
// for subscribers, never for staff — turning it off with the password and a code.
import { Alert, Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AlertIcon, CheckIcon, InfoIcon, ShieldIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, retryMinutes } from '../../../lib/error-message.ts';
import { TWO_FACTOR_SETUP_PATH } from '../../../lib/paths.ts';
import { useSession } from '../../../lib/session.ts';
import { useDisableTwoFactor } from '../api/two-factor.ts';

export function TwoFactorSection() {
  const { t } = useTranslation();
  const { twoFactor } = useSession();
  const [justDisabled, setJustDisabled] = useState(false);

  return (
    <SectionCard
      id="two-factor"
      title={t('profile.twoFactor.title')}
      description={t('profile.twoFactor.description')}
      testId="two-factor-section"
      aside={
        <Badge
          color={twoFactor.enabled ? 'green' : 'gray'}
          variant="light"
          size="lg"
          leftSection={twoFactor.enabled ? <CheckIcon size={14} /> : undefined}
          data-testid="two-factor-status"
        >
          {twoFactor.enabled ? t('profile.twoFactor.on') : t('profile.twoFactor.off')}
        </Badge>
      }
    >
      {twoFactor.enabled ? (
        <Stack gap="md">
          <Text size="sm">{t('profile.twoFactor.enabledText')}</Text>
          {twoFactor.required ? (
            <Group gap="xs" wrap="nowrap" align="flex-start" c="dimmed">
              <InfoIcon size={18} style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm" c="dimmed">
                {t('profile.twoFactor.staffCannotDisable')}
              </Text>
            </Group>
          ) : (
            <DisableTwoFactor onDisabled={() => setJustDisabled(true)} />
          )}
        </Stack>
      ) : (
        <Stack gap="md">
          {justDisabled && (
            <Alert color="gray" variant="light" icon={<InfoIcon />} role="status">
              {t('profile.twoFactor.disabledNotice')}
            </Alert>
          )}
          {twoFactor.required && (
            <Alert
              color="yellow"
              variant="light"
              icon={<AlertIcon />}
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
              title={t('profile.twoFactor.requiredTitle')}
            >
              {t('profile.twoFactor.requiredText')}
            </Alert>
          )}
          <Text size="sm">{t('profile.twoFactor.offText')}</Text>
          <Group>
            <Button
              component={Link}
              to={TWO_FACTOR_SETUP_PATH}
              leftSection={<ShieldIcon size={18} />}
              size="md"
            >
              {t('profile.twoFactor.enable')}
            </Button>
          </Group>
        </Stack>
      )}
    </SectionCard>
  );
}

interface FieldErrors {
  password?: string;
  code?: string;
}

function DisableTwoFactor({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation();
  const disable = useDisableTwoFactor();
  const [opened, setOpened] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function close() {
    setOpened(false);
    setPassword('');
    setCode('');
    setErrors({});
    disable.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    const found: FieldErrors = {
      password: password ? undefined : t('auth.passwordRequired'),
      code: trimmed.length >= 6 ? undefined : t('profile.twoFactor.codeOrRecoveryRequired'),
    };
    setErrors(found);
    if (found.password || found.code) return;
    disable.mutate(
      { password, code: trimmed },
      {
        onSuccess: onDisabled,
        onError: (error) => {
          if (!isApiError(error)) return;
          if (error.code === 'CURRENT_PASSWORD_WRONG') setErrors({ password: t('profile.wrongPassword') });
          else if (error.code === 'TOTP_INVALID') setErrors({ code: t('auth.twoFactor.codeInvalid') });
        },
      },
    );
  }

  const errorCode = isApiError(disable.error) ? disable.error.code : null;
  let alertText: string | null = null;
  if (disable.error && errorCode !== 'CURRENT_PASSWORD_WRONG' && errorCode !== 'TOTP_INVALID') {
    const minutes = retryMinutes(disable.error);
    alertText = minutes
      ? t('auth.tooManyAttempts', { count: minutes })
      : describeError(t, disable.error).message;
  }

  if (!opened) {
    return (
      <Group>
        <Button variant="light" color="red" onClick={() => setOpened(true)}>
          {t('profile.twoFactor.disable')}
        </Button>
      </Group>
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="disable-two-factor">
      <Stack
        gap="md"
        maw={480}
        p="md"
        bg="var(--mantine-color-gray-0)"
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      >
        <Stack gap={4}>
          <Text fw={600}>{t('profile.twoFactor.disableTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('profile.twoFactor.disableText')}
          </Text>
        </Stack>
        {alertText && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {alertText}
          </Alert>
        )}
        <PasswordInput
          label={t('profile.currentPassword')}
          name="password"
          autoComplete="current-password"
          size="md"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        />
        <TextInput
          label={t('profile.twoFactor.codeOrRecovery')}
          name="one-time-code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          size="md"
          required
          maxLength={20}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={errors.code}
        />
        <Group gap="sm">
          <Button type="submit" color="red" loading={disable.isPending}>
            {t('profile.twoFactor.disableSubmit')}
          </Button>
          <Button variant="default" onClick={close} disabled={disable.isPending}>
            {t('profile.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
