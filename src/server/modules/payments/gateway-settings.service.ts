// An organization's card-payment gateway, as its administrators set it (issue 6): the acquirer, the
// public merchant id, the secret sealed at rest (never shown again), and the receipt's VAT.
import type { Kysely } from 'kysely';
import type {
  PaymentGatewaySettings,
  UpdatePaymentGatewaySettings,
} from '../../../shared/api/payment-gateway-settings.ts';
import type { Config } from '../../config.ts';
import { sealSecret } from '../../crypto/secret-box.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import type { StaffScope } from '../readings/operator-readings.service.ts';
import { notificationUrlOf, secretPlaceOf } from './gateway-directory.ts';
import {
  findActiveGatewaySettings,
  findGatewaySettingsOf,
  saveGatewaySettings,
} from './gateway-settings.repository.ts';

type SettingsConfig = Pick<Config, 'publicUrl' | 'sandboxBank' | 'gatewaySecretsKey' | 'gatewayTestUrls'>;

export async function readGatewaySettings(
  db: Kysely<DB>,
  config: SettingsConfig,
  organizationId: string,
): Promise<PaymentGatewaySettings> {
  const row = await findActiveGatewaySettings(db, organizationId);
  const gateway = row?.gateway ?? (config.sandboxBank ? 'sandbox' : null);
  return {
    gateway,
    merchantId: row?.merchantId ?? null,
    hasSecret: Boolean(row?.secretSealed),
    apiUrl: row?.apiUrl ?? null,
    vat: row?.vat ?? 'none',
    taxation: row?.taxation ?? 'usn_income',
    notificationUrl: gateway ? notificationUrlOf(config.publicUrl, gateway, organizationId) : null,
  };
}

export async function updateGatewaySettings(
  db: Kysely<DB>,
  config: SettingsConfig,
  scope: StaffScope,
  body: UpdatePaymentGatewaySettings,
  ip: string,
): Promise<PaymentGatewaySettings> {
  if (scope.role !== 'admin')
    throw new AppError('FORBIDDEN', "Only the organization's administrators change the payment gateway.");
  const current = await findGatewaySettingsOf(db, scope.organizationId, body.gateway);
  let merchantId: string | null = null;
  let secretSealed: string | null = null;
  const apiUrl = body.gateway === 'sandbox' ? null : (body.apiUrl ?? null);
  if (apiUrl && !config.gatewayTestUrls)
    throw new AppError(
      'VALIDATION_FAILED',
      "The bank's address is fixed on this server; remove apiUrl (test addresses need PAYMENT_GATEWAY_TEST_URLS).",
      { fields: ['apiUrl'] },
    );
  if (body.gateway === 'sandbox') {
    if (!config.sandboxBank)
      throw new AppError(
        'VALIDATION_FAILED',
        'This instance runs no sandbox bank; choose YooKassa or T-Bank.',
        {
          fields: ['gateway'],
        },
      );
  } else {
    if (!config.gatewaySecretsKey)
      throw new AppError(
        'VALIDATION_FAILED',
        'The server has no GATEWAY_SECRETS_KEY, so gateway credentials cannot be stored safely; ask the instance administrator to set it.',
        { fields: ['secret'] },
      );
    merchantId = body.merchantId ?? null;
    if (!merchantId)
      throw new AppError('VALIDATION_FAILED', 'Enter the shop id (YooKassa) or terminal key (T-Bank).', {
        fields: ['merchantId'],
      });
    // A stored secret is kept only for the same gateway, merchant and address: otherwise whoever
    // changes them must know the secret, and it cannot be sent somewhere new without being re-entered.
    const sameDestination =
      current?.secretSealed && current.merchantId === merchantId && current.apiUrl === apiUrl;
    if (body.secret) {
      secretSealed = sealSecret(
        config.gatewaySecretsKey,
        body.secret,
        secretPlaceOf(scope.organizationId, body.gateway),
      );
    } else if (sameDestination) {
      secretSealed = current.secretSealed;
    } else {
      throw new AppError(
        'VALIDATION_FAILED',
        'Enter the secret key (YooKassa) or terminal password (T-Bank).',
        {
          fields: ['secret'],
        },
      );
    }
  }
  await db.transaction().execute(async (trx) => {
    await saveGatewaySettings(trx, {
      organizationId: scope.organizationId,
      gateway: body.gateway,
      merchantId,
      secretSealed,
      apiUrl,
      vat: body.vat,
      taxation: body.taxation,
      updatedBy: scope.userId,
    });
    await recordAuditEvent(trx, {
      organizationId: scope.organizationId,
      actorUserId: scope.userId,
      action: 'organization.payment_gateway_changed',
      targetType: 'organization',
      targetId: scope.organizationId,
      ip,
      // Never the secret; only whether it changed.
      details: {
        gateway: body.gateway,
        merchantId,
        apiUrl,
        secretChanged: Boolean(body.secret),
        vat: body.vat,
      },
    });
  });
  return readGatewaySettings(db, config, scope.organizationId);
}
