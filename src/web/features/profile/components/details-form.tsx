// Name, phone and language (of the interface and of our e-mails).
import { Alert, Button, Group, Radio, Skeleton, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../shared/api/auth.ts';
import { type Profile, profileUpdateSchema } from '../../../../shared/api/profile.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { changeLocale, locales } from '../../../i18n/i18n.ts';
import { describeError, invalidFieldsOf } from '../../../lib/error-message.ts';
import { useProfile, useUpdateProfile } from '../api/profile.ts';

export function DetailsSection() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <SectionCard title={t('profile.details.title')} description={t('profile.details.description')}>
      {profile.data ? (
        <DetailsForm profile={profile.data} key={profile.data.id} />
      ) : profile.isError ? (
        <ErrorState
          error={profile.error}
          onRetry={() => void profile.refetch()}
          retrying={profile.isFetching}
        />
      ) : (
        <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton h={62} />
          <Skeleton h={62} />
          <Skeleton h={48} w={220} />
        </Stack>
      )}
    </SectionCard>
  );
}

interface FieldErrors {
  name?: string;
  phone?: string;
}

function DetailsForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [name, setName] = useState(profile.name ?? '');
  const [phone, setPhone] = useState(profile.phone ? formatPhone(profile.phone) : '');
  const [locale, setLocale] = useState<Locale>(profile.locale);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  function edited() {
    setSaved(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { name: name.trim() || null, phone: phone.trim() || null, locale };
    const parsed = profileUpdateSchema.safeParse(body);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setErrors({
        name: fields.has('name') ? t('profile.details.nameTooLong') : undefined,
        phone: fields.has('phone') ? t('profile.details.phoneInvalid') : undefined,
      });
      return;
    }
    setErrors({});
    update.mutate(body, {
      onSuccess: (next) => {
        setSaved(true);
        setPhone(next.phone ? formatPhone(next.phone) : '');
        if (next.locale !== profile.locale) void changeLocale(next.locale);
      },
      onError: (error) => {
        const fields = invalidFieldsOf(error);
        if (fields.size > 0)
          setErrors({
            name: fields.has('name') ? t('profile.details.nameTooLong') : undefined,
            phone: fields.has('phone') ? t('profile.details.phoneInvalid') : undefined,
          });
      },
    });
  }

  const generalError =
    update.error && invalidFieldsOf(update.error).size === 0 ? describeError(t, update.error).message : null;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={480}>
        {generalError && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {generalError}
          </Alert>
        )}
        <TextInput
          label={t('profile.details.name')}
          description={t('profile.details.nameDescription')}
          name="name"
          autoComplete="name"
          size="md"
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            edited();
          }}
          error={errors.name}
        />
        <TextInput
          label={t('profile.details.phone')}
          description={t('profile.details.phoneDescription')}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="+7 900 123-45-67"
          size="md"
          maxLength={30}
          value={phone}
          onChange={(event) => {
            setPhone(event.currentTarget.value);
            edited();
          }}
          error={errors.phone}
        />
        <Radio.Group
          size="md"
          label={t('profile.details.language')}
          description={t('profile.details.languageDescription')}
          value={locale}
          onChange={(value) => {
            const next = locales.find((item) => item === value);
            if (next) setLocale(next);
            edited();
          }}
        >
          <Group gap="lg" mt="xs">
            {locales.map((item) => (
              <Radio key={item} value={item} label={t(`nav.languages.${item}`)} size="md" />
            ))}
          </Group>
        </Radio.Group>
        <Group gap="md">
          <Button type="submit" size="md" loading={update.isPending}>
            {t('profile.save')}
          </Button>
          {saved && (
            <Group gap={6} c="green.8" role="status" data-testid="details-saved">
              <CheckIcon size={18} />
              <span>{t('profile.saved')}</span>
            </Group>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** `+79001234567` → `+7 900 123-45-67`; anything else as it is. */
export function formatPhone(phone: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : phone;
}
