// The organizations' own payment rules (payment_rules): one plain-text body per language.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type RulesLocale = DB['payment_rules']['locale'];

export interface PaymentRulesRow {
  locale: RulesLocale;
  body: string;
  updatedAt: Date;
}

/** The organization's short name, or undefined when there is no such organization. */
export async function findOrganizationName(
  db: Kysely<DB>,
  organizationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('organizations')
    .select('short_name')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row?.short_name;
}

export async function findPaymentRules(
  db: Kysely<DB>,
  organizationId: string,
  locale?: RulesLocale,
): Promise<PaymentRulesRow[]> {
  let query = db
    .selectFrom('payment_rules')
    .select(['locale', 'body', 'updated_at as updatedAt'])
    .where('organization_id', '=', organizationId);
  if (locale) query = query.where('locale', '=', locale);
  return query.execute();
}

export async function savePaymentRules(
  db: Kysely<DB>,
  row: { organizationId: string; locale: RulesLocale; body: string; updatedBy: string },
): Promise<void> {
  const values = { body: row.body, updated_by: row.updatedBy, updated_at: new Date() };
  await db
    .insertInto('payment_rules')
    .values({ organization_id: row.organizationId, locale: row.locale, ...values })
    .onConflict((conflict) => conflict.columns(['organization_id', 'locale']).doUpdateSet(values))
    .execute();
}

export async function deletePaymentRules(
  db: Kysely<DB>,
  organizationId: string,
  locale: RulesLocale,
): Promise<void> {
  await db
    .deleteFrom('payment_rules')
    .where('organization_id', '=', organizationId)
    .where('locale', '=', locale)
    .execute();
}
