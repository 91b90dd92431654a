// Every job kind and its handler, in one list: main.ts starts them in the web process unless
// WORKER=off, and tests start them beside the app.
import type { Kysely } from 'kysely';
import { type MailTransport, mailboxTransport, smtpTransport } from '../adapters/mail/mail-transport.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { requestPasswordReset } from '../modules/auth/password-reset.service.ts';
import { runImport } from '../modules/imports/imports.service.ts';
import { pollOpenPayments } from '../modules/payments/card-payments.service.ts';
import { createGatewayDirectory } from '../modules/payments/gateway-directory.ts';
import { reconcileCardPayments } from '../modules/payments/reconciliation.service.ts';
import { sendDueReminders } from '../modules/readings/reminders.service.ts';
import { sendDueReceiptEmails } from '../modules/receipts/receipt-emails.service.ts';
import { cardPaymentsPollJob } from './card-payments-poll.job.ts';
import { cardPaymentsReconciliationJob } from './card-payments-reconciliation.job.ts';
import { importBatchJob } from './import-batch.job.ts';
import type { JobQueue } from './job-queue.ts';
import { passwordResetRequestJob } from './password-reset-request.job.ts';
import { readingRemindersJob } from './reading-reminders.job.ts';
import { receiptEmailsJob } from './receipt-emails.job.ts';
import { handleSendMail, sendMailJob } from './send-mail.job.ts';

export const jobDefinitions = [
  sendMailJob,
  passwordResetRequestJob,
  readingRemindersJob,
  receiptEmailsJob,
  cardPaymentsPollJob,
  cardPaymentsReconciliationJob,
  importBatchJob,
];

export function createMailTransport(config: Config): MailTransport {
  return config.mail.kind === 'smtp' ? smtpTransport(config.mail.url, config.mail.from) : mailboxTransport();
}

export async function startWorkers(
  queue: JobQueue,
  db: Kysely<DB>,
  transport: MailTransport,
  config: Pick<Config, 'publicUrl' | 'sandboxBank' | 'gatewaySecretsKey'>,
  databaseKind: 'postgres' | 'pglite',
): Promise<void> {
  const gateways = createGatewayDirectory(db, config);
  await queue.work(sendMailJob, ({ messageId }) => handleSendMail(db, transport, messageId));
  await queue.work(passwordResetRequestJob, ({ email, locale, ip }) =>
    requestPasswordReset({ db, queue, publicUrl: config.publicUrl }, email, locale, ip),
  );
  await queue.work(readingRemindersJob, async () => {
    await sendDueReminders({ db, queue, publicUrl: config.publicUrl });
  });
  await queue.work(receiptEmailsJob, async () => {
    await sendDueReceiptEmails({ db, queue, publicUrl: config.publicUrl });
  });
  await queue.work(cardPaymentsPollJob, async () => {
    await pollOpenPayments(db, (kind, accountId) => gateways.forAccount(kind, accountId));
  });
  await queue.work(cardPaymentsReconciliationJob, async () => {
    await reconcileCardPayments({
      db,
      queue,
      gatewayFor: (kind, organizationId) => gateways.forKind(kind, organizationId),
    });
  });
  await queue.work(importBatchJob, ({ importId }) =>
    runImport(db, importId, { progressBesideTransaction: databaseKind === 'postgres' }),
  );
}
