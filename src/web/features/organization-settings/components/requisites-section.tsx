// The payee's requisites as they print on receipts and in the payment QR code. The control checks of
// INN, KPP, BIC and both accounts run as the administrator types (the same code as on the server),
// so a mistyped digit is caught before the save.
import { SimpleGrid, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationSettings } from '../../../../shared/api/organization-settings.ts';
import { checkRequisites, type RequisiteField } from '../../../../shared/requisites.ts';
import { cleanRequisite } from '../lib/settings-form.ts';
import { SettingsForm } from './settings-form.tsx';
import { useSectionSave } from './use-section-save.ts';

const requisiteInputs: { field: RequisiteField; maxLength: number }[] = [
  { field: 'inn', maxLength: 12 },
  { field: 'kpp', maxLength: 9 },
  { field: 'bic', maxLength: 9 },
  { field: 'correspondentAccount', maxLength: 20 },
  { field: 'settlementAccount', maxLength: 20 },
];

export function RequisitesSection({ settings }: { settings: OrganizationSettings }) {
  const { t } = useTranslation();
  const section = useSectionSave(settings);
  const [values, setValues] = useState({
    name: settings.name,
    inn: settings.inn,
    kpp: settings.kpp ?? '',
    bankName: settings.bankName,
    bic: settings.bic,
    settlementAccount: settings.settlementAccount,
    correspondentAccount: settings.correspondentAccount,
    address: settings.address ?? '',
    phone: settings.phone ?? '',
    email: settings.email ?? '',
  });
  // A field's control check shows once the field was left or a save was tried.
  const [checked, setChecked] = useState<Set<RequisiteField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const problems = checkRequisites(values);
  const inputs = useRef<Partial<Record<RequisiteField, HTMLInputElement | null>>>({});

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    section.edited();
  }

  function problemOf(field: RequisiteField): string | undefined {
    const problem =
      (submitted || checked.has(field) ? problems[field] : undefined) ?? section.problems[field];
    return (
      problem &&
      t(`organizationSettings.requisites.problems.${problem}`, {
        field: t(`organizationSettings.requisites.${field}`),
      })
    );
  }

  const refused = (field: string) =>
    section.refused.has(field) ? t('organizationSettings.invalidValue') : undefined;

  return (
    <SettingsForm
      id="requisites"
      title={t('organizationSettings.requisites.title')}
      description={t('organizationSettings.requisites.description')}
      canEdit={settings.canEdit}
      pending={section.pending}
      saved={section.saved}
      error={section.error}
      onSubmit={() => {
        setSubmitted(true);
        // The first field to fix may be far above the button: take the person there.
        const firstProblem = requisiteInputs.find(({ field }) => problems[field]);
        if (firstProblem) {
          inputs.current[firstProblem.field]?.focus();
          return;
        }
        section.save({
          name: values.name.trim(),
          inn: values.inn,
          kpp: values.kpp || null,
          bankName: values.bankName.trim(),
          bic: values.bic,
          settlementAccount: values.settlementAccount,
          correspondentAccount: values.correspondentAccount,
          address: values.address.trim() || null,
          phone: values.phone.trim() || null,
          email: values.email.trim() || null,
        });
      }}
    >
      <TextInput
        label={t('organizationSettings.requisites.name')}
        description={t('organizationSettings.requisites.nameDescription')}
        size="md"
        maxLength={300}
        required
        value={values.name}
        onChange={(event) => change('name', event.currentTarget.value)}
        error={refused('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {requisiteInputs.map(({ field, maxLength }) => (
          <TextInput
            key={field}
            ref={(input) => {
              inputs.current[field] = input;
            }}
            label={t(`organizationSettings.requisites.${field}`)}
            description={t(`organizationSettings.requisites.${field}Description`)}
            size="md"
            inputMode={field === 'kpp' ? 'text' : 'numeric'}
            autoComplete="off"
            maxLength={maxLength}
            className="tabular"
            value={values[field]}
            onChange={(event) => change(field, cleanRequisite(event.currentTarget.value, field))}
            onBlur={() => setChecked((current) => new Set(current).add(field))}
            error={problemOf(field)}
            data-testid={`requisite-${field}`}
          />
        ))}
        <TextInput
          label={t('organizationSettings.requisites.bankName')}
          description={t('organizationSettings.requisites.bankNameDescription')}
          size="md"
          maxLength={45}
          required
          value={values.bankName}
          onChange={(event) => change('bankName', event.currentTarget.value)}
          error={refused('bankName')}
        />
      </SimpleGrid>
      <TextInput
        label={t('organizationSettings.requisites.address')}
        size="md"
        maxLength={500}
        autoComplete="street-address"
        value={values.address}
        onChange={(event) => change('address', event.currentTarget.value)}
        error={refused('address')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('organizationSettings.requisites.phone')}
          size="md"
          type="tel"
          inputMode="tel"
          maxLength={30}
          value={values.phone}
          onChange={(event) => change('phone', event.currentTarget.value)}
          error={refused('phone')}
        />
        <TextInput
          label={t('organizationSettings.requisites.email')}
          size="md"
          type="email"
          inputMode="email"
          maxLength={254}
          value={values.email}
          onChange={(event) => change('email', event.currentTarget.value)}
          error={refused('email')}
        />
      </SimpleGrid>
    </SettingsForm>
  );
}
