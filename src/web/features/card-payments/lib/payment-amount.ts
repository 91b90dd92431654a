// The amount typed on the pay form: rubles with kopecks (`1 234,56`), checked against the limits of
// one card payment before anything is sent.
import { MAX_CARD_PAYMENT } from '../../../../shared/api/card-payments.ts';
import { formatMoney, parseRubles } from '../../../../shared/money.ts';

export const MIN_CARD_PAYMENT = 100;

export type AmountProblem = 'required' | 'format' | 'tooSmall' | 'tooLarge';

export type AmountCheck = { ok: true; kopecks: number } | { ok: false; problem: AmountProblem };

export function checkAmount(text: string): AmountCheck {
  if (!text.trim()) return { ok: false, problem: 'required' };
  const kopecks = parseRubles(text);
  if (kopecks === null) return { ok: false, problem: 'format' };
  if (kopecks < MIN_CARD_PAYMENT) return { ok: false, problem: 'tooSmall' };
  if (kopecks > MAX_CARD_PAYMENT) return { ok: false, problem: 'tooLarge' };
  return { ok: true, kopecks };
}

/** Kopecks as the field shows them: `1 234,56`, without the ruble sign (the field has its own). */
export function amountInputText(kopecks: number): string {
  return formatMoney(kopecks).replace(/\u00a0₽$/, '');
}
