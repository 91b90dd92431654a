// /payment-rules — the rules of paying by card (order and terms, fiscal receipt, crediting, refunds,
// confidentiality). Public: a payer may read them before signing in, and the bank expects them open.
// `?organization=<id>` (the pay form links so) shows that organization's own rules when it has
// written them in this language; a signed-in person without it gets the organization of their
// account (rules-organization.ts). Otherwise, and for a language it has not written, the defaults.
import { Alert, Anchor, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { InfoIcon } from '../../../components/icons.tsx';
import { PublicLayout, PublicPageTitle } from '../../../components/public-layout.tsx';
import { currentLocale } from '../../../i18n/i18n.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { ACCOUNT_PARAM, rememberedAccountId } from '../../../lib/current-account.ts';
import { formatLocalDate } from '../../../lib/format.ts';
import { PAYMENT_RULES_ORGANIZATION_PARAM } from '../../../lib/paths.ts';
import { usePaymentRules } from '../api/get-payment-rules.ts';
import { useSignedInAccounts } from '../api/get-signed-in-accounts.ts';
import { DefaultRules } from '../components/default-rules.tsx';
import { OrganizationRules } from '../components/organization-rules.tsx';
import { rulesOrganizationOf } from '../lib/rules-organization.ts';

export function PaymentRulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('paymentRules.title')} — ${t('common.appName')}`);
  const locale = currentLocale();
  const [searchParams] = useSearchParams();
  const organizationParam = searchParams.get(PAYMENT_RULES_ORGANIZATION_PARAM);
  const accounts = useSignedInAccounts(organizationParam === null);
  const waitingForAccounts = organizationParam === null && accounts.isPending;
  const target = waitingForAccounts
    ? null
    : rulesOrganizationOf(
        {
          organization: organizationParam,
          account: searchParams.get(ACCOUNT_PARAM),
          rememberedAccount: rememberedAccountId(),
        },
        accounts.data ?? [],
      );
  const rules = usePaymentRules(target?.kind === 'organization' ? target.organizationId : null, locale);

  const unknownOrganization =
    target?.kind === 'malformed' ||
    (rules.isError && isApiError(rules.error) && rules.error.code === 'NOT_FOUND');
  const own = rules.data?.body
    ? { body: rules.data.body, name: rules.data.organizationName, updatedAt: rules.data.updatedAt }
    : null;

  let content: ReactNode;
  if (waitingForAccounts || (target?.kind === 'organization' && rules.isPending)) {
    content = <RulesSkeleton />;
  } else if (rules.isError && !unknownOrganization) {
    // Not the defaults: they may differ from the organization's own terms the payer asked for.
    return (
      <PublicLayout width={720}>
        <PublicPageTitle title={t('paymentRules.title')} />
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
      </PublicLayout>
    );
  } else {
    content = own ? <OrganizationRules text={own.body} /> : <DefaultRules locale={locale} />;
  }

  return (
    <PublicLayout width={720}>
      <PublicPageTitle
        title={t('paymentRules.title')}
        subtitle={own ? own.name : t('paymentRules.subtitle')}
      />
      {unknownOrganization && (
        <Alert color="gray" variant="light" icon={<InfoIcon />} role="status">
          {t('paymentRules.unknownOrganization')}
        </Alert>
      )}
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="article">
        {content}
      </Paper>
      {own?.updatedAt && (
        <Text size="sm" c="dimmed">
          {t('paymentRules.edition', { date: formatLocalDate(own.updatedAt, locale) })}
        </Text>
      )}
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

function RulesSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true">
      <Skeleton h={20} w="40%" />
      <Skeleton h={14} />
      <Skeleton h={14} />
      <Skeleton h={14} w="70%" />
      <Skeleton h={20} w="35%" mt="md" />
      <Skeleton h={14} />
      <Skeleton h={14} w="80%" />
    </Stack>
  );
}
