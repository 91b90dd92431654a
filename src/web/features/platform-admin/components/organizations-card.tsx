// The instance's organizations with their sizes, and for each an invitation of its first staff
// member (administrator by default) by e-mail.
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminOrganization } from '../../../../shared/api/platform-admin.ts';
import { emailSchema } from '../../../../shared/api/registration.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { describeError } from '../../../lib/error-message.ts';
import { useAdminOrganizations, useInviteOperator } from '../api/platform-admin.ts';

export function OrganizationsCard() {
  const { t } = useTranslation();
  const organizations = useAdminOrganizations();
  const [inviting, setInviting] = useState<string | null>(null);

  return (
    <SectionCard
      title={t('platformAdmin.organizations.title')}
      description={t('platformAdmin.organizations.description')}
      testId="admin-organizations"
    >
      {organizations.isError ? (
        <ErrorState
          error={organizations.error}
          onRetry={() => void organizations.refetch()}
          retrying={organizations.isFetching}
        />
      ) : !organizations.data ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : organizations.data.organizations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('platformAdmin.organizations.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" styles={{ th: { whiteSpace: 'nowrap' } }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('platformAdmin.organizations.name')}</Table.Th>
                <Table.Th>{t('platformAdmin.organizations.inn')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.organizations.accounts')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.organizations.registered')}</Table.Th>
                <Table.Th ta="right">{t('platformAdmin.organizations.staff')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organizations.data.organizations.map((organization) => (
                <OrganizationRow
                  key={organization.id}
                  organization={organization}
                  inviting={inviting === organization.id}
                  onInvite={() => setInviting(inviting === organization.id ? null : organization.id)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

function OrganizationRow({
  organization,
  inviting,
  onInvite,
}: {
  organization: AdminOrganization;
  inviting: boolean;
  onInvite: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Stack gap={2}>
            <Text size="sm" fw={600} miw={140} style={{ overflowWrap: 'normal' }}>
              {organization.shortName}
            </Text>
            <Badge size="xs" variant="light" color={organization.kind === 'isp' ? 'grape' : 'blue'}>
              {t(`platformAdmin.kinds.${organization.kind}`)}
            </Badge>
          </Stack>
        </Table.Td>
        <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {organization.inn}
        </Table.Td>
        <Table.Td ta="right">{organization.accountCount}</Table.Td>
        <Table.Td ta="right">{organization.registeredAccountCount}</Table.Td>
        <Table.Td ta="right">{organization.staffCount}</Table.Td>
        <Table.Td ta="right">
          <Button size="xs" variant={inviting ? 'filled' : 'default'} onClick={onInvite}>
            {t('platformAdmin.invite.open')}
          </Button>
        </Table.Td>
      </Table.Tr>
      {inviting && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <InviteForm organizationId={organization.id} organizationName={organization.shortName} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function InviteForm({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const { t } = useTranslation();
  const invite = useInviteOperator(organizationId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'operator'>('admin');
  const [emailError, setEmailError] = useState<string | undefined>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!emailSchema.safeParse(email).success) {
      setEmailError(t('platformAdmin.invite.emailInvalid'));
      return;
    }
    invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
  }

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="invite-operator-form">
      <Stack gap="xs">
        <Text size="sm">{t('platformAdmin.invite.description', { organization: organizationName })}</Text>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('platformAdmin.invite.email')}
            type="email"
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              setEmailError(undefined);
            }}
            error={emailError}
            w={{ base: '100%', sm: 280 }}
          />
          <Select
            label={t('platformAdmin.invite.role')}
            data={[
              { value: 'admin', label: t('platformAdmin.invite.roles.admin') },
              { value: 'operator', label: t('platformAdmin.invite.roles.operator') },
            ]}
            value={role}
            onChange={(value) => value && setRole(value as 'admin' | 'operator')}
            allowDeselect={false}
            w={{ base: '100%', sm: 220 }}
          />
          <Button type="submit" mt={{ base: 0, sm: 25 }} loading={invite.isPending}>
            {t('platformAdmin.invite.send')}
          </Button>
        </Group>
        {invite.data && (
          <Text size="sm" c="green.8" role="status">
            {t('platformAdmin.invite.sent', { email: invite.data.email })}
          </Text>
        )}
        {invite.error && (
          <Text size="sm" c="red" role="alert">
            {describeError(t, invite.error).message}
          </Text>
        )}
      </Stack>
    </form>
  );
}
