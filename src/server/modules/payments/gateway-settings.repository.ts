// The organizations' gateway settings (payment_gateway_settings): one row per organization and
// gateway, one of them active — the one new payments go to.
import type { Kysely } from 'kysely';
import type { DB, PaymentGatewaySettingsTable } from '../../db/schema.ts';

export interface GatewaySettingsRow {
  organizationId: string;
  gateway: PaymentGatewaySettingsTable['gateway'];
  merchantId: string | null;
  secretSealed: string | null;
  apiUrl: string | null;
  vat: 'none' | 'vat0' | 'vat10' | 'vat20';
  taxation: 'osn' | 'usn_income' | 'usn_income_outcome' | 'esn' | 'patent';
}

function selectSettings(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('payment_gateway_settings')
    .select([
      'organization_id as organizationId',
      'gateway',
      'merchant_id as merchantId',
      'secret_sealed as secretSealed',
      'api_url as apiUrl',
      'vat',
      'taxation',
    ])
    .where('organization_id', '=', organizationId);
}

/** The gateway new payments of the organization go to; undefined when none was chosen. */
export async function findActiveGatewaySettings(
  db: Kysely<DB>,
  organizationId: string,
): Promise<GatewaySettingsRow | undefined> {
  return selectSettings(db, organizationId).where('active', '=', true).executeTakeFirst();
}

/** The organization's settings for one gateway, active or not (payments made there earlier). */
export async function findGatewaySettingsOf(
  db: Kysely<DB>,
  organizationId: string,
  gateway: GatewaySettingsRow['gateway'],
): Promise<GatewaySettingsRow | undefined> {
  return selectSettings(db, organizationId).where('gateway', '=', gateway).executeTakeFirst();
}

/** Stores one gateway's settings and makes it the active one (call inside a transaction). */
export async function saveGatewaySettings(
  db: Kysely<DB>,
  row: GatewaySettingsRow & { updatedBy: string },
): Promise<void> {
  // Two administrators saving at once take turns, so one gateway stays active.
  await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', row.organizationId)
    .forUpdate()
    .execute();
  await db
    .updateTable('payment_gateway_settings')
    .set({ active: false })
    .where('organization_id', '=', row.organizationId)
    .where('gateway', '<>', row.gateway)
    .where('active', '=', true)
    .execute();
  const values = {
    active: true,
    merchant_id: row.merchantId,
    secret_sealed: row.secretSealed,
    api_url: row.apiUrl,
    vat: row.vat,
    taxation: row.taxation,
    updated_by: row.updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('payment_gateway_settings')
    .values({ organization_id: row.organizationId, gateway: row.gateway, ...values })
    .onConflict((conflict) => conflict.columns(['organization_id', 'gateway']).doUpdateSet(values))
    .execute();
}

/** The organization of the account a card payment belongs to. */
export async function organizationOfAccount(db: Kysely<DB>, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select('organization_id')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.organization_id;
}
