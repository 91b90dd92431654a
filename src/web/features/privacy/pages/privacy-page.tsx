// /privacy — the personal data processing policy the registration consent refers to. Public.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PERSONAL_DATA_POLICY_VERSION } from '../../../../shared/api/registration.ts';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import { policyText } from '../policy-text.ts';

export function PrivacyPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t('privacy.title')} — ${t('common.appName')}`);
  const locale = currentLocale();
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${PERSONAL_DATA_POLICY_VERSION}T00:00:00Z`));

  return (
    <PublicLayout width={720}>
      <PublicPageTitle title={t('privacy.title')} subtitle={t('privacy.version', { date })} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="article">
        <Stack gap="lg">
          {policyText[locale].map((section) => (
            <Stack gap="xs" key={section.title} component="section">
              <Title order={2} fz={{ base: 18, sm: 20 }}>
                {section.title}
              </Title>
              {section.paragraphs.map((paragraph) => (
                <Text key={paragraph.slice(0, 40)} lh={1.6}>
                  {paragraph}
                </Text>
              ))}
            </Stack>
          ))}
        </Stack>
      </Paper>
    </PublicLayout>
  );
}
