import { describe, expect, it } from 'vitest';
import { passesLuhn, readCardForm, TEST_CARDS } from './sandbox-cards.ts';

const NOW = new Date('2026-05-15T12:00:00Z');

describe('the sandbox bank card rules', () => {
  it('accepts every listed test card and gives only its last four digits and outcome', () => {
    for (const card of TEST_CARDS) {
      const check = readCardForm({ card: card.number, exp: '12/30', cvc: '123' }, NOW);
      expect(check).toEqual({ ok: true, last4: card.number.slice(-4), outcome: card.outcome });
    }
  });

  it('lets any other number that passes Luhn succeed', () => {
    expect(readCardForm({ card: '5555555555554444', exp: '05/26', cvc: '000' }, NOW)).toEqual({
      ok: true,
      last4: '4444',
      outcome: 'succeeded',
    });
  });

  it('refuses a number failing Luhn, letters, a past month, a bad month and a short CVC', () => {
    const fields = (form: Parameters<typeof readCardForm>[0]) => {
      const check = readCardForm(form, NOW);
      return check.ok ? [] : check.problems.map((problem) => problem.field);
    };
    expect(fields({ card: '4111 1111 1111 1112', exp: '12/30', cvc: '123' })).toEqual(['card']);
    expect(fields({ card: '4111-1111-1111-1111', exp: '12/30', cvc: '123' })).toEqual(['card']);
    expect(fields({ card: '4111 1111 1111 1111', exp: '04/26', cvc: '123' })).toEqual(['exp']);
    expect(fields({ card: '4111 1111 1111 1111', exp: '13/30', cvc: '123' })).toEqual(['exp']);
    expect(fields({ card: '4111 1111 1111 1111', exp: '12/30', cvc: '12' })).toEqual(['cvc']);
    expect(fields({})).toEqual(['card', 'exp', 'cvc']);
  });

  it('computes Luhn like the card schemes do', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
