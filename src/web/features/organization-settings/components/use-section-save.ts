// Saving one section of the organization's settings: the stored values with the section's changes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  OrganizationSettings,
  UpdateOrganizationSettings,
} from '../../../../shared/api/organization-settings.ts';
import { describeError } from '../../../lib/error-message.ts';
import { useUpdateOrganizationSettings } from '../api/organization-settings.ts';
import { refusedFieldsOf, requisiteProblemsOf, toUpdateBody } from '../lib/settings-form.ts';

export function useSectionSave(settings: OrganizationSettings) {
  const { t } = useTranslation();
  const update = useUpdateOrganizationSettings(settings.organizationId);
  const [saved, setSaved] = useState(false);
  const refused = refusedFieldsOf(update.error);
  const problems = requisiteProblemsOf(update.error);
  const fieldError = refused.size > 0 || Object.keys(problems).length > 0;
  return {
    save(changes: Partial<UpdateOrganizationSettings>, onSaved?: (next: OrganizationSettings) => void) {
      setSaved(false);
      update.mutate(
        { ...toUpdateBody(settings), ...changes },
        {
          onSuccess: (next) => {
            setSaved(true);
            onSaved?.(next);
          },
        },
      );
    },
    /** Call when a field changes: the "saved" mark goes. */
    edited: () => setSaved(false),
    pending: update.isPending,
    saved,
    /** Fields the API refused by its schema (e.g. `accentColor`). */
    refused,
    /** Requisites the API refused by their control checks. */
    problems,
    error: update.error && !fieldError ? describeError(t, update.error).message : null,
  };
}
