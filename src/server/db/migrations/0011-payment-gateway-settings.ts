// Which acquirer an organization takes card payments through (issue 6, ADR 0011): the sandbox bank,
// YooKassa or T-Bank, the public half of its credentials, the secret half sealed with AES-256-GCM
// (crypto/secret-box.ts, key from GATEWAY_SECRETS_KEY), and the VAT of the fiscal receipt's items.
// One row per organization and gateway, one of them active: a switch to another acquirer keeps the
// old one's credentials, so payments still in flight there are notified, polled and refunded.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table payment_gateway_settings (
      organization_id uuid not null references organizations (id),
      gateway text not null check (gateway in ('sandbox', 'yookassa', 'tbank')),
      active boolean not null default true,
      -- YooKassa's shopId or T-Bank's TerminalKey; null for the sandbox bank.
      merchant_id text check (length(merchant_id) between 1 and 100),
      -- YooKassa's secret key or T-Bank's terminal password, sealed; never returned by the API.
      secret_sealed text,
      api_url text check (api_url ~ '^https?://'),
      vat text not null default 'none' check (vat in ('none', 'vat0', 'vat10', 'vat20')),
      taxation text not null default 'usn_income'
        check (taxation in ('osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent')),
      updated_by uuid references users (id),
      updated_at timestamptz not null default now(),
      primary key (organization_id, gateway),
      check (gateway = 'sandbox' or (merchant_id is not null and secret_sealed is not null))
    );
    create unique index payment_gateway_settings_active_idx on payment_gateway_settings (organization_id)
      where active;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop table payment_gateway_settings;');
}
