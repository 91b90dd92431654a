// The organization's API keys, for the billing system to send files without a person: any staff
// member sees the list; administrators create a key (its secret is shown once, with a copy button
// and a curl line) and revoke one after confirming.
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { apiKeySchema } from '../../../../shared/api/imports.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, CopyIcon, KeyIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/api-keys.ts';

type ApiKey = z.infer<typeof apiKeySchema>;
type Scope = ApiKey['scopes'][number];

/** The line a billing system's administrator can try first: the statements sample, sent with the key. */
function curlExample(secret: string): string {
  return `curl -H "X-API-Key: ${secret}" -H "Content-Type: text/csv" --data-binary @statements.csv "${window.location.origin}/api/v1/operator/imports/statements?fileName=statements.csv"`;
}

export function ApiKeysSection({ organizationId, isAdmin }: { organizationId: string; isAdmin: boolean }) {
  const { t } = useTranslation();
  const keys = useApiKeys(organizationId);
  const [created, setCreated] = useState<{ key: ApiKey; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <SectionCard
      title={t('operatorImports.keys.title')}
      description={t('operatorImports.keys.description')}
      id="api-keys"
      testId="api-keys"
    >
      {isAdmin ? (
        <CreateKeyForm organizationId={organizationId} onCreated={setCreated} />
      ) : (
        <Text size="sm" c="dimmed" data-testid="api-keys-admins-only">
          {t('operatorImports.keys.adminsOnly')}
        </Text>
      )}
      {created && (
        <NewKeySecret secret={created.secret} name={created.key.name} onDone={() => setCreated(null)} />
      )}
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('operatorImports.keys.curlTitle')}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="api-key-curl">
          {curlExample(created?.secret ?? 'abk_…')}
        </Code>
      </Stack>
      {keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} retrying={keys.isFetching} />
      ) : !keys.data ? (
        <Skeleton h={56} />
      ) : keys.data.keys.length === 0 ? (
        <EmptyState
          title={t('operatorImports.keys.empty')}
          description={t(isAdmin ? 'operatorImports.keys.emptyAdmin' : 'operatorImports.keys.emptyOperator')}
          icon={<KeyIcon size={26} />}
        />
      ) : (
        <KeyList keys={keys.data.keys} isAdmin={isAdmin} onRevoke={setRevoking} />
      )}
      <RevokeKeyModal organizationId={organizationId} apiKey={revoking} onClose={() => setRevoking(null)} />
    </SectionCard>
  );
}

function CreateKeyForm({
  organizationId,
  onCreated,
}: {
  organizationId: string;
  onCreated: (created: { key: ApiKey; secret: string }) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateApiKey(organizationId);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['imports']);
  const [tried, setTried] = useState(false);
  const nameError = tried && name.trim() === '' ? t('operatorImports.keys.nameRequired') : null;
  const scopesError = tried && scopes.length === 0 ? t('operatorImports.keys.scopesRequired') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (name.trim() === '' || scopes.length === 0) return;
    create.mutate(
      { name: name.trim(), scopes },
      {
        onSuccess: (answer) => {
          setName('');
          setTried(false);
          onCreated(answer);
        },
      },
    );
  };

  return (
    <Box component="form" onSubmit={submit} noValidate data-testid="api-key-form">
      <Stack gap="sm">
        <TextInput
          label={t('operatorImports.keys.name')}
          description={t('operatorImports.keys.nameHint')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={100}
          error={nameError}
          maw={420}
        />
        <Checkbox.Group
          label={t('operatorImports.keys.scopes')}
          value={scopes}
          onChange={(value) => setScopes(value as Scope[])}
          error={scopesError}
        >
          <Stack gap={6} mt={6}>
            <Checkbox value="imports" label={t('operatorImports.keys.scopeImports')} />
            <Checkbox value="exports" label={t('operatorImports.keys.scopeExports')} />
          </Stack>
        </Checkbox.Group>
        {create.isError && <ErrorState error={create.error} title={t('operatorImports.keys.createFailed')} />}
        <Group>
          <Button type="submit" loading={create.isPending} leftSection={<KeyIcon size={18} />}>
            {t('operatorImports.keys.create')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

function NewKeySecret({ secret, name, onDone }: { secret: string; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<AlertIcon />}
      title={t('operatorImports.keys.secretTitle', { name })}
      data-testid="api-key-secret"
    >
      <Stack gap="xs">
        <Text size="sm">{t('operatorImports.keys.secretWarning')}</Text>
        <Code
          block
          style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
          data-testid="api-key-secret-value"
        >
          {secret}
        </Code>
        <Group gap="xs">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="white"
                onClick={copy}
                leftSection={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
              >
                {copied ? t('common.copied') : t('operatorImports.keys.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="subtle" color="gray" onClick={onDone}>
            {t('operatorImports.keys.secretSaved')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function KeyList({
  keys,
  isAdmin,
  onRevoke,
}: {
  keys: ApiKey[];
  isAdmin: boolean;
  onRevoke: (key: ApiKey) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} data-testid="api-key-list">
      {keys.map((key, index) => (
        <Group
          component="li"
          key={key.id}
          justify="space-between"
          align="flex-start"
          wrap="wrap"
          gap="sm"
          py="sm"
          data-testid="api-key-item"
          style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
        >
          <Stack gap={2} miw={0} style={{ flex: '1 1 240px' }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} c={key.revokedAt ? 'dimmed' : undefined}>
                {key.name}
              </Text>
              <Code>{key.prefix}…</Code>
              {key.scopes.map((scope) => (
                <Badge key={scope} variant="outline" size="sm" color="gray">
                  {t(`operatorImports.keys.scopeShort.${scope}`)}
                </Badge>
              ))}
              {key.revokedAt && (
                <Badge color="red" variant="light" size="sm">
                  {t('operatorImports.keys.revoked')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t('operatorImports.keys.created', { date: formatDateTime(key.createdAt, i18n.language) })}
              {' · '}
              {key.lastUsedAt
                ? t('operatorImports.keys.lastUsed', { date: formatDateTime(key.lastUsedAt, i18n.language) })
                : t('operatorImports.keys.neverUsed')}
              {key.revokedAt &&
                ` · ${t('operatorImports.keys.revokedAt', { date: formatDateTime(key.revokedAt, i18n.language) })}`}
            </Text>
          </Stack>
          {isAdmin && !key.revokedAt && (
            <Button
              size="xs"
              variant="light"
              color="red"
              onClick={() => onRevoke(key)}
              aria-label={t('operatorImports.keys.revokeNamed', { name: key.name })}
            >
              {t('operatorImports.keys.revoke')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function RevokeKeyModal({
  organizationId,
  apiKey,
  onClose,
}: {
  organizationId: string;
  apiKey: ApiKey | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeApiKey(organizationId);
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal
      opened={apiKey !== null}
      onClose={close}
      title={t('operatorImports.keys.revokeTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {apiKey && (
        <Stack gap="md">
          <Text>{t('operatorImports.keys.revokeText', { name: apiKey.name, prefix: apiKey.prefix })}</Text>
          {revoke.isError && (
            <ErrorState error={revoke.error} title={t('operatorImports.keys.revokeFailed')} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('operatorImports.keys.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(apiKey.id, { onSuccess: close })}
            >
              {t('operatorImports.keys.revokeConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
