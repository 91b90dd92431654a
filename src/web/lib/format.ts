// Display helpers beside shared/money.ts and shared/period.ts: decimals with a comma, month names.
import { addMonths, type Period } from '../../shared/period.ts';

const NBSP = '\u00a0';

/**
 * `6.5` → `6,5`, `1234.500` → `1 234,5`. Exact: works on the decimal string, never on a float.
 * Trailing zeros go, but at least `minFractionDigits` decimals stay (tariffs keep kopecks).
 */
export function formatDecimal(text: string, minFractionDigits = 0): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const [, sign = '', whole = '0', fraction = ''] = match;
  let digits = fraction.replace(/0+$/, '');
  if (digits.length < minFractionDigits) digits = digits.padEnd(minFractionDigits, '0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${sign === '-' ? '−' : ''}${grouped}${digits ? `,${digits}` : ''}`;
}

function monthDate(period: Period): Date {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
}

/**
 * `ноябрь 2026` inside a sentence ("Начисления за ноябрь 2026"), `Ноябрь 2026` as a heading
 * (`capitalize`). English month names are capitalized either way.
 */
export function formatMonthYear(period: Period, locale: string, { capitalize = false } = {}): string {
  const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(monthDate(period));
  const text = `${month} ${period.slice(0, 4)}`;
  return capitalize ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : text;
}

/** `ноя 26` / `Nov 26` — for chart axes. */
export function formatMonthShort(period: Period, locale: string): string {
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
    .format(monthDate(period))
    .replace('.', '');
  return `${month} ${period.slice(2, 4)}`;
}

/** The twelve months ending with `period`, oldest first. */
export function lastTwelveMonths(period: Period): { from: Period; to: Period } {
  return { from: addMonths(period, -11), to: period };
}
