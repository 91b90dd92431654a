// What Abonent needs from a card acquirer (DOMAIN.md "Card payments"): start a payment on the bank's
// hosted page, read its state, refund it, and turn a notification into a trusted event. The sandbox
// bank (demo mode), YooKassa API v3 and T-Bank Acquiring v2 implement it. No card data ever passes
// through this interface: the person types it on the bank's page.

/** The gateway's view of a payment, mapped onto Abonent's states. */
export type GatewayPaymentState = 'pending' | 'succeeded' | 'canceled';

export interface ReceiptItem {
  /** «Оплата ЖКУ по л/с 0001000000 за 10.2026» */
  description: string;
  /** Kopecks */
  amount: number;
  quantity: 1;
  /** The organization's VAT setting, e.g. 'none' (без НДС), 'vat20'. */
  vat: 'none' | 'vat0' | 'vat10' | 'vat20';
  paymentSubject: 'service';
}

export interface CreatePaymentRequest {
  /** Abonent's payment id: the order id at the gateway and the Idempotence-Key of its creation. */
  paymentId: string;
  /** Kopecks, > 0 */
  amount: number;
  description: string;
  /** Where the bank's page sends the person back: PUBLIC_URL/payments/:paymentId */
  returnUrl: string;
  /** Where the gateway posts its notifications: PUBLIC_URL/api/v1/payment-notifications/:gateway */
  notificationUrl: string;
  /** 54-ФЗ: the fiscal receipt goes to this e-mail with these items. */
  customerEmail: string;
  items: ReceiptItem[];
}

export interface CreatedPayment {
  gatewayPaymentId: string;
  /** The bank's hosted page. */
  redirectUrl: string;
  state: GatewayPaymentState;
}

export interface GatewayPayment {
  gatewayPaymentId: string;
  state: GatewayPaymentState;
  /** Kopecks, as the gateway reports them (must match Abonent's before crediting). */
  amount: number;
  /** When the bank took the money, if it says. */
  paidAt: Date | null;
  /**
   * Kopecks the bank has given back to the card so far (0 when nothing). A refunded payment still
   * reads as `succeeded`: it was paid. T-Bank's GetState does not say how much of a PARTIAL_REFUNDED
   * payment went back; it reads as 1 (some, not all), which is all Abonent can act on.
   */
  refundedAmount: number;
}

/**
 * What the bank did with a refund asked for: done; still working on it (its notification says when
 * it is done, and asking again with the same idempotency key tells how it stands); or refused it for
 * good. Trouble that may pass (network, 5xx, a refusal of the request itself) is thrown instead.
 */
export type RefundOutcome = 'succeeded' | 'pending' | 'canceled';

/** A notification after verification: what it claims happened to which payment. */
export interface GatewayEvent {
  gatewayPaymentId: string;
  state: GatewayPaymentState | 'refunded';
  amount: number;
}

export interface IncomingNotification {
  headers: Record<string, string | string[] | undefined>;
  /** The raw body as received (signatures are computed over it). */
  rawBody: string;
  /** The peer's address, for gateways that publish an IP allowlist. */
  ip: string;
}

export interface PaymentGateway {
  readonly kind: 'sandbox' | 'yookassa' | 'tbank';
  create(request: CreatePaymentRequest): Promise<CreatedPayment>;
  get(gatewayPaymentId: string): Promise<GatewayPayment>;
  refund(gatewayPaymentId: string, amount: number, idempotencyKey: string): Promise<RefundOutcome>;
  /**
   * Checks a notification (signature, token, or by re-reading the payment from the gateway) and
   * returns what it says; null when it cannot be trusted — it then changes nothing.
   */
  verifyNotification(notification: IncomingNotification): Promise<GatewayEvent | null>;
  /** What the gateway expects as the answer to an accepted notification (T-Bank: "OK"). */
  readonly notificationAnswer: { status: number; contentType: string; body: string };
}
