// The receipt view as static HTML, for the server (its property test checks the totals in this
// markup against the JSON). Synchronous and DOM-free: its own i18next instance per locale,
// initialized synchronously from the bundled translations (src/web/i18n/i18n.ts touches
// localStorage and <html lang>, so it is not imported here).
// Like main.tsx this is an entry point, so it may use the app's theme.
import { MantineProvider } from '@mantine/core';
import i18next, { type i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../../../shared/api/auth.ts';
import type { Receipt } from '../../../shared/api/receipts.ts';
import { cssVariablesResolver, theme } from '../../app/theme.ts';
import { en } from '../../i18n/en.ts';
import { ru } from '../../i18n/ru.ts';
import { ReceiptView } from './components/receipt-view.tsx';

const translations = new Map<Locale, I18n>();

function translationsFor(locale: Locale): I18n {
  let instance = translations.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    // initAsync: false — with the resources given inline, init completes before it returns.
    void instance.init({
      resources: { ru: { translation: ru }, en: { translation: en } },
      lng: locale,
      fallbackLng: 'ru',
      initAsync: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
    translations.set(locale, instance);
  }
  return instance;
}

export function renderReceiptMarkup(receipt: Receipt, locale: Locale = 'ru'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={translationsFor(locale)}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        <ReceiptView receipt={receipt} />
      </MantineProvider>
    </I18nextProvider>,
  );
}
