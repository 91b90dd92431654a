// The organization's settings in the operator console (issue 7): staff read them, administrators
// change them. Requisites pass their control checks before anything is written — a payee's INN or
// account with a typo would print on every receipt and its QR code and send people's money astray.
// Every change is audited with the names of the fields that changed.
import type { Kysely } from 'kysely';
import {
  LOGO_MAX_BYTES,
  type OrganizationSettings,
  type RequisitesErrorDetails,
  type updateOrganizationSettingsSchema,
} from '../../../shared/api/organization-settings.ts';
import { checkRequisites, type RequisiteField } from '../../../shared/requisites.ts';
import { storeFile } from '../../adapters/storage/file-storage.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { StaffScope } from '../readings/operator-readings.service.ts';
import {
  deleteStoredFile,
  findOrganizationLogo,
  findOrganizationSettings,
  type OrganizationLogo,
  type OrganizationSettingsRow,
  type OrganizationSettingsValues,
  replaceOrganizationLogo,
  updateOrganizationSettings as updateOrganizationSettingsRow,
} from './organization-settings.repository.ts';

type UpdateBody = import('zod').output<typeof updateOrganizationSettingsSchema>;

function requireAdmin(scope: StaffScope): void {
  if (scope.role !== 'admin')
    throw new AppError('FORBIDDEN', "Only the organization's administrators change its settings.");
}

export function logoUrlOf(organizationId: string, sha256: string | null): string | null {
  // The digest in the address makes a new logo a new URL, so browsers may cache each one for long.
  return sha256 ? `/api/v1/organizations/${organizationId}/logo?v=${sha256.slice(0, 16)}` : null;
}

function present(row: OrganizationSettingsRow, scope: StaffScope): OrganizationSettings {
  return {
    organizationId: row.id,
    kind: row.kind,
    canEdit: scope.role === 'admin',
    name: row.name,
    shortName: row.short_name,
    inn: row.inn,
    kpp: row.kpp,
    bankName: row.bank_name,
    bic: row.bic,
    settlementAccount: row.settlement_account,
    correspondentAccount: row.correspondent_account,
    address: row.address,
    phone: row.phone,
    email: row.email,
    registrationMode: row.registration_mode,
    proofType: row.proof_type,
    paymentDueDay: row.payment_due_day,
    receiptShowQr: row.receipt_show_qr,
    receiptNote: row.receipt_note,
    accentColor: row.accent_color,
    logoUrl: logoUrlOf(row.id, row.logo_sha256),
    supportDeadlineDays: row.support_deadline_days,
    officeHours: row.office_hours,
  };
}

export async function readOrganizationSettings(
  db: Kysely<DB>,
  scope: StaffScope,
): Promise<OrganizationSettings> {
  const row = await findOrganizationSettings(db, scope.organizationId);
  if (!row) throw errors.notFound('organization');
  return present(row, scope);
}

/** The row's values for a valid body; a failed control check is a 400 naming each bad field. */
function valuesOf(body: UpdateBody): OrganizationSettingsValues {
  const blankToNull = (text: string | null) => (text === null || text === '' ? null : text);
  const requisites = { ...body, kpp: blankToNull(body.kpp) };
  const problems = checkRequisites(requisites);
  const fields = Object.keys(problems) as RequisiteField[];
  if (fields.length > 0) {
    const details: RequisitesErrorDetails = { fields, problems };
    throw new AppError(
      'VALIDATION_FAILED',
      `The requisites fail their control checks: ${fields.join(', ')}.`,
      details,
    );
  }
  return {
    name: body.name,
    short_name: body.shortName,
    inn: body.inn,
    kpp: requisites.kpp,
    bank_name: body.bankName,
    bic: body.bic,
    settlement_account: body.settlementAccount,
    correspondent_account: body.correspondentAccount,
    address: blankToNull(body.address),
    phone: blankToNull(body.phone),
    email: blankToNull(body.email),
    registration_mode: body.registrationMode,
    proof_type: body.proofType,
    payment_due_day: body.paymentDueDay,
    receipt_show_qr: body.receiptShowQr,
    receipt_note: blankToNull(body.receiptNote),
    accent_color: body.accentColor,
    support_deadline_days: body.supportDeadlineDays,
    office_hours: blankToNull(body.officeHours),
  };
}

export async function updateOrganizationSettings(
  db: Kysely<DB>,
  scope: StaffScope,
  body: UpdateBody,
  ip: string,
): Promise<OrganizationSettings> {
  requireAdmin(scope);
  const values = valuesOf(body);
  await db.transaction().execute(async (trx) => {
    const current = await findOrganizationSettings(trx, scope.organizationId, { lock: true });
    if (!current) throw errors.notFound('organization');
    const changed = (Object.keys(values) as (keyof OrganizationSettingsValues)[]).filter(
      (column) => values[column] !== current[column],
    );
    if (changed.length === 0) return;
    await updateOrganizationSettingsRow(trx, scope.organizationId, values);
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'organization.settings_changed',
      targetType: 'organization',
      targetId: scope.organizationId,
      ip,
      // Requisites are public (they print on every receipt); the log keeps the new ones to compare.
      details: { changed, values: Object.fromEntries(changed.map((column) => [column, values[column]])) },
    });
  });
  return readOrganizationSettings(db, scope);
}

/** What the first bytes say the image is; only PNG and JPEG are taken (no SVG: it can carry script). */
export function imageTypeOf(content: Buffer): 'image/png' | 'image/jpeg' | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (content.length > png.length && content.subarray(0, png.length).equals(png)) return 'image/png';
  if (content.length > 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff)
    return 'image/jpeg';
  return null;
}

export async function changeOrganizationLogo(
  db: Kysely<DB>,
  scope: StaffScope,
  body: unknown,
  ip: string,
): Promise<OrganizationSettings> {
  requireAdmin(scope);
  const content = Buffer.isBuffer(body) ? body : null;
  const contentType = content && imageTypeOf(content);
  if (!content || !contentType)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the logo as a PNG or JPEG image.');
  if (content.length > LOGO_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `The logo may be at most ${LOGO_MAX_BYTES / 1024} KB.`);
  await db.transaction().execute(async (trx) => {
    const fileId = await storeFile(trx, { contentType, content });
    const previous = await replaceOrganizationLogo(trx, scope.organizationId, fileId);
    if (previous) await deleteStoredFile(trx, previous);
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'organization.logo_changed',
      targetType: 'organization',
      targetId: scope.organizationId,
      ip,
      details: { contentType, byteSize: content.length },
    });
  });
  return readOrganizationSettings(db, scope);
}

export async function removeOrganizationLogo(
  db: Kysely<DB>,
  scope: StaffScope,
  ip: string,
): Promise<OrganizationSettings> {
  requireAdmin(scope);
  await db.transaction().execute(async (trx) => {
    const previous = await replaceOrganizationLogo(trx, scope.organizationId, null);
    if (!previous) return;
    await deleteStoredFile(trx, previous);
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'organization.logo_removed',
      targetType: 'organization',
      targetId: scope.organizationId,
      ip,
    });
  });
  return readOrganizationSettings(db, scope);
}

/** The public logo; 404 when the organization has none. */
export async function readOrganizationLogo(
  db: Kysely<DB>,
  organizationId: string,
): Promise<OrganizationLogo> {
  const logo = await findOrganizationLogo(db, organizationId);
  if (!logo) throw errors.notFound('logo');
  return logo;
}
