// The payment gateways this instance has, built once from configuration for the web routes and for
// the workers alike. For now the sandbox bank where it is enabled (ADR 0011).
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { PaymentGateway } from './gateway.ts';
import { sandboxGateway } from './sandbox/sandbox-gateway.ts';

export type PaymentGateways = Partial<Record<PaymentGateway['kind'], PaymentGateway>>;

export function createPaymentGateways(
  db: Kysely<DB>,
  config: Pick<Config, 'publicUrl' | 'sandboxBank'>,
  log: (line: string) => void = () => {},
): PaymentGateways {
  return config.sandboxBank
    ? { sandbox: sandboxGateway({ db, publicUrl: config.publicUrl, secret: config.sandboxBank.secret, log }) }
    : {};
}
