// /payment-rules — the rules of paying by card (order and terms, fiscal receipt, crediting, refunds,
// confidentiality). Public: a payer may read them before signing in, and the bank expects them open.
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import { rulesText } from '../rules-text.ts';

export function PaymentRulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('paymentRules.title')} — ${t('common.appName')}`);
  const locale = currentLocale();

  return (
    <PublicLayout width={720}>
      <PublicPageTitle title={t('paymentRules.title')} subtitle={t('paymentRules.subtitle')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="article">
        <Stack gap="lg">
          {rulesText[locale].map((section) => (
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
      <Group gap="lg">
        <Anchor component={Link} to="/">
          {t('paymentRules.toPortal')}
        </Anchor>
        <Anchor component={Link} to="/privacy">
          {t('paymentRules.privacy')}
        </Anchor>
      </Group>
    </PublicLayout>
  );
}
