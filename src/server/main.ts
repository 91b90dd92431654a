// Starts Abonent: reads the configuration, opens and migrates the database, seeds the demo once,
// and serves HTTP until SIGINT/SIGTERM.
import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import {
  DEMO_OPERATOR,
  DEMO_OPERATOR_TOTP_SECRET,
  DEMO_PLATFORM_ADMIN,
  DEMO_SUBSCRIBER,
} from './demo/catalog.ts';
import { ensureDemoData } from './demo/ensure-demo.ts';
import { cardPaymentsPollJob } from './jobs/card-payments-poll.job.ts';
import { cardPaymentsReconciliationJob } from './jobs/card-payments-reconciliation.job.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { readingRemindersJob, scheduleReminderScans } from './jobs/reading-reminders.job.ts';
import { receiptEmailsJob } from './jobs/receipt-emails.job.ts';
import { createMailTransport, jobDefinitions, startWorkers } from './jobs/workers.ts';

await runCli(async () => {
  const config = loadConfig();
  if (config.database.kind === 'pglite') mkdirSync(config.database.dataDir, { recursive: true });
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  if (config.demo) {
    await ensureDemoData(database, config.demoAccounts, (line) => console.log(line));
  }
  const queue = new JobQueue(database.db);
  await queue.start(jobDefinitions);
  const mailTransport = createMailTransport(config);
  let stopScans = () => {};
  if (config.worker) {
    await startWorkers(queue, database.db, mailTransport, config, database.kind);
    // Reading reminders and receipts by e-mail: both scans are idempotent, every 10 minutes.
    stopScans = scheduleReminderScans(async () => {
      await queue.send(readingRemindersJob, {});
      await queue.send(receiptEmailsJob, {});
    }, 10);
    const stopPolls = scheduleReminderScans(() => queue.send(cardPaymentsPollJob, {}).then(() => {}), 2);
    // The daily reconciliation is queued hourly; each organization's day is reported once.
    const stopReconciliations = scheduleReminderScans(
      () => queue.send(cardPaymentsReconciliationJob, {}).then(() => {}),
      60,
    );
    const stopReminders = stopScans;
    stopScans = () => {
      stopReminders();
      stopPolls();
      stopReconciliations();
    };
  }
  const app = await buildApp({ config, database, queue });
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopScans();
    await app.close();
    await queue.stop();
    mailTransport.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });

  const databaseLabel =
    config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  const lines = [
    '',
    `  Abonent is running: ${config.publicUrl}`,
    `  Database: ${databaseLabel}${config.demo ? ' · demo mode' : ''}`,
    ...(config.demo
      ? [
          `  Subscriber: ${DEMO_SUBSCRIBER.email} / ${DEMO_SUBSCRIBER.password}`,
          `  Operator:   ${DEMO_OPERATOR.email} / ${DEMO_OPERATOR.password} (two-factor secret ${DEMO_OPERATOR_TOTP_SECRET})`,
          `  Platform:   ${DEMO_PLATFORM_ADMIN.email} / ${DEMO_PLATFORM_ADMIN.password} (same two-factor secret)`,
        ]
      : []),
    `  API docs:   ${config.publicUrl}/api/docs`,
    ...(config.demo && config.mail.kind === 'mailbox'
      ? [`  Mailbox:    ${config.publicUrl}/dev/mailbox`]
      : []),
    '',
  ];
  console.log(lines.join('\n'));
});
