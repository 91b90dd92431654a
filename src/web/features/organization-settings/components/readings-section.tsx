// The reading window and how submitted readings are checked (the readings module's own settings).
import { NumberInput, Radio, SimpleGrid, Skeleton, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingSettingsBody } from '../../../../shared/api/readings.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { describeError } from '../../../lib/error-message.ts';
import { useReadingSettings, useUpdateReadingSettings } from '../api/reading-settings.ts';
import { refusedFieldsOf } from '../lib/settings-form.ts';
import { SettingsForm } from './settings-form.tsx';

export function ReadingsSection({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useReadingSettings(organizationId);
  if (settings.data)
    return <ReadingsForm organizationId={organizationId} canEdit={canEdit} settings={settings.data} />;
  return (
    <SectionCard id="readings" title={t('organizationSettings.readings.title')}>
      {settings.isError ? (
        <ErrorState
          error={settings.error}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <Skeleton h={160} aria-label={t('common.loading')} />
      )}
    </SectionCard>
  );
}

function ReadingsForm({
  organizationId,
  canEdit,
  settings,
}: {
  organizationId: string;
  canEdit: boolean;
  settings: ReadingSettingsBody;
}) {
  const { t } = useTranslation();
  const update = useUpdateReadingSettings(organizationId);
  const [values, setValues] = useState(settings);
  const [saved, setSaved] = useState(false);
  const refused = refusedFieldsOf(update.error);
  const windowInvalid = values.windowStartDay > values.windowEndDay;

  function change<K extends keyof ReadingSettingsBody>(field: K, value: ReadingSettingsBody[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setSaved(false);
  }
  const dayInput = (field: 'windowStartDay' | 'windowEndDay') => (
    <NumberInput
      label={t(`organizationSettings.readings.${field}`)}
      size="md"
      min={1}
      max={31}
      allowDecimal={false}
      allowNegative={false}
      value={values[field]}
      onChange={(value) => change(field, typeof value === 'number' ? value : 0)}
      error={
        windowInvalid || refused.has(field) ? t('organizationSettings.readings.windowInvalid') : undefined
      }
    />
  );

  return (
    <SettingsForm
      id="readings"
      title={t('organizationSettings.readings.title')}
      description={t('organizationSettings.readings.description')}
      canEdit={canEdit}
      pending={update.isPending}
      saved={saved}
      error={update.error && refused.size === 0 ? describeError(t, update.error).message : null}
      onSubmit={() => {
        if (windowInvalid || values.windowStartDay < 1 || values.windowEndDay > 31) return;
        update.mutate(values, { onSuccess: () => setSaved(true) });
      }}
    >
      <SimpleGrid cols={2} spacing="md" maw={420}>
        {dayInput('windowStartDay')}
        {dayInput('windowEndDay')}
      </SimpleGrid>
      <Radio.Group
        size="md"
        label={t('organizationSettings.readings.outsideWindow')}
        value={values.outsideWindow}
        onChange={(value) => change('outsideWindow', value === 'refuse' ? 'refuse' : 'next_period')}
      >
        <Stack gap="sm" mt="xs">
          <Radio value="next_period" label={t('organizationSettings.readings.outside.next_period')} />
          <Radio value="refuse" label={t('organizationSettings.readings.outside.refuse')} />
        </Stack>
      </Radio.Group>
      <NumberInput
        label={t('organizationSettings.readings.anomalyFactor')}
        description={t('organizationSettings.readings.anomalyFactorDescription')}
        size="md"
        min={1.5}
        max={100}
        step={0.1}
        decimalScale={1}
        maw={320}
        value={values.anomalyFactor}
        onChange={(value) => change('anomalyFactor', typeof value === 'number' ? value : 0)}
        error={refused.has('anomalyFactor') ? t('organizationSettings.invalidValue') : undefined}
      />
      <Switch
        size="md"
        label={t('organizationSettings.readings.refuseBelowPrevious')}
        description={t('organizationSettings.readings.refuseBelowPreviousDescription')}
        checked={values.refuseBelowPrevious}
        onChange={(event) => change('refuseBelowPrevious', event.currentTarget.checked)}
      />
      <TextInput
        label={t('organizationSettings.readings.timezone')}
        description={t('organizationSettings.readings.timezoneDescription')}
        size="md"
        maw={320}
        value={values.timezone}
        onChange={(event) => change('timezone', event.currentTarget.value.trim())}
        error={refused.has('timezone') ? t('organizationSettings.readings.timezoneInvalid') : undefined}
      />
    </SettingsForm>
  );
}
