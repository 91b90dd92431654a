// Control checks of Russian requisites (DOMAIN.md "Requisites"): INN and bank account numbers.

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: number[]): number {
  const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  return (sum % 11) % 10;
}

export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) return checkDigit(inn, INN10_WEIGHTS) === Number(inn[9]);
  if (/^\d{12}$/.test(inn)) {
    return (
      checkDigit(inn, INN12_WEIGHTS_11) === Number(inn[10]) &&
      checkDigit(inn, INN12_WEIGHTS_12) === Number(inn[11])
    );
  }
  return false;
}

/** Completes the first nine digits of a company INN with its check digit. */
export function completeCompanyInn(firstNine: string): string {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('Expected nine digits');
  return firstNine + String(checkDigit(firstNine, INN10_WEIGHTS));
}

function accountChecksumOk(prefix: string, account: string): boolean {
  const digits = prefix + account;
  const weights = [7, 1, 3];
  const sum = [...digits].reduce(
    (total, digit, index) => total + ((Number(digit) * weights[index % 3]!) % 10),
    0,
  );
  return sum % 10 === 0;
}

/** Settlement account (20 digits) against the bank's BIC. */
export function isValidSettlementAccount(account: string, bic: string): boolean {
  return /^\d{20}$/.test(account) && /^\d{9}$/.test(bic) && accountChecksumOk(bic.slice(6), account);
}

/** Correspondent account (20 digits) against the bank's BIC. */
export function isValidCorrespondentAccount(account: string, bic: string): boolean {
  return /^\d{20}$/.test(account) && /^\d{9}$/.test(bic) && accountChecksumOk(`0${bic.slice(4, 6)}`, account);
}

/**
 * KPP (9 characters, NNNNPPNNN): the tax office code, the reason code — digits or capital Latin
 * letters, as the FNS format allows since 2013 — and a serial number.
 */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/** BIC of a Russian bank: 9 digits starting with the country code 04. */
export function isValidBic(bic: string): boolean {
  return /^04\d{7}$/.test(bic);
}

export type RequisiteField = 'inn' | 'kpp' | 'bic' | 'settlementAccount' | 'correspondentAccount';

/**
 * Why a field fails: empty though needed; wrong length or characters; the control digit does not
 * match (for accounts: not an account of the bank with this BIC); a BIC of a bank outside Russia;
 * a KPP given for a person's (12-digit) INN, which has none.
 */
export type RequisiteProblem = 'required' | 'format' | 'checksum' | 'country' | 'not_applicable';

export interface Requisites {
  inn: string;
  /** Empty or null: none. A company (10-digit INN) has one; a person (12-digit INN) has none. */
  kpp?: string | null;
  bic: string;
  settlementAccount: string;
  correspondentAccount: string;
}

/**
 * Every control check of a payee's requisites at once, field by field; an empty object means they
 * pass. The accounts are checked against the BIC only when the BIC itself is well formed, so one
 * mistyped BIC is reported once, on the BIC.
 */
export function checkRequisites(requisites: Requisites): Partial<Record<RequisiteField, RequisiteProblem>> {
  const problems: Partial<Record<RequisiteField, RequisiteProblem>> = {};
  const { inn, bic, settlementAccount, correspondentAccount } = requisites;
  const kpp = requisites.kpp ?? '';

  if (inn === '') problems.inn = 'required';
  else if (!/^(\d{10}|\d{12})$/.test(inn)) problems.inn = 'format';
  else if (!isValidInn(inn)) problems.inn = 'checksum';

  if (kpp === '') {
    if (inn.length === 10) problems.kpp = 'required';
  } else if (inn.length === 12) problems.kpp = 'not_applicable';
  else if (!isValidKpp(kpp)) problems.kpp = 'format';

  const bicWellFormed = /^\d{9}$/.test(bic);
  if (bic === '') problems.bic = 'required';
  else if (!bicWellFormed) problems.bic = 'format';
  else if (!isValidBic(bic)) problems.bic = 'country';

  const checkAccount = (
    field: 'settlementAccount' | 'correspondentAccount',
    account: string,
    matchesBic: (account: string, bic: string) => boolean,
  ) => {
    if (account === '') problems[field] = 'required';
    else if (!/^\d{20}$/.test(account)) problems[field] = 'format';
    else if (bicWellFormed && !matchesBic(account, bic)) problems[field] = 'checksum';
  };
  checkAccount('settlementAccount', settlementAccount, isValidSettlementAccount);
  checkAccount('correspondentAccount', correspondentAccount, isValidCorrespondentAccount);
  return problems;
}
