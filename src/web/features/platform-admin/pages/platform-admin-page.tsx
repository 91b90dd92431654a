// /admin — the platform admin's page: the instance's health and job queue (every 10 s), its
// organizations with staff invitations, and the form that creates an organization. Everybody
// else sees that the page is not for them (the API says 403 anyway).
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state.tsx';
import { CheckIcon, LockIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { useSession } from '../../../lib/session.ts';
import { CreateOrganizationForm } from '../components/create-organization-form.tsx';
import { HealthCards } from '../components/health-cards.tsx';
import { OrganizationsCard } from '../components/organizations-card.tsx';

export function PlatformAdminPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [created, setCreated] = useState<string | null>(null);

  if (!session.platformAdmin) {
    return (
      <EmptyState
        title={t('platformAdmin.notAdminTitle')}
        description={t('platformAdmin.notAdminDescription')}
        icon={<LockIcon size={28} />}
      />
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('platformAdmin.title')}
        </Title>
        <Text c="dimmed">{t('platformAdmin.intro')}</Text>
      </Stack>
      <HealthCards />
      <OrganizationsCard />
      <SectionCard
        title={t('platformAdmin.form.title')}
        description={t('platformAdmin.form.description')}
        testId="admin-create-organization"
      >
        {created && (
          <Alert color="green" variant="light" icon={<CheckIcon />} role="status">
            {t('platformAdmin.form.created', { name: created })}
          </Alert>
        )}
        <CreateOrganizationForm onCreated={setCreated} />
      </SectionCard>
    </Stack>
  );
}
