// The rules for a meter reading (DOMAIN.md "Meter readings"), as pure functions: exact decimal
// values, consumption with rollover, the submission window in the organization's time zone, and
// the hard errors and confirmable warnings. The readings service (issue 4) applies them.
import type { MeterResource } from '../../../shared/api/readings.ts';
import { addMonths, daysInMonth, type Period, zonedClock } from '../../../shared/period.ts';

export type ReadingError =
  | 'READING_FORMAT_INVALID'
  | 'READING_REGISTERS_INVALID'
  | 'READING_BELOW_PREVIOUS'
  | 'METER_VERIFICATION_EXPIRED'
  | 'METER_NOT_ACTIVE'
  | 'READING_WINDOW_CLOSED'
  | 'READING_LOCKED';

export type ReadingWarning = 'ROLLOVER_SUSPECTED' | 'CONSUMPTION_ANOMALY' | 'READING_DECREASED';

export interface MeterForReading {
  registers: number;
  digits: number;
  decimals: number;
  status: 'active' | 'replaced' | 'broken';
  /** 'YYYY-MM-DD' or null when unknown. */
  verifiedUntil: string | null;
}

export interface ReadingSettings {
  windowStartDay: number;
  windowEndDay: number;
  timezone: string;
  outsideWindow: 'next_period' | 'refuse';
  /** Consumption above this many times the recent monthly average is a warning. */
  anomalyFactor: number;
  /** False: a value below the previous one (not a rollover) is a warning to confirm, not an error. */
  refuseBelowPrevious: boolean;
}

/** The unit a meter of each resource counts in. */
export const METER_UNITS = {
  cold_water: 'м³',
  hot_water: 'м³',
  electricity: 'кВт·ч',
  heating: 'Гкал',
  gas: 'м³',
} as const satisfies Record<MeterResource, string>;

const knownRegisterNames = new Set(['day', 'night', 'peak', 'semi_peak']);

/** The tariff zone of each register ('day', 'night', …), null where the meter has one register. */
export function registerNames(meter: {
  resource: MeterResource;
  registers: number;
  registerNames: string[] | null;
}): (string | null)[] {
  // A name from an import that the portal does not know (say 'T1') is shown as no name.
  if (meter.registerNames)
    return meter.registerNames.map((name) => (knownRegisterNames.has(name) ? name : null));
  if (meter.resource === 'electricity' && meter.registers === 2) return ['day', 'night'];
  if (meter.resource === 'electricity' && meter.registers === 3) return ['peak', 'semi_peak', 'night'];
  return Array.from({ length: meter.registers }, () => null);
}

export const DEFAULT_READING_SETTINGS: Omit<ReadingSettings, 'timezone'> = {
  windowStartDay: 15,
  windowEndDay: 25,
  outsideWindow: 'next_period',
  anomalyFactor: 3,
  refuseBelowPrevious: true,
};

/** A value as an exact integer of the register's smallest unit (10^-decimals). */
export type Scaled = bigint;

/** `"123,5"` or `"123.5"` → scaled integer; null when it does not fit the register. */
export function parseReadingValue(
  text: string,
  meter: Pick<MeterForReading, 'digits' | 'decimals'>,
): Scaled | null {
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (whole.length > meter.digits || fraction.length > meter.decimals) return null;
  return BigInt(whole + fraction.padEnd(meter.decimals, '0'));
}

export function formatScaled(value: Scaled, decimals: number): string {
  if (decimals === 0) return value.toString();
  const text = value.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`.replace(/\.?0+$/, '');
}

/** Where the register wraps: 10^digits whole units. */
function registerRange(meter: Pick<MeterForReading, 'digits' | 'decimals'>): Scaled {
  return 10n ** BigInt(meter.digits + meter.decimals);
}

/**
 * The period a reading submitted at `now` counts for, and whether the window is open. Inside the
 * window (start…end day, whole days in the organization's time zone) it is this month; after it,
 * next month's; before it, this month's coming window. Outside the window is refused when the
 * organization says so.
 */
export function readingPeriod(now: Date, settings: ReadingSettings): { period: Period; inWindow: boolean } {
  const { date, day } = zonedClock(now, settings.timezone);
  const month = date.slice(0, 7);
  const { start, end } = windowDays(month, settings);
  if (day >= start && day <= end) return { period: month, inWindow: true };
  return { period: day > end ? addMonths(month, 1) : month, inWindow: false };
}

/** The window's days in a month: a window set to the 29th–31st is the 28th in February, etc. */
export function windowDays(
  month: Period,
  settings: Pick<ReadingSettings, 'windowStartDay' | 'windowEndDay'>,
) {
  const last = daysInMonth(month);
  return { start: Math.min(settings.windowStartDay, last), end: Math.min(settings.windowEndDay, last) };
}

function dayOf(period: Period, day: number): string {
  return `${period}-${String(Math.min(day, daysInMonth(period))).padStart(2, '0')}`;
}

export interface WindowState {
  open: boolean;
  period: Period;
  /** Last day of the window that contains or follows today (YYYY-MM-DD). */
  closesOn: string;
  /** Days left including today while open; null when closed. */
  daysLeft: number | null;
  /** First day of the next window while closed; null when open. */
  opensOn: string | null;
}

/** The window as the subscriber sees it: open or not, until when, for which period. */
export function readingWindow(now: Date, settings: ReadingSettings): WindowState {
  const { period, inWindow } = readingPeriod(now, settings);
  const { date, day } = zonedClock(now, settings.timezone);
  const month = date.slice(0, 7);
  // The window of interest is this month's unless it is already over.
  const windowMonth = day > windowDays(month, settings).end ? addMonths(month, 1) : month;
  const { start, end } = windowDays(windowMonth, settings);
  return {
    open: inWindow,
    period,
    closesOn: dayOf(windowMonth, end),
    daysLeft: inWindow ? end - day + 1 : null,
    opensOn: inWindow ? null : dayOf(windowMonth, start),
  };
}

export interface RegisterOutcome {
  register: number;
  value: Scaled;
  /** Units since the previous reading (after a rollover: through the wrap). Null without a previous one. */
  consumption: Scaled | null;
}

export interface ReadingCheck {
  errors: { code: ReadingError; register?: number }[];
  warnings: { code: ReadingWarning; register: number }[];
  registers: RegisterOutcome[];
  period: Period;
  inWindow: boolean;
}

export interface ReadingInput {
  meter: MeterForReading;
  values: { register: number; value: string }[];
  /** The value per register that counted for the latest earlier period, scaled. */
  previous: Map<number, Scaled>;
  /** Months from that period to this one (1 when it was last month's); consumption spans them all. */
  monthsSincePrevious?: number;
  /** That value was the organization's estimate, not a reading: a lower value is no error then. */
  previousIsEstimate?: boolean;
  /** Recent monthly consumptions per register (up to 6), scaled; the anomaly rule needs ≥ 3. */
  recentConsumption: Map<number, Scaled[]>;
  settings: ReadingSettings;
  now: Date;
}

export function checkReading(input: ReadingInput): ReadingCheck {
  const { meter, settings, now } = input;
  const { period, inWindow } = readingPeriod(now, settings);
  const result: ReadingCheck = { errors: [], warnings: [], registers: [], period, inWindow };

  if (meter.status !== 'active') result.errors.push({ code: 'METER_NOT_ACTIVE' });
  const today = zonedClock(now, settings.timezone).date;
  if (meter.verifiedUntil && meter.verifiedUntil < today)
    result.errors.push({ code: 'METER_VERIFICATION_EXPIRED' });
  if (!inWindow && settings.outsideWindow === 'refuse') result.errors.push({ code: 'READING_WINDOW_CLOSED' });

  const registers = input.values.map((entry) => entry.register).sort((a, b) => a - b);
  const expected = Array.from({ length: meter.registers }, (_, index) => index + 1);
  if (
    registers.length !== expected.length ||
    registers.some((register, index) => register !== expected[index])
  ) {
    result.errors.push({ code: 'READING_REGISTERS_INVALID' });
    return result;
  }

  const range = registerRange(meter);
  for (const entry of [...input.values].sort((a, b) => a.register - b.register)) {
    const value = parseReadingValue(entry.value, meter);
    if (value === null) {
      result.errors.push({ code: 'READING_FORMAT_INVALID', register: entry.register });
      continue;
    }
    const previous = input.previous.get(entry.register);
    let consumption: Scaled | null = null;
    if (previous !== undefined) {
      if (value >= previous) {
        consumption = value - previous;
      } else {
        // Lower than before: a wrap past 10^digits if it is a small step through zero, else a mistake.
        const throughWrap = range - previous + value;
        if (throughWrap * 10n < range) {
          consumption = throughWrap;
          result.warnings.push({ code: 'ROLLOVER_SUSPECTED', register: entry.register });
        } else if (settings.refuseBelowPrevious && !input.previousIsEstimate) {
          result.errors.push({ code: 'READING_BELOW_PREVIOUS', register: entry.register });
          continue;
        } else {
          // Below an estimate (DOMAIN: estimates are not readings), or the organization lets a lower
          // value through: a correction, once confirmed.
          result.warnings.push({ code: 'READING_DECREASED', register: entry.register });
          result.registers.push({ register: entry.register, value, consumption: null });
          continue;
        }
      }
      const recent = input.recentConsumption.get(entry.register) ?? [];
      if (recent.length >= 3 && consumption > 0n) {
        const total = recent.reduce((sum, item) => sum + item, 0n);
        // Per month: consumption / months > factor × total / n  ⇔  consumption × n > factor × total × months
        // (exact, no division); after a gap of several months the consumption covers them all.
        const factorTenths = BigInt(Math.round(settings.anomalyFactor * 10));
        const months = BigInt(Math.max(1, input.monthsSincePrevious ?? 1));
        if (total > 0n && consumption * BigInt(recent.length) * 10n > factorTenths * total * months) {
          result.warnings.push({ code: 'CONSUMPTION_ANOMALY', register: entry.register });
        }
      }
    }
    result.registers.push({ register: entry.register, value, consumption });
  }
  return result;
}
