// Step 3: the e-mail to sign in with, a new password, and consent to the personal data policy.
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordProblem } from '../../../../shared/api/registration.ts';
import { StepButtons } from '../../../components/account-steps/step-buttons.tsx';
import { ConsentCheckbox } from '../../../components/consent-checkbox.tsx';
import { AlertIcon } from '../../../components/icons.tsx';
import { NewPasswordFields } from '../../../components/new-password-fields.tsx';

export interface CredentialsStepErrors {
  email?: string;
  password?: string;
  repeat?: string;
  consent?: string;
}

interface CredentialsStepProps {
  email: string;
  password: string;
  repeat: string;
  consent: boolean;
  onEmailChange: (value: string) => void;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  onConsentChange: (value: boolean) => void;
  errors: CredentialsStepErrors;
  serverProblems: readonly PasswordProblem[];
  alert?: string;
  submitting: boolean;
  onBack: () => void;
  onSubmit: () => void;
}

export function CredentialsStep(props: CredentialsStepProps) {
  const { t } = useTranslation();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSubmit();
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {props.alert && (
          <Alert
            color="red"
            variant="light"
            icon={<AlertIcon />}
            role="alert"
            title={t('registration.errors.failedTitle')}
          >
            {props.alert}
          </Alert>
        )}
        <TextInput
          label={t('registration.credentials.email')}
          description={t('registration.credentials.emailDescription')}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          size="md"
          required
          value={props.email}
          onChange={(event) => props.onEmailChange(event.currentTarget.value)}
          error={props.errors.email}
        />
        <NewPasswordFields
          label={t('password.label')}
          email={props.email}
          password={props.password}
          repeat={props.repeat}
          onPasswordChange={props.onPasswordChange}
          onRepeatChange={props.onRepeatChange}
          errors={{ password: props.errors.password, repeat: props.errors.repeat }}
          serverProblems={props.serverProblems}
        />
        <ConsentCheckbox
          checked={props.consent}
          onChange={props.onConsentChange}
          error={props.errors.consent}
        />
        <StepButtons>
          <Button
            type="button"
            variant="default"
            size="md"
            onClick={props.onBack}
            disabled={props.submitting}
          >
            {t('registration.back')}
          </Button>
          <Button type="submit" size="md" loading={props.submitting}>
            {t('registration.submit')}
          </Button>
        </StepButtons>
      </Stack>
    </form>
  );
}
