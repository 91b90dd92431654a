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
