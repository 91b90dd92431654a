// SQL of matching a card payment that the organization's billing reports back (issue 6 item 3).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface MatchCandidate {
  id: string;
  amount: number;
  status: string;
  ledgerPaymentId: string | null;
  externalId: string | null;
  acceptedByBilling: boolean;
}

/**
 * The card payment of this organization that `reference` names — Abonent's payment id (the order id
 * the bank and its registry show) or the gateway's payment id — locked for the transaction.
 */
export async function lockCardPaymentByReference(
  db: Kysely<DB>,
  organizationId: string,
  reference: string,
): Promise<MatchCandidate | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference);
  const row = await db
    .selectFrom('card_payments as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('payments as p', 'p.card_payment_id', 'c.id')
    .select([
      'c.id',
      'c.amount',
      'c.status',
      'p.id as ledgerPaymentId',
      'p.external_id as externalId',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('card_payment_events as e')
              .select('e.id')
              .whereRef('e.payment_id', '=', 'c.id')
              .where('e.kind', '=', 'accepted_by_billing'),
          )
          .as('acceptedByBilling'),
    ])
    .where('a.organization_id', '=', organizationId)
    .where((eb) =>
      isUuid
        ? eb.or([eb('c.id', '=', reference), eb('c.gateway_payment_id', '=', reference)])
        : eb('c.gateway_payment_id', '=', reference),
    )
    .forUpdate(['c'])
    .executeTakeFirst();
  return row
    ? { ...row, amount: Number(row.amount), acceptedByBilling: Boolean(row.acceptedByBilling) }
    : undefined;
}

export async function setLedgerExternalId(
  db: Kysely<DB>,
  ledgerPaymentId: string,
  externalId: string,
): Promise<void> {
  await db
    .updateTable('payments')
    .set({ external_id: externalId })
    .where('id', '=', ledgerPaymentId)
    .execute();
}
