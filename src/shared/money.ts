// Money is integer kopecks everywhere; this module owns parsing and the Russian display format.

const NBSP = '\u00a0';

/** Formats kopecks as `1 234,56 ₽` (non-breaking spaces so the amount never wraps). */
export function formatMoney(kopecks: number, options: { sign?: boolean } = {}): string {
  assertKopecks(kopecks);
  const negative = kopecks < 0;
  const absolute = Math.abs(kopecks);
  const rubles = Math.floor(absolute / 100);
  const cents = absolute % 100;
  const grouped = String(rubles).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const sign = negative ? '−' : options.sign && kopecks > 0 ? '+' : '';
  return `${sign}${grouped},${String(cents).padStart(2, '0')}${NBSP}₽`;
}

export function assertKopecks(value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Not a whole number of kopecks: ${value}`);
  }
}

/** Converts a database bigint (string, number or bigint) to kopecks, refusing anything inexact. */
export function toKopecks(value: string | number | bigint): number {
  const result = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(result)) {
    throw new RangeError(`Not a whole number of kopecks: ${String(value)}`);
  }
  return result;
}

/**
 * Parses a user-typed ruble amount (`1234,5`, `1 234.50`) into kopecks without floating point.
 * Returns null when the text is not a non-negative amount with at most two decimals.
 */
export function parseRubles(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const rubles = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return rubles * 100 + cents;
}

/** Multiplies a decimal quantity by a decimal price, both as strings, rounding half up to kopecks. */
export function multiplyToKopecks(quantity: string, pricePerUnitRubles: string): number {
  const q = decimalToScaled(quantity);
  const p = decimalToScaled(pricePerUnitRubles);
  // q.value/10^q.scale × p.value/10^p.scale rubles = … × 100 kopecks
  const numerator = q.value * p.value * 100n;
  const denominator = 10n ** BigInt(q.scale + p.scale);
  const negative = numerator < 0n;
  const absolute = negative ? -numerator : numerator;
  const rounded = (absolute * 2n + denominator) / (2n * denominator);
  return toKopecks(negative ? -rounded : rounded);
}

function decimalToScaled(text: string): { value: bigint; scale: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${text}`);
  const fraction = match[3] ?? '';
  const value = BigInt(`${match[1]}${match[2]}${fraction}`);
  return { value, scale: fraction.length };
}
