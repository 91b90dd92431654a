// A new password and its repeat, with the rules ticked off as the person types. The browser checks
// length and the e-mail (quickPasswordProblems); the common-password list is the server's.
import { Box, PasswordInput, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type PasswordProblem, quickPasswordProblems } from '../../shared/api/registration.ts';
import { CheckMarkIcon } from './icons.tsx';

export interface NewPasswordErrors {
  password?: string;
  repeat?: string;
}

interface NewPasswordFieldsProps {
  label: string;
  /** The e-mail the password must not contain; empty when the page does not know it. */
  email: string;
  password: string;
  repeat: string;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  errors: NewPasswordErrors;
  /** Problems the server reported for the password as last submitted. */
  serverProblems: readonly PasswordProblem[];
}

type RuleState = 'met' | 'unmet' | 'pending';

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const { email, password, serverProblems } = props;
  const quick = quickPasswordProblems(password, email);
  const typed = password.length > 0;
  const quickState = (problem: PasswordProblem): RuleState =>
    !typed ? 'pending' : quick.includes(problem) ? 'unmet' : 'met';
  const rules: { problem: PasswordProblem; state: RuleState }[] = [
    { problem: 'too_short', state: quickState('too_short') },
    ...(email.trim() ? [{ problem: 'contains_email' as const, state: quickState('contains_email') }] : []),
    { problem: 'common', state: serverProblems.includes('common') ? 'unmet' : 'pending' },
  ];

  return (
    <Stack gap="md">
      <PasswordInput
        label={props.label}
        name="new-password"
        autoComplete="new-password"
        size="md"
        required
        value={password}
        onChange={(event) => props.onPasswordChange(event.currentTarget.value)}
        error={props.errors.password}
        visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
        description={
          <Box component="span" display="block" mt={4}>
            <VisuallyHidden component="span">{t('password.rulesLabel')}: </VisuallyHidden>
            {rules.map((rule) => (
              <PasswordRule
                key={rule.problem}
                label={t(`password.rules.${rule.problem}`)}
                state={rule.state}
              />
            ))}
          </Box>
        }
        inputWrapperOrder={['label', 'input', 'error', 'description']}
      />
      <PasswordInput
        label={t('password.repeat')}
        name="repeat-password"
        autoComplete="new-password"
        size="md"
        required
        value={props.repeat}
        onChange={(event) => props.onRepeatChange(event.currentTarget.value)}
        error={props.errors.repeat}
        visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
      />
      <Text size="sm" c="dimmed">
        {t('password.tip')}
      </Text>
    </Stack>
  );
}

function PasswordRule({ label, state }: { label: string; state: RuleState }) {
  const { t } = useTranslation();
  const color =
    state === 'met'
      ? 'var(--mantine-color-green-8)'
      : state === 'unmet'
        ? 'var(--mantine-color-red-8)'
        : 'var(--mantine-color-dimmed)';
  const status =
    state === 'met' ? t('password.ruleMet') : state === 'unmet' ? t('password.ruleNotMet') : null;
  return (
    <Box component="span" display="flex" style={{ alignItems: 'center', gap: 6, color }} data-state={state}>
      {state === 'met' ? (
        <CheckMarkIcon size={14} />
      ) : (
        <Box
          component="span"
          aria-hidden
          w={14}
          display="inline-flex"
          style={{ justifyContent: 'center', fontWeight: 700 }}
        >
          {state === 'unmet' ? '×' : '•'}
        </Box>
      )}
      <span>
        {label}
        {status && <VisuallyHidden component="span"> — {status}</VisuallyHidden>}
      </span>
    </Box>
  );
}

/** The errors to show when the form is sent; empty when it may go to the server. */
export function validateNewPassword(
  t: TFunction,
  password: string,
  repeat: string,
  email: string,
): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const problem = quickPasswordProblems(password, email)[0];
  if (!password) errors.password = t('password.errors.required');
  else if (problem) errors.password = t(`password.errors.${problem}`);
  if (!repeat) errors.repeat = t('password.errors.repeatRequired');
  else if (repeat !== password) errors.repeat = t('password.errors.mismatch');
  return errors;
}

/** The field error for a PASSWORD_TOO_WEAK answer. */
export function serverPasswordError(t: TFunction, problems: readonly PasswordProblem[]): string | undefined {
  const first = problems[0];
  return first ? t(`password.errors.${first}`) : undefined;
}
