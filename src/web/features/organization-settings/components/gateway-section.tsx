// Card payments: which acquirer takes them, its merchant id and secret (write-only), the receipt's
// VAT and tax system, and the address the bank must notify. The payments module owns these settings.
import { Code, PasswordInput, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type PaymentGatewaySettings,
  paymentGatewayKindSchema,
  paymentTaxationSchema,
  paymentVatSchema,
} from '../../../../shared/api/payment-gateway-settings.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { describeError } from '../../../lib/error-message.ts';
import { useGatewaySettings, useUpdateGatewaySettings } from '../api/gateway-settings.ts';
import { refusedFieldsOf } from '../lib/settings-form.ts';
import { SettingsForm } from './settings-form.tsx';

export function GatewaySection({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useGatewaySettings(organizationId);
  if (settings.data)
    return <GatewayForm organizationId={organizationId} canEdit={canEdit} settings={settings.data} />;
  return (
    <SectionCard id="gateway" title={t('organizationSettings.gateway.title')}>
      {settings.isError ? (
        <ErrorState
          error={settings.error}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <Skeleton h={160} aria-label={t('common.loading')} />
      )}
    </SectionCard>
  );
}

function GatewayForm({
  organizationId,
  canEdit,
  settings,
}: {
  organizationId: string;
  canEdit: boolean;
  settings: PaymentGatewaySettings;
}) {
  const { t } = useTranslation();
  const update = useUpdateGatewaySettings(organizationId);
  const [gateway, setGateway] = useState(settings.gateway);
  const [merchantId, setMerchantId] = useState(settings.merchantId ?? '');
  const [secret, setSecret] = useState('');
  const [vat, setVat] = useState(settings.vat);
  const [taxation, setTaxation] = useState(settings.taxation);
  const [saved, setSaved] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const refused = refusedFieldsOf(update.error);
  const needsCredentials = gateway !== null && gateway !== 'sandbox';
  const merchantMissing = needsCredentials && merchantId.trim() === '';
  const edited = () => setSaved(false);

  return (
    <SettingsForm
      id="gateway"
      title={t('organizationSettings.gateway.title')}
      description={t('organizationSettings.gateway.description')}
      canEdit={canEdit}
      pending={update.isPending}
      saved={saved}
      error={update.error ? describeError(t, update.error).message : null}
      onSubmit={() => {
        setSubmitted(true);
        if (gateway === null || merchantMissing) return;
        update.mutate(
          {
            gateway,
            merchantId: needsCredentials ? merchantId.trim() : null,
            ...(secret ? { secret } : {}),
            vat,
            taxation,
          },
          {
            onSuccess: () => {
              setSaved(true);
              setSecret('');
            },
          },
        );
      }}
    >
      <Select
        label={t('organizationSettings.gateway.gateway')}
        size="md"
        maw={320}
        placeholder={t('organizationSettings.gateway.none')}
        data={paymentGatewayKindSchema.options.map((kind) => ({
          value: kind,
          label: t(`organizationSettings.gateway.kinds.${kind}`),
        }))}
        value={gateway}
        onChange={(value) => {
          const next = paymentGatewayKindSchema.safeParse(value);
          setGateway(next.success ? next.data : null);
          edited();
        }}
        error={
          refused.has('gateway')
            ? t('organizationSettings.gateway.gatewayUnavailable')
            : submitted && gateway === null
              ? t('organizationSettings.gateway.chooseGateway')
              : undefined
        }
      />
      {needsCredentials && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t(`organizationSettings.gateway.merchantId.${gateway}`)}
            size="md"
            autoComplete="off"
            maxLength={100}
            value={merchantId}
            onChange={(event) => {
              setMerchantId(event.currentTarget.value);
              edited();
            }}
            error={
              (submitted && merchantMissing) || refused.has('merchantId')
                ? t('organizationSettings.gateway.merchantIdRequired')
                : undefined
            }
          />
          <PasswordInput
            label={t(`organizationSettings.gateway.secret.${gateway}`)}
            description={
              settings.hasSecret
                ? t('organizationSettings.gateway.secretStored')
                : t('organizationSettings.gateway.secretMissing')
            }
            size="md"
            autoComplete="new-password"
            maxLength={500}
            value={secret}
            onChange={(event) => {
              setSecret(event.currentTarget.value);
              edited();
            }}
            error={refused.has('secret') ? t('organizationSettings.gateway.secretRefused') : undefined}
          />
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label={t('organizationSettings.gateway.vat')}
          size="md"
          allowDeselect={false}
          data={paymentVatSchema.options.map((value) => ({
            value,
            label: t(`organizationSettings.gateway.vats.${value}`),
          }))}
          value={vat}
          onChange={(value) => {
            const next = paymentVatSchema.safeParse(value);
            if (next.success) setVat(next.data);
            edited();
          }}
        />
        <Select
          label={t('organizationSettings.gateway.taxation')}
          size="md"
          allowDeselect={false}
          data={paymentTaxationSchema.options.map((value) => ({
            value,
            label: t(`organizationSettings.gateway.taxations.${value}`),
          }))}
          value={taxation}
          onChange={(value) => {
            const next = paymentTaxationSchema.safeParse(value);
            if (next.success) setTaxation(next.data);
            edited();
          }}
        />
      </SimpleGrid>
      {settings.notificationUrl && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('organizationSettings.gateway.notificationUrl')}
          </Text>
          <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {settings.notificationUrl}
          </Code>
        </Stack>
      )}
    </SettingsForm>
  );
}
