// /register — self-registration in four steps: organization → account and proof → e-mail and
// password → "check your e-mail". A server refusal brings the person back to the step it concerns.
import { Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { emailSchema, type PasswordProblem } from '../../../../shared/api/registration.ts';
import { AccountStep } from '../../../components/account-steps/account-step.tsx';
import { OrganizationStep } from '../../../components/account-steps/organization-step.tsx';
import { CheckEmail } from '../../../components/check-email.tsx';
import { serverPasswordError, validateNewPassword } from '../../../components/new-password-fields.tsx';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { StepHeading } from '../../../components/step-heading.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import {
  type AccountStepErrors,
  accountFieldErrors,
  tooManyAttemptsText,
  useAccountFields,
  useOrganizationChoice,
  useStepHeadingFocus,
  validateAccountStep,
} from '../../../lib/account-steps.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, invalidFieldsOf, passwordProblemsOf } from '../../../lib/error-message.ts';
import { organizationsQueryKey } from '../../../lib/organization-search.ts';
import { useRegister } from '../api/register.ts';
import { CredentialsStep, type CredentialsStepErrors } from '../components/credentials-step.tsx';
import { RegistrationSteps, registrationSteps } from '../components/registration-steps.tsx';
import { rememberOrganization } from '../lib/remembered-organization.ts';

const ORGANIZATION = 0;
const ACCOUNT = 1;
const CREDENTIALS = 2;
const DONE = 3;

interface StepErrors {
  organization?: string;
  account: AccountStepErrors;
  credentials: CredentialsStepErrors;
  /** A message for the whole step, shown above its form. */
  alert?: { step: number; text: string };
}

const noErrors: StepErrors = { account: {}, credentials: {} };

export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('registration.title')} — ${t('common.appName')}`);
  const registerMutation = useRegister();
  const queryClient = useQueryClient();

  const [step, setStep] = useState(ORGANIZATION);
  const { query, changeQuery, organization, setOrganization } = useOrganizationChoice();
  const { accountNumber, setAccountNumber, proof, setProof } = useAccountFields();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<StepErrors>(noErrors);
  const [serverProblems, setServerProblems] = useState<PasswordProblem[]>([]);

  // Each step change moves the focus to the step's heading, so a screen reader announces it and
  // the page does not stay scrolled to the button that was pressed.
  const headingRef = useStepHeadingFocus(step, { focus: step !== DONE, scrollToTop: true });

  function goTo(next: number) {
    setErrors(noErrors);
    setStep(next);
  }

  function submitOrganization() {
    if (!organization) {
      setErrors({ ...noErrors, organization: t('registration.search.required') });
      return;
    }
    goTo(ACCOUNT);
  }

  function submitAccount() {
    const account = validateAccountStep(t, accountNumber, proof);
    if (account.accountNumber || account.proof) {
      setErrors({ ...noErrors, account });
      return;
    }
    goTo(CREDENTIALS);
  }

  function submitCredentials() {
    if (!organization) return goTo(ORGANIZATION);
    const credentials: CredentialsStepErrors = validateNewPassword(t, password, repeat, email);
    if (!email.trim()) credentials.email = t('auth.emailRequired');
    else if (!emailSchema.safeParse(email).success) credentials.email = t('auth.emailInvalid');
    if (!consent) credentials.consent = t('registration.credentials.consentRequired');
    if (Object.values(credentials).some(Boolean)) {
      setErrors({ ...noErrors, credentials });
      return;
    }
    setErrors(noErrors);
    rememberOrganization(organization);
    registerMutation.mutate(
      {
        organizationId: organization.id,
        accountNumber: accountNumber.trim(),
        proof,
        email: email.trim(),
        password,
        consent: true,
        locale: currentLocale(),
      },
      { onSuccess: () => setStep(DONE), onError: showServerError },
    );
  }

  /** Sends the person to the step the refusal is about, with the reason next to the field. */
  function showServerError(error: unknown) {
    const code = isApiError(error) ? error.code : null;
    if (code === 'PASSWORD_TOO_WEAK') {
      const problems = passwordProblemsOf(error);
      setServerProblems(problems);
      setErrors({ ...noErrors, credentials: { password: serverPasswordError(t, problems) } });
      setStep(CREDENTIALS);
      return;
    }
    if (code === 'REGISTRATION_CLOSED' && organization) {
      // The list was older than the organization's switch to invitations: step 1 now explains it.
      setOrganization({ ...organization, registrationMode: 'invite' });
      void queryClient.invalidateQueries({ queryKey: organizationsQueryKey });
      setErrors(noErrors);
      setStep(ORGANIZATION);
      return;
    }
    if (code === 'NOT_FOUND') {
      setOrganization(null);
      setErrors({
        ...noErrors,
        alert: { step: ORGANIZATION, text: t('registration.errors.organizationNotFound') },
      });
      setStep(ORGANIZATION);
      return;
    }
    if (code === 'TOO_MANY_ATTEMPTS') {
      setErrors({ ...noErrors, alert: { step: ACCOUNT, text: tooManyAttemptsText(t, error) } });
      setStep(ACCOUNT);
      return;
    }
    if (code === 'VALIDATION_FAILED') {
      const fields = invalidFieldsOf(error);
      if (fields.has('organizationId')) {
        setOrganization(null);
        setErrors({ ...noErrors, organization: t('registration.search.required') });
        setStep(ORGANIZATION);
        return;
      }
      if (fields.has('accountNumber') || fields.has('proof')) {
        setErrors({
          ...noErrors,
          account: accountFieldErrors(t, fields),
        });
        setStep(ACCOUNT);
        return;
      }
      if (fields.has('email') || fields.has('password') || fields.has('consent')) {
        setErrors({
          ...noErrors,
          credentials: {
            email: fields.has('email') ? t('auth.emailInvalid') : undefined,
            password: fields.has('password') ? t('password.errors.required') : undefined,
            consent: fields.has('consent') ? t('registration.credentials.consentRequired') : undefined,
          },
        });
        return;
      }
    }
    // Network, server and anything unforeseen: stay on the last step, everything kept, try again.
    setErrors({ ...noErrors, alert: { step: CREDENTIALS, text: describeError(t, error).message } });
  }

  const alertFor = (forStep: number) => (errors.alert?.step === forStep ? errors.alert.text : undefined);

  let body: ReactNode;
  if (step === ORGANIZATION || !organization) {
    body = (
      <OrganizationStep
        query={query}
        onQueryChange={changeQuery}
        selected={organization}
        onSelect={(value) => {
          setOrganization(value);
          setErrors(noErrors);
        }}
        error={errors.organization}
        alert={alertFor(ORGANIZATION)}
        onNext={submitOrganization}
      />
    );
  } else if (step === ACCOUNT) {
    body = (
      <AccountStep
        organization={organization}
        accountNumber={accountNumber}
        proof={proof}
        onAccountNumberChange={setAccountNumber}
        onProofChange={setProof}
        errors={errors.account}
        alert={alertFor(ACCOUNT)}
        onChangeOrganization={() => goTo(ORGANIZATION)}
        onBack={() => goTo(ORGANIZATION)}
        onNext={submitAccount}
      />
    );
  } else if (step === CREDENTIALS) {
    body = (
      <CredentialsStep
        email={email}
        password={password}
        repeat={repeat}
        consent={consent}
        onEmailChange={setEmail}
        onPasswordChange={(value) => {
          setPassword(value);
          // A server verdict was about the previous text.
          setServerProblems([]);
          setErrors((current) => ({
            ...current,
            credentials: { ...current.credentials, password: undefined },
          }));
        }}
        onRepeatChange={setRepeat}
        onConsentChange={setConsent}
        errors={errors.credentials}
        serverProblems={serverProblems}
        alert={alertFor(CREDENTIALS)}
        submitting={registerMutation.isPending}
        onBack={() => goTo(ACCOUNT)}
        onSubmit={submitCredentials}
      />
    );
  }

  const formStepNames = ['organization', 'account', 'credentials'] as const;
  const stepName = formStepNames[Math.min(step, CREDENTIALS)] ?? 'organization';

  return (
    <PublicLayout width={520}>
      <PublicPageTitle
        title={t('registration.title')}
        subtitle={step === DONE ? undefined : t('registration.subtitle')}
      />
      <RegistrationSteps active={step} />
      {step === DONE ? (
        <CheckEmail
          message={t('checkEmail.registration', { email: email.trim() })}
          actions={
            <Button variant="default" size="md" fullWidth onClick={() => goTo(CREDENTIALS)}>
              {t('registration.changeEmail')}
            </Button>
          }
        />
      ) : (
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="lg">
            <StepHeading
              step={step}
              total={registrationSteps.length}
              title={t(`registration.stepTitles.${stepName}`)}
              headingRef={headingRef}
            />
            {body}
          </Stack>
        </Paper>
      )}
      {step !== DONE && (
        <Text ta="center">
          {t('registration.haveAccount')}{' '}
          <Anchor component={Link} to="/login" fw={600}>
            {t('registration.login')}
          </Anchor>
        </Text>
      )}
    </PublicLayout>
  );
}
