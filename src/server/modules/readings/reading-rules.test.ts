import { describe, expect, it } from 'vitest';
import {
  checkReading,
  DEFAULT_READING_SETTINGS,
  formatScaled,
  type MeterForReading,
  parseReadingValue,
  type ReadingInput,
  readingPeriod,
  readingWindow,
  windowDays,
} from './reading-rules.ts';

const settings = { ...DEFAULT_READING_SETTINGS, timezone: 'Europe/Moscow' };
const water: MeterForReading = {
  registers: 1,
  digits: 5,
  decimals: 0,
  status: 'active',
  verifiedUntil: '2030-01-01',
};
// 20 November 2026, 12:00 in Moscow: inside the 15–25 window.
const inWindow = new Date('2026-11-20T09:00:00Z');

const input = (overrides: Partial<ReadingInput>): ReadingInput => ({
  meter: water,
  values: [{ register: 1, value: '100' }],
  previous: new Map(),
  recentConsumption: new Map(),
  settings,
  now: inWindow,
  ...overrides,
});

describe('reading values', () => {
  it('reads "123,5" and "123.5" exactly, within the register’s digits and decimals', () => {
    const meter = { digits: 5, decimals: 3 };
    expect(parseReadingValue('123,5', meter)).toBe(123_500n);
    expect(parseReadingValue('123.5', meter)).toBe(123_500n);
    expect(parseReadingValue('00012', meter)).toBe(12_000n);
    expect(parseReadingValue('99999.999', meter)).toBe(99_999_999n);
    expect(parseReadingValue('100000', meter)).toBeNull();
    expect(parseReadingValue('1.2345', meter)).toBeNull();
    expect(parseReadingValue('-1', meter)).toBeNull();
    expect(parseReadingValue('1e3', meter)).toBeNull();
    expect(parseReadingValue('12.5', { digits: 5, decimals: 0 })).toBeNull();
    expect(formatScaled(123_500n, 3)).toBe('123.5');
    expect(formatScaled(12n, 0)).toBe('12');
  });
});

describe('the submission window, in the organization’s time zone', () => {
  it('counts the last minute of the 25th for this month and the next minute for the next one', () => {
    // 25 November 23:59 Moscow = 20:59 UTC; 26 November 00:00 Moscow = 21:00 UTC.
    expect(readingPeriod(new Date('2026-11-25T20:59:00Z'), settings)).toEqual({
      period: '2026-11',
      inWindow: true,
    });
    expect(readingPeriod(new Date('2026-11-25T21:00:00Z'), settings)).toEqual({
      period: '2026-12',
      inWindow: false,
    });
    expect(readingPeriod(new Date('2026-12-31T21:30:00Z'), settings)).toEqual({
      period: '2027-01',
      inWindow: false,
    });
  });

  it('counts a reading before the window opens for this month’s coming window', () => {
    expect(readingPeriod(new Date('2026-11-14T20:59:00Z'), settings)).toEqual({
      period: '2026-11',
      inWindow: false,
    });
    expect(readingPeriod(new Date('2026-11-14T21:00:00Z'), settings)).toEqual({
      period: '2026-11',
      inWindow: true,
    });
  });

  it('refuses readings outside the window where the organization says so', () => {
    const refused = checkReading(
      input({ settings: { ...settings, outsideWindow: 'refuse' }, now: new Date('2026-11-26T09:00:00Z') }),
    );
    expect(refused.errors).toContainEqual({ code: 'READING_WINDOW_CLOSED' });
    const accepted = checkReading(input({ now: new Date('2026-11-26T09:00:00Z') }));
    expect(accepted.errors).toEqual([]);
    expect(accepted).toMatchObject({ period: '2026-12', inWindow: false });
  });
});

describe('windows near the end of short months', () => {
  it('opens a 29th–31st window on 28 February, and counts it for February', () => {
    const late = { ...settings, windowStartDay: 29, windowEndDay: 31 };
    // 28 February 2027, noon in Moscow.
    expect(readingPeriod(new Date('2027-02-28T09:00:00Z'), late)).toEqual({
      period: '2027-02',
      inWindow: true,
    });
    expect(readingWindow(new Date('2027-02-28T09:00:00Z'), late)).toMatchObject({
      open: true,
      closesOn: '2027-02-28',
      daysLeft: 1,
    });
    // The 27th: closed, opening tomorrow.
    expect(readingWindow(new Date('2027-02-27T09:00:00Z'), late)).toMatchObject({
      open: false,
      opensOn: '2027-02-28',
      period: '2027-02',
    });
    // After February's window the next one is March's 29th–31st.
    expect(readingWindow(new Date('2027-03-01T09:00:00Z'), late)).toMatchObject({
      open: false,
      opensOn: '2027-03-29',
      closesOn: '2027-03-31',
    });
  });

  it('closes a window ending on the 31st at the end of the 30th in a 30-day month', () => {
    const toEnd = { ...settings, windowStartDay: 20, windowEndDay: 31 };
    // 30 November 23:59 and 1 December 00:00 in Moscow.
    expect(readingPeriod(new Date('2026-11-30T20:59:00Z'), toEnd)).toEqual({
      period: '2026-11',
      inWindow: true,
    });
    expect(readingPeriod(new Date('2026-11-30T21:00:00Z'), toEnd)).toEqual({
      period: '2026-12',
      inWindow: false,
    });
    expect(windowDays('2026-11', toEnd)).toEqual({ start: 20, end: 30 });
  });
});

describe('checking a reading', () => {
  it('takes a rollover of a 5-digit register (99 998 → 00 012) as a warning to confirm, with 14 units used', () => {
    const result = checkReading(
      input({ values: [{ register: 1, value: '00012' }], previous: new Map([[1, 99_998n]]) }),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ code: 'ROLLOVER_SUSPECTED', register: 1 }]);
    expect(result.registers[0]!.consumption).toBe(14n);
  });

  it('refuses a value below the previous one that is not a plausible rollover', () => {
    const result = checkReading(
      input({ values: [{ register: 1, value: '500' }], previous: new Map([[1, 600n]]) }),
    );
    expect(result.errors).toEqual([{ code: 'READING_BELOW_PREVIOUS', register: 1 }]);
  });

  it('accepts a value equal to the previous one (nothing used)', () => {
    const result = checkReading(
      input({ values: [{ register: 1, value: '600' }], previous: new Map([[1, 600n]]) }),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.registers[0]!.consumption).toBe(0n);
  });

  it('warns of a possible leak above 3 × the recent monthly average, and not at exactly 3 ×', () => {
    const recentConsumption = new Map([[1, [6n, 7n, 5n, 6n, 6n, 6n]]]); // average 6
    const atLimit = checkReading(
      input({ values: [{ register: 1, value: '118' }], previous: new Map([[1, 100n]]), recentConsumption }),
    );
    expect(atLimit.warnings).toEqual([]);
    const above = checkReading(
      input({ values: [{ register: 1, value: '119' }], previous: new Map([[1, 100n]]), recentConsumption }),
    );
    expect(above.warnings).toEqual([{ code: 'CONSUMPTION_ANOMALY', register: 1 }]);
    const tooLittleHistory = checkReading(
      input({
        values: [{ register: 1, value: '190' }],
        previous: new Map([[1, 100n]]),
        recentConsumption: new Map([[1, [6n, 6n]]]),
      }),
    );
    expect(tooLittleHistory.warnings).toEqual([]);
  });

  it('wants exactly one value per register of a three-register meter, each checked on its own', () => {
    const electricity: MeterForReading = {
      registers: 3,
      digits: 6,
      decimals: 1,
      status: 'active',
      verifiedUntil: null,
    };
    const previous = new Map([
      [1, 10_000n],
      [2, 5_000n],
      [3, 2_000n],
    ]);
    const ok = checkReading(
      input({
        meter: electricity,
        previous,
        values: [
          { register: 3, value: '200,5' },
          { register: 1, value: '1000.0' },
          { register: 2, value: '500' },
        ],
      }),
    );
    expect(ok.errors).toEqual([]);
    expect(ok.registers.map((register) => [register.register, register.consumption])).toEqual([
      [1, 0n],
      [2, 0n],
      [3, 5n],
    ]);
    const missing = checkReading(
      input({
        meter: electricity,
        previous,
        values: [
          { register: 1, value: '1' },
          { register: 2, value: '1' },
        ],
      }),
    );
    expect(missing.errors).toEqual([{ code: 'READING_REGISTERS_INVALID' }]);
    const duplicated = checkReading(
      input({
        meter: electricity,
        values: [
          { register: 1, value: '1' },
          { register: 1, value: '2' },
          { register: 3, value: '1' },
        ],
      }),
    );
    expect(duplicated.errors).toEqual([{ code: 'READING_REGISTERS_INVALID' }]);
    const tooPrecise = checkReading(
      input({
        meter: electricity,
        values: [
          { register: 1, value: '1.25' },
          { register: 2, value: '1' },
          { register: 3, value: '1' },
        ],
      }),
    );
    expect(tooPrecise.errors).toEqual([{ code: 'READING_FORMAT_INVALID', register: 1 }]);
  });

  it('refuses meters whose verification expired (from the day after) and meters that are not active', () => {
    const lastDay = checkReading(input({ meter: { ...water, verifiedUntil: '2026-11-20' } }));
    expect(lastDay.errors).toEqual([]);
    const expired = checkReading(input({ meter: { ...water, verifiedUntil: '2026-11-19' } }));
    expect(expired.errors).toEqual([{ code: 'METER_VERIFICATION_EXPIRED' }]);
    const broken = checkReading(input({ meter: { ...water, status: 'broken' } }));
    expect(broken.errors).toEqual([{ code: 'METER_NOT_ACTIVE' }]);
  });
});
