// /accounts/link — adding one more personal account to the signed-in user: find the organization,
// then the account number and the proof (last payment or last receipt total), the same two steps
// as the registration. On success the new account becomes the current one.
import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AccountStep } from '../../../components/account-steps/account-step.tsx';
import { OrganizationStep } from '../../../components/account-steps/organization-step.tsx';
import { StepHeading } from '../../../components/step-heading.tsx';
import { announceAccountChange } from '../../../lib/account-notice.ts';
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
import { ACCOUNT_PARAM } from '../../../lib/current-account.ts';
import { describeError, invalidFieldsOf } from '../../../lib/error-message.ts';
import { useLinkAccount } from '../api/household.ts';

const ORGANIZATION = 0;
const ACCOUNT = 1;

export function LinkAccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('linkAccount.title')} — ${t('common.appName')}`);
  const navigate = useNavigate();
  const link = useLinkAccount();
  const [step, setStep] = useState(ORGANIZATION);
  const { query, changeQuery, organization, setOrganization } = useOrganizationChoice();
  const { accountNumber, setAccountNumber, proof, setProof } = useAccountFields();
  const [organizationError, setOrganizationError] = useState<string>();
  const [accountErrors, setAccountErrors] = useState<AccountStepErrors>({});
  const [alert, setAlert] = useState<string>();
  const [mismatch, setMismatch] = useState(false);

  // A step change moves the focus to its heading, as in the registration wizard.
  const headingRef = useStepHeadingFocus(step);

  function goTo(next: number) {
    setOrganizationError(undefined);
    setAccountErrors({});
    setAlert(undefined);
    setMismatch(false);
    setStep(next);
  }

  function submitAccount() {
    if (!organization) return goTo(ORGANIZATION);
    const errors = validateAccountStep(t, accountNumber, proof);
    setAccountErrors(errors);
    setAlert(undefined);
    setMismatch(false);
    if (errors.accountNumber || errors.proof) return;
    link.mutate(
      { organizationId: organization.id, accountNumber: accountNumber.trim(), proof },
      {
        onSuccess: (linked) => {
          announceAccountChange({ kind: 'linked', number: linked.accountNumber });
          void navigate(`/?${ACCOUNT_PARAM}=${encodeURIComponent(linked.accountId)}`);
        },
        onError: (error) => {
          const code = isApiError(error) ? error.code : null;
          if (code === 'REGISTRATION_PROOF_MISMATCH') {
            setMismatch(true);
            return;
          }
          if (code === 'TOO_MANY_ATTEMPTS') {
            setAlert(tooManyAttemptsText(t, error));
            return;
          }
          if (code === 'NOT_FOUND' || code === 'REGISTRATION_CLOSED') {
            setOrganization(null);
            setStep(ORGANIZATION);
            setAlert(
              code === 'NOT_FOUND'
                ? t('registration.errors.organizationNotFound')
                : t('errors.REGISTRATION_CLOSED'),
            );
            return;
          }
          const fields = invalidFieldsOf(error);
          if (fields.has('accountNumber') || fields.has('proof')) {
            setAccountErrors(accountFieldErrors(t, fields));
            return;
          }
          setAlert(describeError(t, error).message);
        },
      },
    );
  }

  const proofType = organization?.proofType ?? 'last_payment';

  return (
    <Stack gap="lg" maw={560}>
      <Stack gap={2}>
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('linkAccount.title')}
        </Title>
        <Text c="dimmed">{t('linkAccount.subtitle')}</Text>
      </Stack>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="lg">
          <StepHeading
            step={step}
            total={2}
            title={
              step === ORGANIZATION
                ? t('registration.stepTitles.organization')
                : t('registration.stepTitles.account')
            }
            headingRef={headingRef}
          />
          {step === ORGANIZATION || !organization ? (
            <OrganizationStep
              query={query}
              onQueryChange={changeQuery}
              selected={organization}
              onSelect={(value) => {
                setOrganization(value);
                setOrganizationError(undefined);
              }}
              error={organizationError}
              alert={step === ORGANIZATION ? alert : undefined}
              onNext={() => {
                if (!organization) setOrganizationError(t('registration.search.required'));
                else goTo(ACCOUNT);
              }}
            />
          ) : (
            <Stack gap="md">
              {mismatch && (
                <div role="alert" data-testid="link-mismatch">
                  <Paper
                    withBorder
                    p="md"
                    radius="md"
                    bg="var(--mantine-color-red-0)"
                    style={{ borderColor: 'var(--mantine-color-red-3)' }}
                  >
                    <Stack gap="xs">
                      <Text fw={600}>{t('confirm.mismatchTitle')}</Text>
                      <List size="sm" spacing={4}>
                        <List.Item>{t(`confirm.mismatchCheck.${proofType}`)}</List.Item>
                        <List.Item>{t('confirm.mismatchDelay')}</List.Item>
                      </List>
                    </Stack>
                  </Paper>
                </div>
              )}
              <AccountStep
                organization={organization}
                accountNumber={accountNumber}
                proof={proof}
                onAccountNumberChange={setAccountNumber}
                onProofChange={setProof}
                errors={accountErrors}
                alert={alert}
                onChangeOrganization={() => goTo(ORGANIZATION)}
                onBack={() => goTo(ORGANIZATION)}
                onNext={submitAccount}
                submitLabel={t('linkAccount.submit')}
                submitting={link.isPending}
              />
            </Stack>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
