// Pure helpers of the settings page: the full body a section saves, and what a refusal names.
import {
  LOGO_MAX_BYTES,
  type OrganizationSettings,
  type UpdateOrganizationSettings,
} from '../../../../shared/api/organization-settings.ts';
import type { RequisiteField, RequisiteProblem } from '../../../../shared/requisites.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { invalidFieldsOf } from '../../../lib/error-message.ts';

/**
 * The body of PUT …/settings/organization that keeps every stored value. The API replaces all
 * settings at once; each section sends this with its own fields changed.
 */
export function toUpdateBody(settings: OrganizationSettings): UpdateOrganizationSettings {
  return {
    name: settings.name,
    shortName: settings.shortName,
    inn: settings.inn,
    kpp: settings.kpp,
    bankName: settings.bankName,
    bic: settings.bic,
    settlementAccount: settings.settlementAccount,
    correspondentAccount: settings.correspondentAccount,
    address: settings.address,
    phone: settings.phone,
    email: settings.email,
    registrationMode: settings.registrationMode,
    proofType: settings.proofType,
    paymentDueDay: settings.paymentDueDay,
    receiptShowQr: settings.receiptShowQr,
    receiptNote: settings.receiptNote,
    accentColor: settings.accentColor,
    supportDeadlineDays: settings.supportDeadlineDays,
    officeHours: settings.officeHours,
  };
}

const requisiteFields: readonly RequisiteField[] = [
  'inn',
  'kpp',
  'bic',
  'settlementAccount',
  'correspondentAccount',
];
const requisiteProblems: readonly RequisiteProblem[] = [
  'required',
  'format',
  'checksum',
  'country',
  'not_applicable',
];

/** The failed control checks a 400 names in `details.problems` (empty for any other error). */
export function requisiteProblemsOf(error: unknown): Partial<Record<RequisiteField, RequisiteProblem>> {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return {};
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (typeof problems !== 'object' || problems === null) return {};
  const found: Partial<Record<RequisiteField, RequisiteProblem>> = {};
  for (const field of requisiteFields) {
    const problem = (problems as Record<string, unknown>)[field];
    if (requisiteProblems.includes(problem as RequisiteProblem)) found[field] = problem as RequisiteProblem;
  }
  return found;
}

/**
 * Fields a VALIDATION_FAILED answer names: the schema's paths (`details` as a list) or the
 * service's `details.fields` (e.g. `timezone`, `secret`).
 */
export function refusedFieldsOf(error: unknown): Set<string> {
  const fields = invalidFieldsOf(error);
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return fields;
  const named = (error.details as { fields?: unknown } | undefined)?.fields;
  if (Array.isArray(named)) for (const field of named) if (typeof field === 'string') fields.add(field);
  return fields;
}

export type LogoProblem = 'type' | 'size';

/** Whether a chosen file can be a logo; the server checks the bytes again. */
export function logoProblemOf(file: { type: string; size: number }): LogoProblem | null {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') return 'type';
  if (file.size > LOGO_MAX_BYTES) return 'size';
  return null;
}

/** Digits only (a KPP may also hold capital letters), as people paste them with spaces. */
export function cleanRequisite(value: string, field: RequisiteField): string {
  return field === 'kpp' ? value.toUpperCase().replace(/[^0-9A-Z]/g, '') : value.replace(/\D/g, '');
}
