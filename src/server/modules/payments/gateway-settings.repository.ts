// The organization's gateway settings row (payment_gateway_settings), read for every card payment.
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

export async function findGatewaySettings(
  db: Kysely<DB>,
  organizationId: string,
): Promise<GatewaySettingsRow | undefined> {
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
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

export async function saveGatewaySettings(
  db: Kysely<DB>,
  row: GatewaySettingsRow & { updatedBy: string },
): Promise<void> {
  const values = {
    gateway: row.gateway,
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
    .values({ organization_id: row.organizationId, ...values })
    .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(values))
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
