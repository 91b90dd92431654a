// Queueing mail: the message is stored and its send job enqueued in the caller's transaction, so
// mail is sent exactly when the change that caused it commits — and survives an SMTP outage.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { sendMailJob } from '../../jobs/send-mail.job.ts';
import { countRecentMail, insertAttachments, insertMessage } from './mail.repository.ts';
import { type MailLocale, type MailTemplate, renderMail } from './mail.templates.ts';

/**
 * Mail that anybody can make us send to any address (registration, reset): at most this many of
 * one kind per address an hour, so the portal cannot be used to flood a mailbox. The HTTP answer
 * does not change when a message is held back.
 */
export const UNSOLICITED_MAIL_PER_HOUR = 3;
const unsolicitedGroups: Partial<Record<MailTemplate['template'], readonly MailTemplate['template'][]>> = {
  registration_confirm: ['registration_confirm', 'registration_existing'],
  registration_existing: ['registration_confirm', 'registration_existing'],
  password_reset: ['password_reset'],
};

/**
 * Stores the message (with attachments: stored files) and enqueues its sending; returns the message
 * id, or null when the per-address throttle held it back.
 */
export async function queueMail(
  transaction: Kysely<DB>,
  queue: JobQueue,
  to: string,
  locale: MailLocale,
  mail: MailTemplate,
  attachments: { fileName: string; fileId: string }[] = [],
): Promise<string | null> {
  const group = unsolicitedGroups[mail.template];
  if (group) {
    const since = new Date(Date.now() - 60 * 60 * 1000);
    if ((await countRecentMail(transaction, to, group, since)) >= UNSOLICITED_MAIL_PER_HOUR) return null;
  }
  const rendered = renderMail(mail, locale);
  const messageId = await insertMessage(transaction, {
    recipient: to,
    template: mail.template,
    locale,
    ...rendered,
  });
  if (attachments.length > 0) await insertAttachments(transaction, messageId, attachments);
  await queue.send(sendMailJob, { messageId }, transaction);
  return messageId;
}
