import { describe, expect, it } from 'vitest';
import { formatMoney, multiplyToKopecks, parseRubles, toKopecks } from './money.ts';

const nbsp = (text: string) => text.replaceAll(' ', '\u00a0');

describe('formatMoney', () => {
  it('groups thousands and writes kopecks after a comma, with the ruble sign', () => {
    expect(formatMoney(123456)).toBe(nbsp('1 234,56 ₽'));
    expect(formatMoney(100000000)).toBe(nbsp('1 000 000,00 ₽'));
    expect(formatMoney(5)).toBe(nbsp('0,05 ₽'));
    expect(formatMoney(0)).toBe(nbsp('0,00 ₽'));
  });

  it('marks negative amounts with a minus sign and positive ones with + only when asked', () => {
    expect(formatMoney(-250050)).toBe(nbsp('−2 500,50 ₽'));
    expect(formatMoney(100, { sign: true })).toBe(nbsp('+1,00 ₽'));
  });

  it('refuses fractional kopecks instead of rounding silently', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
});

describe('parseRubles', () => {
  it('reads what people type: commas, dots, spaces and the ruble sign', () => {
    expect(parseRubles('1 234,56')).toBe(123456);
    expect(parseRubles('1234.5')).toBe(123450);
    expect(parseRubles('15 ₽')).toBe(1500);
  });

  it('rejects negative, over-precise and non-numeric input', () => {
    expect(parseRubles('-1')).toBeNull();
    expect(parseRubles('1,234')).toBeNull();
    expect(parseRubles('abc')).toBeNull();
    expect(parseRubles('')).toBeNull();
  });
});

describe('multiplyToKopecks', () => {
  it('multiplies decimals exactly, with no floating-point drift', () => {
    // 0.1 × 3 in floating point is 0.30000000000000004
    expect(multiplyToKopecks('3', '0.1')).toBe(30);
    expect(multiplyToKopecks('54.3', '38.90')).toBe(211227);
    expect(multiplyToKopecks('0.7805', '3433.89')).toBe(268015);
  });

  it('rounds half a kopeck up', () => {
    expect(multiplyToKopecks('1', '0.005')).toBe(1);
    expect(multiplyToKopecks('1', '0.0049')).toBe(0);
  });
});

describe('toKopecks', () => {
  it('converts database bigints and refuses values beyond exact integers', () => {
    expect(toKopecks('354210')).toBe(354210);
    expect(toKopecks(12n)).toBe(12);
    expect(() => toKopecks('9007199254740993')).toThrow(RangeError);
  });
});
