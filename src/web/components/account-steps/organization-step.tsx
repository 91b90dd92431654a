// Step 1: find the organization that bills you. The search runs as you type (debounced); an
// organization that takes subscribers by invitation only can be seen but not chosen to continue.
import {
  Alert,
  Button,
  Group,
  Loader,
  Radio,
  Skeleton,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicOrganization } from '../../../shared/api/registration.ts';
import { MIN_SEARCH_LENGTH, useOrganizationSearch } from '../../lib/organization-search.ts';
import { EmptyState } from '../empty-state.tsx';
import { ErrorState } from '../error-state.tsx';
import { AlertIcon, HomeIcon, InfoIcon, LockIcon, SearchIcon, WifiIcon } from '../icons.tsx';
import { PhoneLine } from './phone-line.tsx';

interface OrganizationStepProps {
  query: string;
  onQueryChange: (query: string) => void;
  selected: PublicOrganization | null;
  onSelect: (organization: PublicOrganization) => void;
  /** "Choose one" after an empty submit. */
  error?: string;
  /** A server answer that sent the person back here (closed registration, unknown organization). */
  alert?: string;
  onNext: () => void;
}

export function OrganizationStep(props: OrganizationStepProps) {
  const { t } = useTranslation();
  const { query, selected } = props;
  const [debounced] = useDebouncedValue(query, 300);
  const search = useOrganizationSearch(debounced);
  const tooShort = debounced.trim().length < MIN_SEARCH_LENGTH;
  const organizations = tooShort ? undefined : search.data;
  const inviteOnly = selected?.registrationMode === 'invite';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!inviteOnly) props.onNext();
  }

  let status = '';
  if (tooShort) status = t('registration.search.hint');
  else if (organizations?.length === 0) status = t('registration.search.emptyTitle');
  else if (organizations) status = t('registration.search.found', { count: organizations.length });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {props.alert && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {props.alert}
          </Alert>
        )}
        <TextInput
          type="search"
          label={t('registration.search.label')}
          description={t('registration.search.description')}
          placeholder={t('registration.search.placeholder')}
          size="md"
          autoComplete="off"
          enterKeyHint="search"
          spellCheck={false}
          leftSection={<SearchIcon size={18} />}
          rightSection={search.isFetching && !tooShort ? <Loader size="xs" /> : null}
          value={query}
          onChange={(event) => props.onQueryChange(event.currentTarget.value)}
        />
        <VisuallyHidden aria-live="polite" aria-atomic>
          {status}
        </VisuallyHidden>

        {tooShort ? (
          <Text size="sm" c="dimmed">
            {t('registration.search.hint')}
          </Text>
        ) : search.isError && !organizations ? (
          <ErrorState
            title={t('registration.search.errorTitle')}
            error={search.error}
            onRetry={() => void search.refetch()}
            retrying={search.isFetching}
          />
        ) : !organizations ? (
          <Stack gap="sm" aria-hidden>
            <Skeleton h={92} radius="md" />
            <Skeleton h={92} radius="md" />
          </Stack>
        ) : organizations.length === 0 ? (
          <EmptyState
            title={t('registration.search.emptyTitle')}
            description={t('registration.search.emptyDescription')}
            icon={<SearchIcon size={28} />}
          />
        ) : (
          <Radio.Group
            value={selected?.id ?? null}
            onChange={(id) => {
              const organization = organizations.find((item) => item.id === id);
              if (organization) props.onSelect(organization);
            }}
            label={t('registration.search.found', { count: organizations.length })}
            error={props.error}
            errorProps={{ role: 'alert' }}
            labelProps={{ fw: 500, size: 'sm', c: 'dimmed' }}
          >
            <Stack gap="sm" mt="xs">
              {organizations.map((organization) => (
                <OrganizationOption
                  key={organization.id}
                  organization={organization}
                  checked={organization.id === selected?.id}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}

        {selected && inviteOnly && (
          <Alert
            color="yellow"
            variant="light"
            icon={<InfoIcon />}
            title={t('registration.inviteOnly.title')}
            // Mantine's yellow title is below 3:1 on the yellow background.
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
            role="status"
            data-testid="invite-only"
          >
            <Stack gap={4}>
              <Text size="sm">{t('registration.inviteOnly.text', { name: selected.shortName })}</Text>
              {selected.phone && <PhoneLine phone={selected.phone} />}
            </Stack>
          </Alert>
        )}

        <Button type="submit" size="md" fullWidth disabled={inviteOnly}>
          {t('registration.next')}
        </Button>
      </Stack>
    </form>
  );
}

function OrganizationOption({
  organization,
  checked,
}: {
  organization: PublicOrganization;
  checked: boolean;
}) {
  const { t } = useTranslation();
  const details = [organization.city, t('registration.search.inn', { inn: organization.inn })]
    .filter(Boolean)
    .join(' · ');
  return (
    <Radio.Card value={organization.id} checked={checked} p="md" radius="md">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={4} />
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Text fw={600}>{organization.shortName}</Text>
          <Text size="sm" c="dimmed" lineClamp={2}>
            {organization.name}
          </Text>
          <Text size="sm" c="dimmed" className="tabular">
            {details}
          </Text>
          {organization.registrationMode === 'invite' && (
            <Group gap={6} wrap="nowrap" mt={2} c="var(--mantine-color-dimmed)">
              <LockIcon size={14} />
              <Text size="sm" fw={600} c="inherit">
                {t('registration.search.inviteOnly')}
              </Text>
            </Group>
          )}
        </Stack>
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {organization.kind === 'isp' ? <WifiIcon size={18} /> : <HomeIcon size={18} />}
        </ThemeIcon>
      </Group>
    </Radio.Card>
  );
}
