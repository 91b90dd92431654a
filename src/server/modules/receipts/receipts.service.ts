// Receipts for the subscriber: the list of months, one receipt as data, and its PDF, which is drawn
// once per (account, period, data version) and then served from storage. When anything printed on
// the receipt changes, its data version changes, and the next request stores a new version.
import type { Kysely } from 'kysely';
import type { Receipt, ReceiptsResponse } from '../../../shared/api/receipts.ts';
import type { Period } from '../../../shared/period.ts';
import { renderReceiptPdf } from '../../adapters/pdf/receipt-pdf.ts';
import { readStoredFile, storeFile } from '../../adapters/storage/file-storage.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AccountScope } from '../accounts/accounts.repository.ts';
import { requireAccountScope } from '../accounts/accounts.service.ts';
import { buildReceipt } from './receipt-model.ts';
import {
  findLatestReceiptDocument,
  insertReceiptDocument,
  listReceiptStatements,
  loadReceiptSource,
  type StoredReceipt,
} from './receipts.repository.ts';

function receiptNotFound(): AppError {
  return new AppError(
    'RECEIPT_NOT_FOUND',
    'There is no receipt for this month: no statement was issued for it.',
  );
}

export async function listReceipts(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
): Promise<ReceiptsResponse> {
  const scope = await requireAccountScope(db, userId, accountId);
  const statements = await listReceiptStatements(db, scope);
  return {
    accountId,
    receipts: statements.map((statement) => ({
      period: statement.period,
      charged: statement.charged + statement.recalculation - statement.benefit + statement.penalties,
      closing: statement.closing,
      amountDue: Math.max(0, statement.closing),
      dueDate: statement.dueDate,
    })),
  };
}

/** The receipt of a period for an account whose access is already checked. */
export async function receiptFor(db: Kysely<DB>, scope: AccountScope, period: Period): Promise<Receipt> {
  const source = await loadReceiptSource(db, scope, period);
  if (!source) throw receiptNotFound();
  return buildReceipt(source);
}

export async function getReceipt(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
  period: Period,
): Promise<Receipt> {
  return receiptFor(db, await requireAccountScope(db, userId, accountId), period);
}

export interface ReceiptPdf {
  receipt: Receipt;
  document: StoredReceipt;
  content: Buffer;
  fileName: string;
}

class LostRace extends Error {}

/**
 * The stored PDF of this receipt, when the newest stored version has its data version; otherwise it
 * is drawn and stored as the next version. Two processes drawing the same new version at once store
 * it once: the loser's transaction rolls back (with its file) and it reads the winner's.
 */
export async function storedReceiptPdf(db: Kysely<DB>, receipt: Receipt): Promise<ReceiptPdf> {
  const { accountId, period, dataVersion } = receipt;
  const fileName = `receipt-${receipt.kind === 'housing' ? 'epd' : 'invoice'}-${receipt.payer.accountNumber.replace(/[^0-9A-Za-z-]/g, '_')}-${period}.pdf`;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Only the newest version counts: data that changes back (A → B → A) is a new version again.
    const existing = await findLatestReceiptDocument(db, accountId, period);
    if (existing?.dataVersion === dataVersion) {
      const file = await readStoredFile(db, existing.fileId);
      if (!file) throw new Error(`Stored file ${existing.fileId} of a receipt is missing`);
      return { receipt, document: existing, content: file.content, fileName };
    }
    const content = await renderReceiptPdf(receipt);
    try {
      const document = await db.transaction().execute(async (transaction) => {
        const fileId = await storeFile(transaction, { contentType: 'application/pdf', content });
        const inserted = await insertReceiptDocument(transaction, accountId, period, dataVersion, fileId);
        if (!inserted) throw new LostRace();
        return inserted;
      });
      return { receipt, document, content, fileName };
    } catch (error) {
      if (!(error instanceof LostRace) && !isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`Could not store receipt ${accountId} ${period} after 5 attempts`);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export async function getReceiptPdf(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
  period: Period,
): Promise<ReceiptPdf> {
  return storedReceiptPdf(db, await getReceipt(db, userId, accountId, period));
}
