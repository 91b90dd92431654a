// The pay form's amount: what a person types, in rubles, becomes kopecks within one payment's limits.
import { describe, expect, it } from 'vitest';
import { MAX_CARD_PAYMENT } from '../../../../shared/api/card-payments.ts';
import { amountInputText, checkAmount } from './payment-amount.ts';

describe('checkAmount', () => {
  it('reads rubles with a comma, a point, spaces and the ruble sign as exact kopecks', () => {
    expect(checkAmount('1 234,56')).toEqual({ ok: true, kopecks: 123_456 });
    expect(checkAmount('1234.5')).toEqual({ ok: true, kopecks: 123_450 });
    expect(checkAmount(' 1\u00a0000 ₽ ')).toEqual({ ok: true, kopecks: 100_000 });
  });

  it('accepts exactly 1 ₽ and exactly 1 000 000 ₽', () => {
    expect(checkAmount('1')).toEqual({ ok: true, kopecks: 100 });
    expect(checkAmount('1 000 000,00')).toEqual({ ok: true, kopecks: MAX_CARD_PAYMENT });
  });

  it('names the problem: empty, not an amount, below 1 ₽, above 1 000 000 ₽', () => {
    expect(checkAmount('  ')).toEqual({ ok: false, problem: 'required' });
    expect(checkAmount('12,345')).toEqual({ ok: false, problem: 'format' });
    expect(checkAmount('-5')).toEqual({ ok: false, problem: 'format' });
    expect(checkAmount('сто')).toEqual({ ok: false, problem: 'format' });
    expect(checkAmount('0,99')).toEqual({ ok: false, problem: 'tooSmall' });
    expect(checkAmount('0')).toEqual({ ok: false, problem: 'tooSmall' });
    expect(checkAmount('1000000,01')).toEqual({ ok: false, problem: 'tooLarge' });
  });
});

describe('amountInputText', () => {
  it('writes kopecks as the field shows them and reads back the same', () => {
    expect(amountInputText(345_678)).toBe('3\u00a0456,78');
    expect(checkAmount(amountInputText(345_678))).toEqual({ ok: true, kopecks: 345_678 });
  });
});
