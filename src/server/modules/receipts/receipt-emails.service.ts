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
 * Opted-in, active members with a confirmed address who have not been sent the newest stored
 * version of their account's newest receipt (or any, when none is stored yet). A receipt whose data
 * changed gets a new version when it is next drawn (viewed, downloaded, or by an import), and the
 * next scan sends that one too.
 */
function findCandidates(db: Kysely<DB>, limit: number, after: { accountId: string; userId: string }) {
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
        where d.account_id = a.id and d.period = st.period and d.user_id = u.id
          and d.version >= coalesce((select max(rd.version) from receipt_documents rd
            where rd.account_id = a.id and rd.period = st.period), 0))
      and (a.id, u.id) > (${after.accountId}::uuid, ${after.userId}::uuid)
    order by a.id, u.id
    limit ${limit}`.execute(db);
}

/** Mails what is due; returns how many receipts were queued. */
export async function sendDueReceiptEmails(context: Context, batch = 200): Promise<number> {
  let sent = 0;
  // Keyset pages: a candidate that fails stays behind instead of filling every page.
  let after = {
    accountId: '00000000-0000-0000-0000-000000000000',
    userId: '00000000-0000-0000-0000-000000000000',
  };
  for (;;) {
    const { rows } = await findCandidates(context.db, batch, after);
    for (const candidate of rows) {
      try {
        if (await sendReceiptVersion(context, candidate)) sent += 1;
      } catch (error) {
        // One account's broken data must not hold up everybody after it in the scan.
        console.error(
          `receipt e-mail for account ${candidate.accountId}, ${candidate.period} failed: ${(error as Error).message}`,
        );
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < batch) return sent;
    after = { accountId: last.accountId, userId: last.userId };
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
