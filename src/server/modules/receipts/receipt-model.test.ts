import { describe, expect, it } from 'vitest';
import { paidUntil, rublesText } from './receipt-model.ts';

describe('receipt model rules', () => {
  it.each([
    // closing, monthly → paid until
    [0, 50_000, '2026-10-31'],
    [-49_999, 50_000, '2026-10-31'],
    [-50_000, 50_000, '2026-11-30'],
    [-150_000, 50_000, '2027-01-31'],
    [1, 50_000, '2026-09-30'],
    [50_000, 50_000, '2026-09-30'],
    [50_001, 50_000, '2026-08-31'],
  ])('ISP paid-until: closing %i with %i a month → %s', (closing, monthly, expected) => {
    expect(paidUntil('2026-10', closing, monthly)).toBe(expected);
  });

  it('has no paid-until without a monthly price', () => {
    expect(paidUntil('2026-10', -10_000, 0)).toBeNull();
  });

  it('writes kopecks as rubles with a point', () => {
    expect([rublesText(0), rublesText(5), rublesText(-5), rublesText(123_456)]).toEqual([
      '0.00',
      '0.05',
      '-0.05',
      '1234.56',
    ]);
  });
});
