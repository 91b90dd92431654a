// The payment QR code of ГОСТ Р 56042-2014 ("ST00012"), DOMAIN.md "Payment QR code": the header
// ST0001 + the encoding digit (2 = UTF-8), then Key=Value pairs separated by "|". The mandatory
// keys come first in the order Sberbank's app expects (Name, PersonalAcc, BankName, BIC,
// CorrespAcc, KPP, PayeeINN, Purpose, Sum), the optional ones after them.

export interface PaymentQrFields {
  /** Payee name, ≤ 160 characters. */
  Name: string;
  /** Payee settlement account, 20 digits. */
  PersonalAcc: string;
  /** ≤ 45 characters. */
  BankName: string;
  /** 9 digits. */
  BIC: string;
  /** Correspondent account, ≤ 20 digits. */
  CorrespAcc: string;
  /** 9 digits. */
  KPP?: string;
  /** 10 or 12 digits. */
  PayeeINN?: string;
  /** ≤ 210 characters. */
  Purpose?: string;
  /** Kopecks, ≤ 18 digits. */
  Sum?: number;
  /** The payer's лицевой счёт. */
  PersAcc?: string;
  /** MMYYYY. */
  PaymPeriod?: string;
  LastName?: string;
  FirstName?: string;
  MiddleName?: string;
  PayerAddress?: string;
  /** 02 housing and utilities, 09 internet and TV. */
  TechCode?: '02' | '09';
}

export const PAYMENT_QR_HEADER = 'ST00012';
const SEPARATOR = '|';

const KEY_ORDER = [
  'Name',
  'PersonalAcc',
  'BankName',
  'BIC',
  'CorrespAcc',
  'KPP',
  'PayeeINN',
  'Purpose',
  'Sum',
  'PersAcc',
  'PaymPeriod',
  'LastName',
  'FirstName',
  'MiddleName',
  'PayerAddress',
  'TechCode',
] as const satisfies readonly (keyof PaymentQrFields)[];

type Rule = { pattern?: RegExp; maxLength?: number; what: string };
const RULES: Record<(typeof KEY_ORDER)[number], Rule> = {
  Name: { maxLength: 160, what: 'at most 160 characters' },
  PersonalAcc: { pattern: /^\d{20}$/, what: '20 digits' },
  BankName: { maxLength: 45, what: 'at most 45 characters' },
  BIC: { pattern: /^\d{9}$/, what: '9 digits' },
  CorrespAcc: { pattern: /^\d{1,20}$/, what: 'up to 20 digits' },
  KPP: { pattern: /^\d{9}$/, what: '9 digits' },
  PayeeINN: { pattern: /^(\d{10}|\d{12})$/, what: '10 or 12 digits' },
  Purpose: { maxLength: 210, what: 'at most 210 characters' },
  Sum: { pattern: /^\d{1,18}$/, what: 'a whole number of kopecks, up to 18 digits' },
  PersAcc: { maxLength: 60, what: 'at most 60 characters' },
  PaymPeriod: { pattern: /^(0[1-9]|1[0-2])\d{4}$/, what: 'a month as MMYYYY' },
  LastName: { maxLength: 60, what: 'at most 60 characters' },
  FirstName: { maxLength: 60, what: 'at most 60 characters' },
  MiddleName: { maxLength: 60, what: 'at most 60 characters' },
  PayerAddress: { maxLength: 210, what: 'at most 210 characters' },
  TechCode: { pattern: /^(02|09)$/, what: '02 or 09' },
};

const MANDATORY = ['Name', 'PersonalAcc', 'BankName', 'BIC', 'CorrespAcc'] as const;

/** A field the standard (or a bank app) would not accept; `field` names it. */
export class PaymentQrError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'PaymentQrError';
  }
}

/** The ST00012 payload for `fields`; throws PaymentQrError naming the first field that cannot go in. */
export function encodePaymentQr(fields: PaymentQrFields): string {
  const parts: string[] = [PAYMENT_QR_HEADER];
  for (const key of MANDATORY) {
    if (fields[key] === undefined || fields[key] === '') throw new PaymentQrError(key, 'is required');
  }
  for (const key of KEY_ORDER) {
    const raw = fields[key];
    if (raw === undefined) continue;
    const value = String(raw).trim();
    if (key === 'Sum' && (!Number.isSafeInteger(raw) || (raw as number) < 0))
      throw new PaymentQrError(key, 'must be a whole, non-negative number of kopecks');
    if (value.includes(SEPARATOR))
      throw new PaymentQrError(key, `must not contain "${SEPARATOR}", the field separator`);
    if (/[\r\n]/.test(value)) throw new PaymentQrError(key, 'must be one line');
    if (value === '') throw new PaymentQrError(key, 'must not be empty when given');
    const rule = RULES[key];
    if ((rule.pattern && !rule.pattern.test(value)) || (rule.maxLength && value.length > rule.maxLength))
      throw new PaymentQrError(key, `must be ${rule.what}`);
    parts.push(`${key}=${value}`);
  }
  return parts.join(SEPARATOR);
}

/**
 * Reads a payload back into its keys, in order (used by tests, and to check what a code says).
 * Accepts any separator the header is followed by and a trailing separator, as the standard does.
 */
export function parsePaymentQr(payload: string): {
  encoding: '1' | '2' | '3';
  fields: Record<string, string>;
} {
  const match = /^ST0001([123])(.)/su.exec(payload);
  if (!match) throw new PaymentQrError('header', 'expected ST0001 + an encoding digit and a separator');
  const encoding = match[1] as '1' | '2' | '3';
  const separator = match[2]!;
  const fields: Record<string, string> = {};
  for (const pair of payload.slice(match[0].length).split(separator)) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new PaymentQrError('pair', `"${pair}" is not Key=Value`);
    fields[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { encoding, fields };
}
