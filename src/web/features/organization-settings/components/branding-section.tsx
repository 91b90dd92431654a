// How subscribers see the organization: its short name, accent colour and logo.
import { Alert, Button, ColorInput, FileButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationSettings } from '../../../../shared/api/organization-settings.ts';
import { AlertIcon } from '../../../components/icons.tsx';
import { describeError } from '../../../lib/error-message.ts';
import { useRemoveLogo, useUploadLogo } from '../api/organization-settings.ts';
import { type LogoProblem, logoProblemOf } from '../lib/settings-form.ts';
import { SettingsForm } from './settings-form.tsx';
import { useSectionSave } from './use-section-save.ts';

const SWATCHES = ['#1c7ed6', '#0b7285', '#2b8a3e', '#e67700', '#c92a2a', '#862e9c', '#495057'];
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

export function BrandingSection({ settings }: { settings: OrganizationSettings }) {
  const { t } = useTranslation();
  const section = useSectionSave(settings);
  const [shortName, setShortName] = useState(settings.shortName);
  const [color, setColor] = useState(settings.accentColor ?? '');
  const [submitted, setSubmitted] = useState(false);
  const colorValid = color === '' || HEX_COLOUR.test(color);
  const nameValid = shortName.trim() !== '';

  return (
    <SettingsForm
      id="branding"
      title={t('organizationSettings.branding.title')}
      description={t('organizationSettings.branding.description')}
      canEdit={settings.canEdit}
      pending={section.pending}
      saved={section.saved}
      error={section.error}
      onSubmit={() => {
        setSubmitted(true);
        if (!colorValid || !nameValid) return;
        section.save({ shortName: shortName.trim(), accentColor: color === '' ? null : color.toLowerCase() });
      }}
    >
      <TextInput
        label={t('organizationSettings.branding.shortName')}
        description={t('organizationSettings.branding.shortNameDescription')}
        size="md"
        maxLength={160}
        required
        value={shortName}
        onChange={(event) => {
          setShortName(event.currentTarget.value);
          section.edited();
        }}
        error={
          (submitted && !nameValid) || section.refused.has('shortName')
            ? t('organizationSettings.branding.shortNameRequired')
            : undefined
        }
      />
      <ColorInput
        label={t('organizationSettings.branding.accentColor')}
        description={t('organizationSettings.branding.accentColorDescription')}
        placeholder="#1c7ed6"
        size="md"
        maw={280}
        format="hex"
        swatches={SWATCHES}
        value={color}
        onChange={(value) => {
          setColor(value);
          section.edited();
        }}
        error={
          (submitted && !colorValid) || section.refused.has('accentColor')
            ? t('organizationSettings.branding.accentColorInvalid')
            : undefined
        }
      />
      <LogoField settings={settings} />
    </SettingsForm>
  );
}

/** The current logo, and for administrators a new one chosen, previewed, then uploaded. */
function LogoField({ settings }: { settings: OrganizationSettings }) {
  const { t } = useTranslation();
  const upload = useUploadLogo(settings.organizationId);
  const remove = useRemoveLogo(settings.organizationId);
  const [chosen, setChosen] = useState<{ file: File; preview: string } | null>(null);
  const [problem, setProblem] = useState<LogoProblem | null>(null);

  function choose(file: File | null) {
    setChosen(null);
    upload.reset();
    if (!file) return;
    const found = logoProblemOf(file);
    setProblem(found);
    if (found) return;
    // A data: URL, because the page's content security policy allows images from data: but not blob:.
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') setChosen({ file, preview: reader.result });
    };
    reader.readAsDataURL(file);
  }

  const failure = upload.error ?? remove.error;
  const shown = chosen?.preview ?? settings.logoUrl;
  return (
    <Stack gap="xs" role="group" aria-labelledby="logo-label">
      <Text size="md" fw={500} id="logo-label">
        {t('organizationSettings.branding.logo')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('organizationSettings.branding.logoDescription')}
      </Text>
      {shown ? (
        <Image
          src={shown}
          alt={
            chosen
              ? t('organizationSettings.branding.logoPreview')
              : t('organizationSettings.branding.logoCurrent')
          }
          maw={240}
          mah={120}
          fit="contain"
          radius="sm"
          style={{ alignSelf: 'flex-start' }}
          data-testid="logo-image"
        />
      ) : (
        <Text size="sm">{t('organizationSettings.branding.noLogo')}</Text>
      )}
      {problem && (
        <Text size="sm" c="red.8" role="alert">
          {t(`organizationSettings.branding.logoProblems.${problem}`)}
        </Text>
      )}
      {failure && (
        <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
          {describeError(t, failure).message}
        </Alert>
      )}
      {settings.canEdit && (
        <Group gap="sm">
          <FileButton onChange={choose} accept="image/png,image/jpeg">
            {(props) => (
              <Button {...props} variant="default" size="md">
                {t('organizationSettings.branding.chooseLogo')}
              </Button>
            )}
          </FileButton>
          {chosen && (
            <Button
              size="md"
              loading={upload.isPending}
              onClick={() => upload.mutate(chosen.file, { onSuccess: () => setChosen(null) })}
            >
              {t('organizationSettings.branding.uploadLogo')}
            </Button>
          )}
          {!chosen && settings.logoUrl && (
            <Button
              size="md"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t('organizationSettings.branding.removeLogo')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
