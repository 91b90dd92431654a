// RU / EN switch; the choice is remembered (see i18n/i18n.ts).
import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeSchema } from '../../shared/api/auth.ts';
import { changeLocale, locales } from '../i18n/i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = localeSchema.safeParse(i18n.resolvedLanguage).data ?? 'ru';
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      size="xs"
      radius="xl"
      value={value}
      onChange={(next) => {
        const parsed = localeSchema.safeParse(next);
        if (parsed.success) void changeLocale(parsed.data);
      }}
      data={locales.map((locale) => ({
        value: locale,
        label: (
          <>
            <span aria-hidden="true">{locale.toUpperCase()}</span>
            <VisuallyHidden>{t(`nav.languages.${locale}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
