// One section of the settings page as a form: administrators edit and save it; for operators the
// fields are read-only (a disabled fieldset) and there is no save button.
import { Alert, Button, Fieldset, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, CheckIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import classes from './settings-form.module.css';

interface SettingsFormProps {
  id: string;
  title: string;
  description?: ReactNode;
  canEdit: boolean;
  onSubmit: () => void;
  pending: boolean;
  saved: boolean;
  /** A message for errors no field shows. */
  error: string | null;
  children: ReactNode;
}

export function SettingsForm({
  id,
  title,
  description,
  canEdit,
  onSubmit,
  pending,
  saved,
  error,
  children,
}: SettingsFormProps) {
  const { t } = useTranslation();
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (canEdit) onSubmit();
  }
  return (
    <SectionCard id={id} title={title} description={description} testId={`settings-${id}`}>
      <form onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-title`}>
        <Stack gap="md">
          {error && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {error}
            </Alert>
          )}
          <Fieldset
            variant="unstyled"
            disabled={!canEdit}
            className={canEdit ? undefined : classes.readOnly}
            p={0}
            m={0}
          >
            <Stack gap="md">{children}</Stack>
          </Fieldset>
          {canEdit && (
            <Group gap="md">
              <Button type="submit" size="md" loading={pending}>
                {t('organizationSettings.save')}
              </Button>
              {saved && (
                <Group gap={6} c="green.8" role="status">
                  <CheckIcon size={18} />
                  <span>{t('organizationSettings.saved')}</span>
                </Group>
              )}
            </Group>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
