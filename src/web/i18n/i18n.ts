// i18next setup: Russian by default, the choice remembered in localStorage, <html lang> follows.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Locale, localeSchema } from '../../shared/api/auth.ts';
import { readStored, writeStored } from '../lib/storage.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';

const STORAGE_KEY = 'abonent.locale';
export const locales: readonly Locale[] = localeSchema.options;

function storedLocale(): Locale {
  const parsed = localeSchema.safeParse(readStored(STORAGE_KEY));
  return parsed.success ? parsed.data : 'ru';
}

export function currentLocale(): Locale {
  const parsed = localeSchema.safeParse(i18next.resolvedLanguage);
  return parsed.success ? parsed.data : 'ru';
}

export async function changeLocale(locale: Locale): Promise<void> {
  writeStored(STORAGE_KEY, locale);
  await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export const i18nReady = i18next.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'ru',
  supportedLngs: locales,
  interpolation: { escapeValue: false },
});

export { i18next };
