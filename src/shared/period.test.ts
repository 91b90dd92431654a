import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysInMonth,
  formatDate,
  formatLocalDate,
  formatPeriod,
  isPeriod,
  listPeriods,
  monthsBetween,
  periodInTimeZone,
  periodOf,
  zonedClock,
} from './period.ts';

describe('periods', () => {
  it('accepts only real months as YYYY-MM', () => {
    expect(isPeriod('2026-11')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-1')).toBe(false);
    expect(isPeriod('2026-11-01')).toBe(false);
    expect(isPeriod('0000-01')).toBe(false);
    expect(isPeriod('1899-12')).toBe(false);
  });

  it('adds months across year boundaries in both directions', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-10', -11)).toBe('2025-11');
  });

  it('counts and lists months inclusively', () => {
    expect(monthsBetween('2025-11', '2026-10')).toBe(12);
    expect(monthsBetween('2026-10', '2026-09')).toBe(0);
    expect(listPeriods('2025-12', '2026-02')).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(listPeriods('2026-02', '2025-12')).toEqual([]);
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth('2028-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('2026-11')).toBe(30);
  });

  it('formats dates and periods the Russian way', () => {
    expect(formatDate('2026-11-25')).toBe('25.11.2026');
    expect(formatDate('2026-11-25T14:05:00.000Z')).toBe('25.11.2026');
    expect(formatPeriod('2026-05')).toBe('05.2026');
    expect(periodOf('2026-11-25')).toBe('2026-11');
    expect(periodOf(new Date(Date.UTC(2026, 0, 31)))).toBe('2026-01');
  });

  it('finds the month of a moment in a time zone', () => {
    // 22:00 UTC on 30 November is already 1 December in Moscow.
    expect(periodInTimeZone(new Date('2026-11-30T22:00:00Z'), 'Europe/Moscow')).toBe('2026-12');
    expect(periodInTimeZone(new Date('2026-11-30T22:00:00Z'), 'UTC')).toBe('2026-11');
  });

  it('shows a moment as the calendar date in the reader’s time zone', () => {
    // 22:30 UTC on the 24th is already the 25th in Moscow.
    expect(formatLocalDate('2026-11-24T22:30:00.000Z', 'Europe/Moscow')).toBe('25.11.2026');
    expect(formatLocalDate('2026-11-24T22:30:00.000Z', 'UTC')).toBe('24.11.2026');
  });

  it('reads the wall clock in a time zone: midnight is hour 0 of the next day', () => {
    expect(zonedClock(new Date('2026-11-25T20:59:00Z'), 'Europe/Moscow')).toEqual({
      date: '2026-11-25',
      year: 2026,
      month: 11,
      day: 25,
      hour: 23,
    });
    expect(zonedClock(new Date('2026-11-25T21:00:00Z'), 'Europe/Moscow')).toMatchObject({
      date: '2026-11-26',
      day: 26,
      hour: 0,
    });
    expect(zonedClock(new Date('2026-12-31T14:00:00Z'), 'Asia/Vladivostok').date).toBe('2027-01-01');
  });
});
