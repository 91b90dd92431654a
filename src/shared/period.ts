// A period is a calendar month. In the API it is `YYYY-MM`; in the database the first day (`date`).

export type Period = string; // 'YYYY-MM'

// Years 1900–2999: wide enough for any real bill, and never year 0, which PostgreSQL refuses.
const PERIOD_PATTERN = /^(19\d{2}|2\d{3})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD_PATTERN.test(text);
}

export function periodToDate(period: Period): string {
  if (!isPeriod(period)) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return `${period}-01`;
}

/** Accepts 'YYYY-MM-DD' (any day) or a Date and returns its month. */
export function periodOf(date: string | Date): Period {
  if (typeof date === 'string') return date.slice(0, 7);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function addMonths(period: Period, months: number): Period {
  const [year, month] = splitPeriod(period);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Number of months from `from` to `to` inclusive (1 when equal; 0 or less when `to` is before `from`). */
export function monthsBetween(from: Period, to: Period): number {
  const [fy, fm] = splitPeriod(from);
  const [ty, tm] = splitPeriod(to);
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

export function listPeriods(from: Period, to: Period): Period[] {
  const count = monthsBetween(from, to);
  return Array.from({ length: Math.max(0, count) }, (_, i) => addMonths(from, i));
}

export function daysInMonth(period: Period): number {
  const [year, month] = splitPeriod(period);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `25.11.2026` from 'YYYY-MM-DD' or an ISO timestamp (the calendar date as written, no time zone shift). */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return `${match[3]}.${match[2]}.${match[1]}`;
}

/** `25.11.2026` for a moment in time, as the calendar date where the reader is (their time zone). */
export function formatLocalDate(isoTimestamp: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date(isoTimestamp));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('day')}.${part('month')}.${part('year')}`;
}

/** The wall clock of a moment in a time zone: date 'YYYY-MM-DD', day of month, hour (0–23). */
export interface ZonedClock {
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
}

// Building an Intl.DateTimeFormat costs far more than using one (a fifth of the CPU of a reading
// submission before this cache), and an instance has only a handful of time zones.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

export function zonedClock(date: Date, timeZone: string): ZonedClock {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    hour: Number(part('hour')),
  };
}

/** The calendar month of a moment in a time zone (e.g. an organization's 'Europe/Moscow'). */
export function periodInTimeZone(date: Date, timeZone: string): Period {
  return zonedClock(date, timeZone).date.slice(0, 7);
}

/** `11.2026` — the period as printed on receipts. */
export function formatPeriod(period: Period): string {
  const [year, month] = splitPeriod(period);
  return `${String(month).padStart(2, '0')}.${year}`;
}

function splitPeriod(period: Period): [number, number] {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return [Number(match[1]), Number(match[2])];
}

/** Building an Intl formatter costs far more than formatting; one per locale is kept. */
const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `ноябрь 2026` inside a sentence ("Начисления за ноябрь 2026"), `Ноябрь 2026` as a heading
 * (`capitalize`). English month names are capitalized either way.
 */
export function formatMonthYear(period: Period, locale: string, { capitalize = false } = {}): string {
  let formatter = monthFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    monthFormatters.set(locale, formatter);
  }
  const month = formatter.format(new Date(`${period}-01T00:00:00Z`));
  const text = `${month} ${period.slice(0, 4)}`;
  return capitalize ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : text;
}
