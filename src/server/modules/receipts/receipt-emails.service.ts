// «Присылать квитанции на e-mail»: a periodic scan mails each opted-in member the PDF of their
// account's newest receipt, once per (account, period, version, person). The delivery row and the
// mail are written in one transaction, so overlapping scans on several processes send it once.
import { type Kysely, sql } from 'kysely';
import type { Period } from '../../../shared/period.ts';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { findAccountScope } from '../accounts/accounts.repository.ts';
import { queueMail } from '../mail/mail.service.ts';
import { receiptFor, storedReceiptPdf } from './receipts.service.ts';

interface Context {
  db: Kysely<DB>;
  queue: JobQueue;
  publicUrl: string;
}

interface Candidate {
  userId: string;
  email: string;
  locale: 'ru' | 'en';
  accountId: string;
  period: Period;
  organizationName: string;
}

class AlreadyDelivered extends Error {}

/**
 * Opted-in, active members whose account's newest receipt they have not been sent yet (any version).
 * A receipt that changes later (a new version) is sent again by `sendReceiptVersion`.
 */
function findCandidates(db: Kysely<DB>, limit: number) {
  return sql<Candidate>`
    select u.id as "userId", u.email, u.locale, a.id as "accountId",
      to_char(st.period, 'YYYY-MM') as period, o.short_name as "organizationName"
    from users u
    join account_members am on am.user_id = u.id
    join accounts a on a.id = am.account_id
    join organizations o on o.id = a.organization_id
    join lateral (select s.period from statements s where s.account_id = a.id order by s.period desc limit 1) st
      on true
    where u.receipt_emails and u.disabled_at is null and u.email_verified_at is not null
      and not exists (select 1 from receipt_deliveries d
        where d.account_id = a.id and d.period = st.period and d.user_id = u.id)
    order by a.id, u.id
    limit ${limit}`.execute(db);
}

/** Mails what is due; returns how many receipts were queued. */
export async function sendDueReceiptEmails(context: Context, batch = 200): Promise<number> {
  let sent = 0;
  for (;;) {
    const { rows } = await findCandidates(context.db, batch);
    let sentNow = 0;
    for (const candidate of rows) if (await sendReceiptVersion(context, candidate)) sentNow += 1;
    sent += sentNow;
    // Rows that were not sent (another process won) are gone from the next query; stop when none are left.
    if (rows.length < batch || sentNow === 0) return sent;
  }
}

/** Sends the current version of (account, period) to one member unless it already went; true when queued. */
export async function sendReceiptVersion(context: Context, candidate: Candidate): Promise<boolean> {
  const scope = await findAccountScope(context.db, candidate.userId, candidate.accountId);
  if (!scope) return false;
  const receipt = await receiptFor(context.db, scope, candidate.period);
  const { document, fileName } = await storedReceiptPdf(context.db, receipt);
  try {
    await context.db.transaction().execute(async (trx) => {
      const messageId = await queueMail(
        trx,
        context.queue,
        candidate.email,
        candidate.locale,
        {
          template: 'receipt',
          organizationName: candidate.organizationName,
          accountNumber: receipt.payer.accountNumber,
          kind: receipt.kind,
          period: receipt.period,
          amountDue: receipt.totals.amountDue,
          dueDate: receipt.dueDate,
          link: `${context.publicUrl}/receipts/${receipt.period}`,
          settingsLink: `${context.publicUrl}/profile`,
        },
        [{ fileName, fileId: document.fileId }],
      );
      if (!messageId) throw new AlreadyDelivered();
      const inserted = await trx
        .insertInto('receipt_deliveries')
        .values({
          account_id: candidate.accountId,
          period: `${candidate.period}-01`,
          version: document.version,
          user_id: candidate.userId,
          message_id: messageId,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!inserted) throw new AlreadyDelivered();
    });
    return true;
  } catch (error) {
    if (error instanceof AlreadyDelivered) return false;
    throw error;
  }
}
