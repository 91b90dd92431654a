// How subscribers join: by themselves, by invitation, or both; and what proves their account.
import { Radio, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OrganizationSettings,
  proofTypeSchema,
  registrationModeSchema,
} from '../../../../shared/api/organization-settings.ts';
import { SettingsForm } from './settings-form.tsx';
import { useSectionSave } from './use-section-save.ts';

export function RegistrationSection({ settings }: { settings: OrganizationSettings }) {
  const { t } = useTranslation();
  const section = useSectionSave(settings);
  const [mode, setMode] = useState(settings.registrationMode);
  const [proof, setProof] = useState(settings.proofType);
  return (
    <SettingsForm
      id="registration"
      title={t('organizationSettings.registration.title')}
      description={t('organizationSettings.registration.description')}
      canEdit={settings.canEdit}
      pending={section.pending}
      saved={section.saved}
      error={section.error}
      onSubmit={() => section.save({ registrationMode: mode, proofType: proof })}
    >
      <Radio.Group
        size="md"
        label={t('organizationSettings.registration.mode')}
        value={mode}
        onChange={(value) => {
          const next = registrationModeSchema.safeParse(value);
          if (next.success) setMode(next.data);
          section.edited();
        }}
      >
        <Stack gap="sm" mt="xs">
          {registrationModeSchema.options.map((option) => (
            <Radio
              key={option}
              value={option}
              label={t(`organizationSettings.registration.modes.${option}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group
        size="md"
        label={t('organizationSettings.registration.proof')}
        description={t('organizationSettings.registration.proofDescription')}
        value={proof}
        onChange={(value) => {
          const next = proofTypeSchema.safeParse(value);
          if (next.success) setProof(next.data);
          section.edited();
        }}
      >
        <Stack gap="sm" mt="xs">
          {proofTypeSchema.options.map((option) => (
            <Radio
              key={option}
              value={option}
              label={t(`organizationSettings.registration.proofs.${option}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
    </SettingsForm>
  );
}
