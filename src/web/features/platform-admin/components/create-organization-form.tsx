// The form that creates an organization. The requisites are checked here with the same rules as the
// API (INN and account control digits, BIC and KPP format), so a typo is caught before sending;
// the fields the API still refuses are marked the same way.
import { Alert, Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CreateOrganizationRequest,
  createOrganizationRequestSchema,
} from '../../../../shared/api/platform-admin.ts';
import { AlertIcon } from '../../../components/icons.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, invalidFieldsOf } from '../../../lib/error-message.ts';
import { useCreateOrganization } from '../api/platform-admin.ts';

type Field = Exclude<keyof CreateOrganizationRequest, 'kind'>;

const emptyForm: Record<Field, string> = {
  name: '',
  shortName: '',
  inn: '',
  kpp: '',
  bankName: '',
  bic: '',
  settlementAccount: '',
  correspondentAccount: '',
  address: '',
  phone: '',
  email: '',
  timezone: 'Europe/Moscow',
};

const requisiteFields = new Set<Field>(['inn', 'kpp', 'bic', 'settlementAccount', 'correspondentAccount']);

export function CreateOrganizationForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const [kind, setKind] = useState<'housing' | 'isp'>('housing');
  const [values, setValues] = useState(emptyForm);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());

  const errorOf = (field: Field) => {
    if (!invalid.has(field)) return undefined;
    if (requisiteFields.has(field))
      return t(`platformAdmin.form.errors.${field}` as 'platformAdmin.form.errors.inn');
    return t('platformAdmin.form.errors.required');
  };

  const request = (): CreateOrganizationRequest => ({
    kind,
    ...values,
    kpp: values.kpp || null,
    address: values.address || null,
    phone: values.phone || null,
    email: values.email.trim() || null,
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = request();
    const parsed = createOrganizationRequestSchema.safeParse(body);
    if (!parsed.success) {
      setInvalid(new Set(parsed.error.issues.map((issue) => String(issue.path[0]))));
      return;
    }
    setInvalid(new Set());
    create.mutate(body, {
      onSuccess: (organization) => {
        setValues(emptyForm);
        onCreated(organization.shortName);
      },
      onError: (error) => {
        const fields = invalidFieldsOf(error);
        const named = (error as { details?: { fields?: string[] } }).details?.fields ?? [];
        setInvalid(new Set([...fields, ...named]));
      },
    });
  }

  const field = (
    name: Field,
    options: { required?: boolean; inputMode?: 'numeric' | 'email' | 'tel' } = {},
  ) => (
    <TextInput
      label={t(`platformAdmin.form.fields.${name}` as 'platformAdmin.form.fields.name')}
      value={values[name]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [name]: value }));
        setInvalid((current) => {
          const next = new Set(current);
          next.delete(name);
          return next;
        });
      }}
      error={errorOf(name)}
      required={options.required}
      inputMode={options.inputMode}
      name={name}
    />
  );

  const code = isApiError(create.error) ? create.error.code : null;
  return (
    <form onSubmit={handleSubmit} noValidate data-testid="create-organization-form">
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="organization-kind-label">
            {t('platformAdmin.form.fields.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="organization-kind-label"
            value={kind}
            onChange={(value) => setKind(value as 'housing' | 'isp')}
            data={[
              { value: 'housing', label: t('platformAdmin.kinds.housing') },
              { value: 'isp', label: t('platformAdmin.kinds.isp') },
            ]}
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {field('name', { required: true })}
          {field('shortName', { required: true })}
          {field('inn', { required: true, inputMode: 'numeric' })}
          {field('kpp', { inputMode: 'numeric' })}
          {field('bankName', { required: true })}
          {field('bic', { required: true, inputMode: 'numeric' })}
          {field('settlementAccount', { required: true, inputMode: 'numeric' })}
          {field('correspondentAccount', { required: true, inputMode: 'numeric' })}
          {field('address')}
          {field('phone', { inputMode: 'tel' })}
          {field('email', { inputMode: 'email' })}
          {field('timezone', { required: true })}
        </SimpleGrid>
        {create.error && code !== 'VALIDATION_FAILED' && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {describeError(t, create.error).message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('platformAdmin.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
