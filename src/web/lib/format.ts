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

export { formatMonthYear } from '../../shared/period.ts';

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

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `25.11.2026 14:05` in the browser's time zone; English spells the month: `25 Nov 2026, 14:05`. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (locale.startsWith('en')) return `${formatLocalDate(iso, locale)},${NBSP}${time}`;
  // A no-break space: the date and the time stay on one line.
  return `${formatLocalDate(iso, locale)}${NBSP}${time}`;
}

/** `25.11.2026`, or `25 Nov 2026` in English. */
export function formatLocalDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (locale.startsWith('en')) {
    const month = new Intl.DateTimeFormat('en-GB', { month: 'short' }).format(date);
    return `${date.getDate()} ${month} ${date.getFullYear()}`;
  }
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
}
