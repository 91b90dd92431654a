// Addresses that several features link to. A feature never imports another feature, so the
// addresses they share live here.
export const PROFILE_PATH = '/profile';
export const SECURITY_PATH = '/profile/security';
export const DEVICES_PATH = '/profile/devices';
export const TWO_FACTOR_SETUP_PATH = '/profile/two-factor';
export const METERS_PATH = '/meters';
export const RECEIPTS_PATH = '/receipts';

/** One month's receipt (ЕПД); the charges page and the dashboard link to it too. */
export function receiptPath(period: string): string {
  return `${RECEIPTS_PATH}/${encodeURIComponent(period)}`;
}

/** Paying by card: the form (with `?account=`), and the page the bank sends the person back to. */
export const PAY_PATH = '/pay';
export const CARD_PAYMENTS_PATH = '/payments';
/** The rules of paying by card; public, linked from the pay form and the footer. */
export const PAYMENT_RULES_PATH = '/payment-rules';
/** `?organization=<id>` on the rules page: that organization's own rules, if it has written them. */
export const PAYMENT_RULES_ORGANIZATION_PARAM = 'organization';

export function paymentRulesPath(organizationId?: string): string {
  return organizationId
    ? `${PAYMENT_RULES_PATH}?${PAYMENT_RULES_ORGANIZATION_PARAM}=${encodeURIComponent(organizationId)}`
    : PAYMENT_RULES_PATH;
}

export function cardPaymentPath(paymentId: string): string {
  return `${CARD_PAYMENTS_PATH}/${encodeURIComponent(paymentId)}`;
}

/**
 * The operator console (staff only) and its sections. Platform administrators have their own
 * area at /admin.
 */
export const OPERATOR_PATH = '/operator';
export const OPERATOR_ACCOUNTS_PATH = '/operator/accounts';
export const OPERATOR_IMPORTS_PATH = '/operator/imports';
export const OPERATOR_EXPORTS_PATH = '/operator/exports';
export const OPERATOR_SETTINGS_PATH = '/operator/settings';
export const ADMIN_PATH = '/admin';

/** One account in the console, as its subscriber sees it. */
export function operatorAccountPath(accountId: string): string {
  return `${OPERATOR_ACCOUNTS_PATH}/${encodeURIComponent(accountId)}`;
}
