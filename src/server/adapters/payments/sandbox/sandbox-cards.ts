// The sandbox bank's card rules: what a typed card must look like, and what each test card does.
// The full number and the CVC stay inside readCardForm; only the last four digits come out.

export type CardOutcome = 'succeeded' | 'declined' | 'three_ds';

export interface TestCard {
  number: string;
  outcome: CardOutcome;
  label: string;
}

export const TEST_CARDS: TestCard[] = [
  { number: '4111 1111 1111 1111', outcome: 'succeeded', label: 'оплата проходит' },
  { number: '4000 0000 0000 0002', outcome: 'declined', label: 'банк отклоняет оплату' },
  { number: '4000 0000 0000 3220', outcome: 'three_ds', label: 'нужен код 3-D Secure (1234)' },
];

export const THREE_DS_CODE = '1234';
export const THREE_DS_ATTEMPTS = 3;

export interface CardForm {
  card?: string;
  exp?: string;
  cvc?: string;
}

export type CardField = keyof CardForm;

export type CardCheck =
  | { ok: true; last4: string; outcome: CardOutcome }
  | { ok: false; problems: { field: CardField; message: string }[] };

/** Checks a typed card (number with Luhn, MM/YY not in the past, three-digit CVC) as of `now`. */
export function readCardForm(form: CardForm, now: Date): CardCheck {
  const problems: { field: CardField; message: string }[] = [];
  const digits = (form.card ?? '').replace(/ /g, '');
  if (!/^[\d ]+$/.test(form.card ?? '') || digits.length < 12 || digits.length > 19) {
    problems.push({ field: 'card', message: 'Номер карты — от 12 до 19 цифр, можно с пробелами.' });
  } else if (!passesLuhn(digits)) {
    problems.push({ field: 'card', message: 'Номер карты введён с ошибкой: проверьте цифры.' });
  }
  const expiry = /^(\d{2})\s*\/\s*(\d{2})$/.exec((form.exp ?? '').trim());
  const month = expiry ? Number(expiry[1]) : 0;
  if (!expiry || month < 1 || month > 12) {
    problems.push({ field: 'exp', message: 'Срок действия — месяц и год в виде ММ/ГГ, например 12/30.' });
  } else {
    // A card is valid through the last day of its month.
    const year = 2000 + Number(expiry[2]);
    if (year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
      problems.push({ field: 'exp', message: 'Срок действия карты истёк.' });
    }
  }
  if (!/^\d{3}$/.test((form.cvc ?? '').trim())) {
    problems.push({ field: 'cvc', message: 'CVC — три цифры с обратной стороны карты.' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, last4: digits.slice(-4), outcome: outcomeOf(digits) };
}

function outcomeOf(digits: string): CardOutcome {
  const testCard = TEST_CARDS.find((card) => card.number.replace(/ /g, '') === digits);
  return testCard?.outcome ?? 'succeeded';
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
