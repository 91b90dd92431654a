// When the organization's billing imports a payment that Abonent already credited online, the import
// must not count it twice: it names the card payment (Abonent's payment id, which the bank's registry
// carries as the order id, or the gateway's payment id), and this matches it — the ledger row gets
// the billing's external id and the timeline gains "accepted by billing", once. The payments import
// calls this for every row of the `card` channel before it would add a new one.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { lockCardPaymentByReference, setLedgerExternalId } from './billing-match.repository.ts';
import { addEvent } from './card-payments.repository.ts';

export interface BillingPaymentReport {
  /** Abonent's payment id or the gateway's payment id, as the billing's registry has it. */
  reference: string;
  /** Kopecks, as the billing has them. */
  amount: number;
  /** The billing's own id of the payment. */
  externalId: string;
}

export type BillingMatch =
  /** It is a card payment credited here: matched, not to be added again. */
  | { kind: 'matched'; cardPaymentId: string; firstTime: boolean }
  /** Not a card payment of this organization: the import adds it as a payment of its own. */
  | { kind: 'unknown' }
  /** A card payment, but not credited here or of another amount: for the operator to look at. */
  | { kind: 'mismatch'; cardPaymentId: string; reason: 'amount' | 'not_credited' };

export async function matchBillingPayment(
  db: Kysely<DB>,
  organizationId: string,
  report: BillingPaymentReport,
): Promise<BillingMatch> {
  return db.transaction().execute((trx) => matchBillingPaymentIn(trx, organizationId, report));
}

/** The same inside a transaction the caller holds (an import applies all its rows in one). */
export async function matchBillingPaymentIn(
  trx: Kysely<DB>,
  organizationId: string,
  report: BillingPaymentReport,
): Promise<BillingMatch> {
  const payment = await lockCardPaymentByReference(trx, organizationId, report.reference);
  if (!payment) return { kind: 'unknown' };
  if (!payment.ledgerPaymentId || payment.status !== 'succeeded')
    return { kind: 'mismatch', cardPaymentId: payment.id, reason: 'not_credited' };
  if (payment.amount !== report.amount) {
    await addEvent(trx, payment.id, 'conflict', {
      reason: 'billing_amount',
      reported: report.amount,
      externalId: report.externalId,
    });
    return { kind: 'mismatch', cardPaymentId: payment.id, reason: 'amount' };
  }
  if (payment.acceptedByBilling) return { kind: 'matched', cardPaymentId: payment.id, firstTime: false };
  if (!payment.externalId) await setLedgerExternalId(trx, payment.ledgerPaymentId, report.externalId);
  await addEvent(trx, payment.id, 'accepted_by_billing', { externalId: report.externalId });
  return { kind: 'matched', cardPaymentId: payment.id, firstTime: true };
}
