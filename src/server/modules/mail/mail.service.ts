// Queueing mail: the message is stored and its send job enqueued in the caller's transaction, so
// mail is sent exactly when the change that caused it commits — and survives an SMTP outage.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { sendMailJob } from '../../jobs/send-mail.job.ts';
import { insertMessage } from './mail.repository.ts';
import { type MailLocale, type MailTemplate, renderMail } from './mail.templates.ts';

export async function queueMail(
  transaction: Kysely<DB>,
  queue: JobQueue,
  to: string,
  locale: MailLocale,
  mail: MailTemplate,
): Promise<void> {
  const rendered = renderMail(mail, locale);
  const messageId = await insertMessage(transaction, {
    recipient: to,
    template: mail.template,
    locale,
    ...rendered,
  });
  await queue.send(sendMailJob, { messageId }, transaction);
}
