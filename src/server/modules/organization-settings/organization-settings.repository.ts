// The organization's own settings row (organizations) and its logo (stored_files): Kysely only.
import type { Kysely, Selectable } from 'kysely';
import type { DB, OrganizationsTable } from '../../db/schema.ts';

const settingsColumns = [
  'o.id',
  'o.kind',
  'o.name',
  'o.short_name',
  'o.inn',
  'o.kpp',
  'o.bank_name',
  'o.bic',
  'o.settlement_account',
  'o.correspondent_account',
  'o.address',
  'o.phone',
  'o.email',
  'o.registration_mode',
  'o.proof_type',
  'o.payment_due_day',
  'o.receipt_show_qr',
  'o.receipt_note',
  'o.accent_color',
  'o.logo_file_id',
  'o.support_deadline_days',
  'o.office_hours',
] as const;

export type OrganizationSettingsRow = Pick<
  Selectable<OrganizationsTable>,
  (typeof settingsColumns)[number] extends `o.${infer Column}` ? Column : never
> & { logo_sha256: string | null };

/** The values an administrator changes with one save. */
export type OrganizationSettingsValues = Omit<
  OrganizationSettingsRow,
  'id' | 'kind' | 'logo_file_id' | 'logo_sha256'
>;

/** The settings, or undefined for an unknown organization; `lock` holds the row until the transaction ends. */
export async function findOrganizationSettings(
  db: Kysely<DB>,
  organizationId: string,
  options: { lock?: boolean } = {},
): Promise<OrganizationSettingsRow | undefined> {
  let query = db
    .selectFrom('organizations as o')
    .leftJoin('stored_files as f', 'f.id', 'o.logo_file_id')
    .select([...settingsColumns, 'f.sha256 as logo_sha256'])
    .where('o.id', '=', organizationId);
  if (options.lock) query = query.forUpdate('o');
  return query.executeTakeFirst();
}

export async function updateOrganizationSettings(
  db: Kysely<DB>,
  organizationId: string,
  values: OrganizationSettingsValues,
): Promise<void> {
  await db.updateTable('organizations').set(values).where('id', '=', organizationId).execute();
}

/** Points the organization at a new logo file (or none) and returns the file it pointed at before. */
export async function replaceOrganizationLogo(
  db: Kysely<DB>,
  organizationId: string,
  fileId: string | null,
): Promise<string | null> {
  const { logo_file_id: previous } = await db
    .selectFrom('organizations')
    .select('logo_file_id')
    .where('id', '=', organizationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await db
    .updateTable('organizations')
    .set({ logo_file_id: fileId })
    .where('id', '=', organizationId)
    .execute();
  return previous;
}

export async function deleteStoredFile(db: Kysely<DB>, fileId: string): Promise<void> {
  await db.deleteFrom('stored_files').where('id', '=', fileId).execute();
}

export interface OrganizationLogo {
  contentType: string;
  content: Buffer;
  sha256: string;
}

/** The logo's bytes, or undefined when the organization has none (or does not exist). */
export async function findOrganizationLogo(
  db: Kysely<DB>,
  organizationId: string,
): Promise<OrganizationLogo | undefined> {
  const row = await db
    .selectFrom('organizations as o')
    .innerJoin('stored_files as f', 'f.id', 'o.logo_file_id')
    .select(['f.content_type as contentType', 'f.content', 'f.sha256'])
    .where('o.id', '=', organizationId)
    .executeTakeFirst();
  return row && { ...row, content: Buffer.from(row.content) };
}
