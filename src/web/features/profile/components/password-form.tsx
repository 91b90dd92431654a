// Changing the password: the current one, then the new one twice with the rules ticked off.
// Other sessions end; this one stays.
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordProblem } from '../../../../shared/api/registration.ts';
import { AlertIcon, CheckIcon } from '../../../components/icons.tsx';
import {
  type NewPasswordErrors,
  NewPasswordFields,
  serverPasswordError,
  validateNewPassword,
} from '../../../components/new-password-fields.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, passwordProblemsOf, retryMinutes } from '../../../lib/error-message.ts';
import { useSession } from '../../../lib/session.ts';
import { useChangePassword } from '../api/profile.ts';

export function PasswordSection() {
  const { t } = useTranslation();
  const session = useSession();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [currentError, setCurrentError] = useState<string>();
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [serverProblems, setServerProblems] = useState<PasswordProblem[]>([]);
  const [done, setDone] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateNewPassword(t, password, repeat, session.user.email);
    const missingCurrent = current ? undefined : t('profile.password.currentRequired');
    setErrors(found);
    setCurrentError(missingCurrent);
    if (found.password || found.repeat || missingCurrent) return;
    setDone(false);
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: () => {
          setDone(true);
          setCurrent('');
          setPassword('');
          setRepeat('');
          setServerProblems([]);
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          if (error.code === 'CURRENT_PASSWORD_WRONG') setCurrentError(t('profile.wrongPassword'));
          const problems = passwordProblemsOf(error);
          setServerProblems(problems);
          if (problems.length > 0) setErrors({ password: serverPasswordError(t, problems) });
        },
      },
    );
  }

  const code = isApiError(change.error) ? change.error.code : null;
  let alertText: string | null = null;
  if (change.error && code !== 'CURRENT_PASSWORD_WRONG' && code !== 'PASSWORD_TOO_WEAK') {
    const minutes = retryMinutes(change.error);
    alertText = minutes
      ? t('auth.tooManyAttempts', { count: minutes })
      : describeError(t, change.error).message;
  }

  return (
    <SectionCard
      title={t('profile.password.title')}
      description={t('profile.password.description')}
      testId="password-section"
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md" maw={480}>
          {done && (
            <Alert
              color="green"
              variant="light"
              icon={<CheckIcon />}
              role="status"
              data-testid="password-changed"
            >
              {t('profile.password.changed')}
            </Alert>
          )}
          {alertText && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {alertText}
            </Alert>
          )}
          {/* The login is named for password managers, which then update the right entry. */}
          <input
            type="email"
            name="username"
            autoComplete="username"
            value={session.user.email}
            readOnly
            hidden
          />
          <PasswordInput
            label={t('profile.currentPassword')}
            name="current-password"
            autoComplete="current-password"
            size="md"
            required
            value={current}
            onChange={(event) => {
              setCurrent(event.currentTarget.value);
              setCurrentError(undefined);
            }}
            error={currentError}
            visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          />
          <NewPasswordFields
            label={t('password.newLabel')}
            email={session.user.email}
            password={password}
            repeat={repeat}
            onPasswordChange={(value) => {
              setPassword(value);
              setServerProblems([]);
              setErrors((previous) => ({ ...previous, password: undefined }));
            }}
            onRepeatChange={setRepeat}
            errors={errors}
            serverProblems={serverProblems}
          />
          <Group>
            <Button type="submit" size="md" loading={change.isPending}>
              {t('profile.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
