// Applies Kysely migrations; the list is static so bundlers and tsx see every file.
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as coreModel from './migrations/0001-core-model.ts';
import * as identityAndMail from './migrations/0002-identity-and-mail.ts';
import * as twoFactor from './migrations/0003-two-factor.ts';
import * as sessionSecondFactor from './migrations/0004-session-second-factor.ts';
import * as mailRecipientIndex from './migrations/0005-mail-recipient-index.ts';
import * as readings from './migrations/0006-readings.ts';
import * as remindersSent from './migrations/0007-reminders-sent.ts';
import * as receipts from './migrations/0008-receipts.ts';
import * as sandboxBank from './migrations/0009-sandbox-bank.ts';
import * as cardPayments from './migrations/0010-card-payments.ts';
import * as paymentGatewaySettings from './migrations/0011-payment-gateway-settings.ts';
import * as refundRequests from './migrations/0012-refund-requests.ts';
import * as paymentReconciliation from './migrations/0013-payment-reconciliation.ts';
import * as paymentRules from './migrations/0014-payment-rules.ts';
import * as imports from './migrations/0015-imports.ts';
import * as organizationSettings from './migrations/0016-organization-settings.ts';
import * as platformAdmins from './migrations/0017-platform-admins.ts';
import * as importFileChunks from './migrations/0018-import-file-chunks.ts';
import type { DB } from './schema.ts';

const migrations: Record<string, Migration> = {
  '0001-core-model': coreModel,
  '0002-identity-and-mail': identityAndMail,
  '0003-two-factor': twoFactor,
  '0004-session-second-factor': sessionSecondFactor,
  '0005-mail-recipient-index': mailRecipientIndex,
  '0006-readings': readings,
  '0007-reminders-sent': remindersSent,
  '0008-receipts': receipts,
  '0009-sandbox-bank': sandboxBank,
  '0010-card-payments': cardPayments,
  '0011-payment-gateway-settings': paymentGatewaySettings,
  '0012-refund-requests': refundRequests,
  '0013-payment-reconciliation': paymentReconciliation,
  '0014-payment-rules': paymentRules,
  '0015-imports': imports,
  '0016-organization-settings': organizationSettings,
  '0017-platform-admins': platformAdmins,
  '0018-import-file-chunks': importFileChunks,
};

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
