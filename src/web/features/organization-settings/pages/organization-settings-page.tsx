// /operator/settings — the organization's settings for its staff: requisites with their control
// checks, readings, registration, receipts, branding, support, the payment gateway and a link to
// the payment rules. Administrators edit each section and save it on its own; operators read.
import { Alert, Anchor, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { InfoIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { paymentRulesPath } from '../../../lib/paths.ts';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';
import { useOrganizationSettings } from '../api/organization-settings.ts';
import { BrandingSection } from '../components/branding-section.tsx';
import { GatewaySection } from '../components/gateway-section.tsx';
import { ReadingsSection } from '../components/readings-section.tsx';
import { ReceiptsSection } from '../components/receipts-section.tsx';
import { RegistrationSection } from '../components/registration-section.tsx';
import { RequisitesSection } from '../components/requisites-section.tsx';
import { SupportSection } from '../components/support-section.tsx';

export function OrganizationSettingsPage() {
  const { t } = useTranslation();
  // The console's frame (operator-console's layout) lets staff of several organizations choose one.
  const { organization } = useStaffOrganization();
  const organizationId = organization?.organizationId ?? null;
  useDocumentTitle(`${t('organizationSettings.title')} — ${t('common.appName')}`);

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('organizationSettings.title')}
        </Title>
        <Text c="dimmed">{t('organizationSettings.subtitle')}</Text>
      </Stack>
      {organizationId ? (
        <OrganizationSettings organizationId={organizationId} key={organizationId} />
      ) : (
        <Alert color="gray" variant="light" icon={<InfoIcon />}>
          {t('organizationSettings.staffOnly')}
        </Alert>
      )}
    </Stack>
  );
}

function OrganizationSettings({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const settings = useOrganizationSettings(organizationId);
  if (settings.isError)
    return (
      <ErrorState
        error={settings.error}
        onRetry={() => void settings.refetch()}
        retrying={settings.isFetching}
      />
    );
  if (!settings.data)
    return (
      <Stack gap="lg" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton h={320} />
        <Skeleton h={200} />
      </Stack>
    );
  // Each section keeps its own edits and saves them over the latest stored settings, so saving one
  // section neither loses nor sends another section's unsaved edits.
  const data = settings.data;
  return (
    <Stack gap="lg">
      {!data.canEdit && (
        <Alert color="blue" variant="light" icon={<InfoIcon />} role="note">
          {t('organizationSettings.readOnly')}
        </Alert>
      )}
      <RequisitesSection settings={data} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <ReadingsSection organizationId={organizationId} canEdit={data.canEdit} />
        <RegistrationSection settings={data} />
        <ReceiptsSection settings={data} />
        <BrandingSection settings={data} />
        <SupportSection settings={data} />
        <GatewaySection organizationId={organizationId} canEdit={data.canEdit} />
      </SimpleGrid>
      <SectionCard id="payment-rules" title={t('organizationSettings.paymentRules.title')}>
        <Text size="sm">
          {t('organizationSettings.paymentRules.description')}{' '}
          <Anchor component={Link} to={paymentRulesPath(organizationId)}>
            {t('organizationSettings.paymentRules.link')}
          </Anchor>
        </Text>
      </SectionCard>
    </Stack>
  );
}
