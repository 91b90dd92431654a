// Which PaymentGateway serves an organization (issue 6, ADR 0011): its row in
// payment_gateway_settings (YooKassa or T-Bank with credentials opened from their sealed form, or
// the sandbox bank), else the sandbox bank where this instance runs one (demo mode). Built per use:
// an adapter is a few closures, and a settings change applies to the very next payment.
import type { Kysely } from 'kysely';
import type { PaymentGateway } from '../../adapters/payments/gateway.ts';
import { sandboxGateway } from '../../adapters/payments/sandbox/sandbox-gateway.ts';
import { tbankGateway } from '../../adapters/payments/tbank/tbank-gateway.ts';
import {
  YOOKASSA_NOTIFICATION_IPS,
  yookassaGateway,
} from '../../adapters/payments/yookassa/yookassa-gateway.ts';
import type { Config } from '../../config.ts';
import { openSecret } from '../../crypto/secret-box.ts';
import type { DB } from '../../db/schema.ts';
import {
  findActiveGatewaySettings,
  findGatewaySettingsOf,
  type GatewaySettingsRow,
  organizationOfAccount,
} from './gateway-settings.repository.ts';

export type GatewayKind = PaymentGateway['kind'];

export interface OrganizationGateway {
  gateway: PaymentGateway;
  vat: GatewaySettingsRow['vat'];
  /** Where this gateway posts its notifications for this organization. */
  notificationUrl: string;
}

export interface GatewayDirectory {
  /** The gateway an organization takes card payments through; null when it takes none. */
  forOrganization(organizationId: string): Promise<OrganizationGateway | null>;
  /**
   * The gateway of this kind as the organization has it configured, active or not: payments made
   * there before a switch are still notified, polled and refunded through it.
   */
  forKind(kind: GatewayKind, organizationId: string): Promise<PaymentGateway | null>;
  /** The same, for a card payment of this account. */
  forAccount(kind: GatewayKind, accountId: string): Promise<PaymentGateway | null>;
}

/** The associated data that binds a sealed gateway secret to its organization and gateway. */
export function secretPlaceOf(organizationId: string, kind: GatewayKind): string {
  return `organization:${organizationId}:${kind}`;
}

export function notificationUrlOf(publicUrl: string, kind: GatewayKind, organizationId: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  // The sandbox bank is one per instance and signs with the instance's secret: one address.
  return kind === 'sandbox'
    ? `${base}/api/v1/payment-notifications/sandbox`
    : `${base}/api/v1/payment-notifications/${kind}/${organizationId}`;
}

export function createGatewayDirectory(
  db: Kysely<DB>,
  config: Pick<Config, 'publicUrl' | 'sandboxBank' | 'gatewaySecretsKey'>,
  log: (line: string) => void = () => {},
): GatewayDirectory {
  const sandbox = config.sandboxBank
    ? sandboxGateway({ db, publicUrl: config.publicUrl, secret: config.sandboxBank.secret, log })
    : null;

  /** undefined: nothing configured (the sandbox where it runs); null: not configured for that kind. */
  function build(settings: GatewaySettingsRow | undefined | null): PaymentGateway | null {
    if (settings === null) return null;
    if (!settings || settings.gateway === 'sandbox') return sandbox;
    if (!config.gatewaySecretsKey || !settings.merchantId || !settings.secretSealed) {
      log(
        `payments: organization ${settings.organizationId} has ${settings.gateway} without usable credentials`,
      );
      return null;
    }
    const secret = openSecret(
      config.gatewaySecretsKey,
      settings.secretSealed,
      secretPlaceOf(settings.organizationId, settings.gateway),
    );
    const apiUrl = settings.apiUrl ?? undefined;
    return settings.gateway === 'yookassa'
      ? yookassaGateway({
          apiUrl,
          shopId: settings.merchantId,
          secretKey: secret,
          // A test bank on another address cannot come from YooKassa's networks.
          ipAllowlist: apiUrl ? null : YOOKASSA_NOTIFICATION_IPS,
          log,
        })
      : tbankGateway({
          apiUrl,
          terminalKey: settings.merchantId,
          password: secret,
          taxation: settings.taxation,
          log,
        });
  }

  async function forKind(kind: GatewayKind, organizationId: string): Promise<PaymentGateway | null> {
    if (kind === 'sandbox') return sandbox;
    return build((await findGatewaySettingsOf(db, organizationId, kind)) ?? null);
  }

  return {
    async forOrganization(organizationId) {
      const settings = await findActiveGatewaySettings(db, organizationId);
      const gateway = build(settings ?? undefined);
      if (!gateway) return null;
      return {
        gateway,
        vat: settings?.vat ?? 'none',
        notificationUrl: notificationUrlOf(config.publicUrl, gateway.kind, organizationId),
      };
    },
    forKind,
    async forAccount(kind, accountId) {
      if (kind === 'sandbox') return sandbox;
      const organizationId = await organizationOfAccount(db, accountId);
      return organizationId ? forKind(kind, organizationId) : null;
    },
  };
}
