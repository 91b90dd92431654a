// Step times on the payment page: date and time to the second, in the browser's time zone.
import { describe, expect, it } from 'vitest';
import { formatStepTime } from './step-time.ts';

describe('formatStepTime', () => {
  // Built from local fields, so the test holds in any time zone the machine has.
  const iso = new Date(2026, 10, 25, 14, 5, 9).toISOString();

  it('writes dd.mm.yyyy HH:MM:SS in Russian', () => {
    expect(formatStepTime(iso, 'ru')).toBe('25.11.2026\u00a014:05:09');
  });

  it('keeps the English date style with the same time', () => {
    expect(formatStepTime(iso, 'en')).toBe('25 Nov 2026,\u00a014:05:09');
  });

  it('leaves text that is not a time as it is', () => {
    expect(formatStepTime('soon', 'ru')).toBe('soon');
  });
});
