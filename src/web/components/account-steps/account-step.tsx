// Step 2: the personal account number and the proof that it is yours — the last payment or the
// "итого к оплате" of the last bill, whichever the organization asks for.
import {
  Alert,
  Anchor,
  Button,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicOrganization } from '../../../shared/api/registration.ts';
import type { AccountStepErrors } from '../../lib/account-steps.ts';
import { AlertIcon, InfoIcon } from '../icons.tsx';
import { ReceiptHint } from './receipt-hint.tsx';
import { StepButtons } from './step-buttons.tsx';

interface AccountStepProps {
  organization: PublicOrganization;
  accountNumber: string;
  proof: string;
  onAccountNumberChange: (value: string) => void;
  onProofChange: (value: string) => void;
  errors: AccountStepErrors;
  alert?: string;
  onChangeOrganization: () => void;
  onBack: () => void;
  onNext: () => void;
  /** The main button's text; "Continue" in the registration wizard. */
  submitLabel?: string;
  /** The main button sends the form (adding an account from the profile). */
  submitting?: boolean;
}

export function AccountStep(props: AccountStepProps) {
  const { t } = useTranslation();
  const { organization } = props;
  const [hintOpened, hint] = useDisclosure(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onNext();
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {props.alert && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {props.alert}
          </Alert>
        )}
        <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0} miw={0}>
              <Text size="xs" c="dimmed">
                {t('registration.account.organization')}
              </Text>
              <Text fw={600} truncate>
                {organization.shortName}
              </Text>
            </Stack>
            <Anchor component="button" type="button" size="sm" onClick={props.onChangeOrganization}>
              {t('registration.account.change')}
            </Anchor>
          </Group>
        </Paper>
        <TextInput
          label={t('registration.account.number')}
          description={t('registration.account.numberDescription')}
          name="account-number"
          size="md"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={30}
          value={props.accountNumber}
          onChange={(event) => props.onAccountNumberChange(event.currentTarget.value)}
          error={props.errors.accountNumber}
        />
        <TextInput
          label={t(`registration.account.proof.${organization.proofType}`)}
          description={t(`registration.account.proofDescription.${organization.proofType}`)}
          name="proof"
          size="md"
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder="0,00"
          maxLength={40}
          rightSection={
            <Text span c="dimmed" aria-hidden>
              ₽
            </Text>
          }
          value={props.proof}
          onChange={(event) => props.onProofChange(event.currentTarget.value)}
          error={props.errors.proof}
        />
        <div>
          <UnstyledButton
            onClick={hint.toggle}
            aria-expanded={hintOpened}
            aria-controls="receipt-hint"
            c="var(--mantine-primary-color-filled)"
            fz="sm"
            fw={500}
          >
            <Group gap={6} wrap="nowrap">
              <InfoIcon size={16} />
              {t('registration.account.whereTitle')}
            </Group>
          </UnstyledButton>
          <Collapse expanded={hintOpened} id="receipt-hint">
            <Stack gap="sm" pt="sm">
              <ReceiptHint proofType={organization.proofType} />
              <Text size="sm" c="dimmed">
                {t('registration.account.why')}
              </Text>
            </Stack>
          </Collapse>
        </div>
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
            {props.submitLabel ?? t('registration.next')}
          </Button>
        </StepButtons>
      </Stack>
    </form>
  );
}
