// An organization's own «Правила оплаты» (issue 6, item 5): anyone may read them (they are the
// public offer a payer accepts), staff read the organization's texts, administrators change them.
// A language without a text of its own shows the portal's default rules (the web app has them).
//
// The text is plain text, never HTML: the web app splits it into paragraphs and list items and
// renders them as React text nodes (no dangerouslySetInnerHTML), so markup in it is shown as typed
// and cannot run — an administrator cannot plant a script on the public page.
import type { Kysely } from 'kysely';
import {
  normalizePaymentRulesText,
  type PaymentRulesSettings,
  type PublicPaymentRules,
  type UpdatePaymentRules,
} from '../../../shared/api/payment-rules.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { StaffScope } from '../readings/operator-readings.service.ts';
import {
  deletePaymentRules,
  findOrganizationName,
  findPaymentRules,
  type RulesLocale,
  savePaymentRules,
} from './payment-rules.repository.ts';

const LOCALES: readonly RulesLocale[] = ['ru', 'en'];

export async function readPublicPaymentRules(
  db: Kysely<DB>,
  organizationId: string,
  locale: RulesLocale,
): Promise<PublicPaymentRules> {
  const organizationName = await findOrganizationName(db, organizationId);
  if (organizationName === undefined) throw errors.notFound('organization');
  const [rules] = await findPaymentRules(db, organizationId, locale);
  return {
    organizationId,
    organizationName,
    locale,
    body: rules?.body ?? null,
    updatedAt: rules?.updatedAt.toISOString() ?? null,
  };
}

export async function readPaymentRulesSettings(
  db: Kysely<DB>,
  organizationId: string,
): Promise<PaymentRulesSettings> {
  const rows = await findPaymentRules(db, organizationId);
  const bodyOf = (locale: RulesLocale) => rows.find((row) => row.locale === locale)?.body ?? null;
  return { ru: bodyOf('ru'), en: bodyOf('en') };
}

/** Stores the texts; null or an empty (blank) text removes that language's text. */
export async function updatePaymentRules(
  db: Kysely<DB>,
  scope: StaffScope,
  body: UpdatePaymentRules,
  ip: string,
): Promise<PaymentRulesSettings> {
  if (scope.role !== 'admin')
    throw new AppError('FORBIDDEN', "Only the organization's administrators change the payment rules.");
  const wanted: Record<RulesLocale, string | null> = { ru: null, en: null };
  for (const locale of LOCALES) {
    const text = body[locale] === null ? '' : normalizePaymentRulesText(body[locale]);
    wanted[locale] = text === '' ? null : text;
  }

  await db.transaction().execute(async (trx) => {
    const current = await readPaymentRulesSettings(trx, scope.organizationId);
    const changes: Record<string, unknown> = {};
    for (const locale of LOCALES) {
      const text = wanted[locale];
      if (text === current[locale]) {
        changes[locale] = 'unchanged';
      } else if (text === null) {
        await deletePaymentRules(trx, scope.organizationId, locale);
        changes[locale] = 'removed';
      } else {
        await savePaymentRules(trx, {
          organizationId: scope.organizationId,
          locale,
          body: text,
          updatedBy: scope.userId,
        });
        // The text itself is public and may be long; the log keeps what happened and its size.
        changes[locale] = 'set';
        changes[`${locale}Length`] = [...text].length;
      }
    }
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'organization.payment_rules_changed',
      targetType: 'organization',
      targetId: scope.organizationId,
      ip,
      details: changes,
    });
  });
  return readPaymentRulesSettings(db, scope.organizationId);
}
