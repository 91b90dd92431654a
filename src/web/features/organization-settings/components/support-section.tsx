// The support promise subscribers see: an answer within so many working days, and office hours.
import { NumberInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OFFICE_HOURS_MAX_LENGTH,
  type OrganizationSettings,
} from '../../../../shared/api/organization-settings.ts';
import { SettingsForm } from './settings-form.tsx';
import { useSectionSave } from './use-section-save.ts';

export function SupportSection({ settings }: { settings: OrganizationSettings }) {
  const { t } = useTranslation();
  const section = useSectionSave(settings);
  const [days, setDays] = useState<number | string>(settings.supportDeadlineDays);
  const [hours, setHours] = useState(settings.officeHours ?? '');
  const [submitted, setSubmitted] = useState(false);
  const daysValid = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 30;
  return (
    <SettingsForm
      id="support"
      title={t('organizationSettings.support.title')}
      description={t('organizationSettings.support.description')}
      canEdit={settings.canEdit}
      pending={section.pending}
      saved={section.saved}
      error={section.error}
      onSubmit={() => {
        setSubmitted(true);
        if (!daysValid) return;
        section.save({ supportDeadlineDays: days, officeHours: hours.trim() || null });
      }}
    >
      <NumberInput
        label={t('organizationSettings.support.deadline')}
        description={t('organizationSettings.support.deadlineDescription')}
        size="md"
        min={1}
        max={30}
        allowDecimal={false}
        allowNegative={false}
        maw={320}
        value={days}
        onChange={(value) => {
          setDays(value);
          section.edited();
        }}
        error={
          (submitted && !daysValid) || section.refused.has('supportDeadlineDays')
            ? t('organizationSettings.support.deadlineInvalid')
            : undefined
        }
      />
      <Textarea
        label={t('organizationSettings.support.officeHours')}
        description={t('organizationSettings.support.officeHoursDescription')}
        placeholder={t('organizationSettings.support.officeHoursPlaceholder')}
        size="md"
        autosize
        minRows={2}
        maxLength={OFFICE_HOURS_MAX_LENGTH}
        value={hours}
        onChange={(event) => {
          setHours(event.currentTarget.value);
          section.edited();
        }}
        error={section.refused.has('officeHours') ? t('organizationSettings.invalidValue') : undefined}
      />
    </SettingsForm>
  );
}
