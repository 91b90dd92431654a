// /operator/imports — files from the billing system: upload one (accounts, charges, statements,
// payments) and watch it being checked and applied, or read why nothing was applied; the recent
// uploads, each opened with ?import=<id>; and the API keys that let the billing system send files.
import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';
import { ApiKeysSection } from '../components/api-keys-section.tsx';
import { ImportDetailsCard } from '../components/import-details-card.tsx';
import { IMPORT_PARAM, ImportHistory } from '../components/import-history.tsx';
import { UploadForm } from '../components/upload-form.tsx';

export function OperatorImportsPage() {
  const { t } = useTranslation();
  const { organization } = useStaffOrganization();
  const [searchParams, setSearchParams] = useSearchParams();
  const openId = searchParams.get(IMPORT_PARAM);
  // Set by an upload just made; a batch opened from the list or a link is neither.
  const [uploaded, setUploaded] = useState<{ id: string; duplicate: boolean } | null>(null);
  useDocumentTitle(`${t('operatorImports.title')} — ${t('operatorConsole.title')}`);

  // The console's frame tells people who are not staff where they are.
  if (!organization) return null;
  const organizationId = organization.organizationId;
  const justUploaded = uploaded !== null && uploaded.id === openId;

  return (
    <>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('operatorImports.title')}
        </Title>
        <Text c="dimmed">{t('operatorImports.intro')}</Text>
      </Stack>
      <UploadForm
        organizationId={organizationId}
        onUploaded={(answer) => {
          setUploaded({ id: answer.import.id, duplicate: answer.duplicate });
          setSearchParams({ [IMPORT_PARAM]: answer.import.id });
        }}
      />
      {openId && (
        <ImportDetailsCard
          key={openId}
          organizationId={organizationId}
          importId={openId}
          duplicate={justUploaded && uploaded.duplicate}
          focusOnOpen={justUploaded}
          onClose={() => {
            setUploaded(null);
            setSearchParams({});
          }}
        />
      )}
      <ImportHistory organizationId={organizationId} openId={openId} />
      <ApiKeysSection organizationId={organizationId} isAdmin={organization.role === 'admin'} />
    </>
  );
}
