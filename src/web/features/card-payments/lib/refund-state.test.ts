// Refunds on the payment's page: who is offered the action, the reason's length rule, and each state
// of an application in Russian and English words with the house date and money formats.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../../../shared/api/refunds.ts';
import { en } from '../../../i18n/en.ts';
import { ru } from '../../../i18n/ru.ts';
import {
  canRequestRefund,
  checkRefundReason,
  describeRefund,
  REFUND_REASON_MAX,
  REFUND_REASON_MIN,
  refundStateOf,
} from './refund-state.ts';

const DAY = 24 * 60 * 60 * 1000;
// Local noon, so the dates below hold in any time zone the machine has.
const requestedAt = new Date(2026, 10, 25, 12, 0, 0);
const dueAt = new Date(requestedAt.getTime() + 30 * DAY);
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function request(overrides: Partial<RefundRequest> = {}): RefundRequest {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    paymentId: '00000000-0000-4000-8000-000000000002',
    status: 'requested',
    reason: 'Paid the neighbour’s account by mistake',
    requestedAt: requestedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    overdue: false,
    daysLeft: 30,
    decidedAt: null,
    decisionNote: null,
    ...overrides,
  };
}

const credited = { status: 'succeeded', credited: true, refund: null } as const;

describe('canRequestRefund', () => {
  it('offers the action for a credited payment to an owner, a member, or when the role is unknown', () => {
    expect(canRequestRefund(credited, 'owner')).toBe(true);
    expect(canRequestRefund(credited, 'member')).toBe(true);
    expect(canRequestRefund(credited, null)).toBe(true);
  });

  it('never offers it to a viewer', () => {
    expect(canRequestRefund(credited, 'viewer')).toBe(false);
  });

  it('offers it only for a payment credited to the account', () => {
    expect(canRequestRefund({ status: 'succeeded', credited: false, refund: null }, 'owner')).toBe(false);
    expect(canRequestRefund({ status: 'pending', credited: false, refund: null }, 'owner')).toBe(false);
    expect(canRequestRefund({ status: 'canceled', credited: false, refund: null }, 'owner')).toBe(false);
    expect(canRequestRefund({ status: 'refunded', credited: false, refund: null }, 'owner')).toBe(false);
  });

  it('hides it while an application waits, and offers it again after a rejection or a bank failure', () => {
    for (const status of ['requested', 'approved'] as const)
      expect(canRequestRefund({ ...credited, refund: request({ status }) }, 'owner')).toBe(false);
    for (const status of ['rejected', 'failed'] as const)
      expect(canRequestRefund({ ...credited, refund: request({ status }) }, 'owner')).toBe(true);
  });
});

describe('checkRefundReason', () => {
  it('uses the API’s limits', () => {
    expect([REFUND_REASON_MIN, REFUND_REASON_MAX]).toEqual([10, 2000]);
  });

  it('counts the text without surrounding spaces, as the API does', () => {
    expect(checkRefundReason('   short    ')).toEqual({ ok: false, problem: 'tooShort', length: 5 });
    expect(checkRefundReason('  ten chars!  ')).toEqual({ ok: true, reason: 'ten chars!' });
  });

  it('accepts exactly 2000 characters and refuses 2001', () => {
    expect(checkRefundReason('a'.repeat(2000)).ok).toBe(true);
    expect(checkRefundReason('a'.repeat(2001))).toEqual({ ok: false, problem: 'tooLong', length: 2001 });
  });
});

describe('refundStateOf', () => {
  it('counts the days left until the deadline, whole days rounded up', () => {
    expect(refundStateOf(request(), requestedAt)).toMatchObject({ kind: 'requested', daysLeft: 30 });
    expect(refundStateOf(request(), new Date(requestedAt.getTime() + 29.5 * DAY))).toMatchObject({
      kind: 'requested',
      daysLeft: 1,
    });
  });

  it('becomes overdue past the deadline while undecided, whatever the server said when the page loaded', () => {
    const later = new Date(dueAt.getTime() + 1000);
    expect(refundStateOf(request(), later).kind).toBe('overdue');
    expect(refundStateOf(request({ status: 'approved' }), later).kind).toBe('overdue');
  });

  it('keeps a decided application decided, with the operator’s note', () => {
    const decidedAt = new Date(requestedAt.getTime() + 3 * DAY).toISOString();
    const late = new Date(dueAt.getTime() + 10 * DAY);
    expect(refundStateOf(request({ status: 'refunded', decidedAt }), late)).toMatchObject({
      kind: 'refunded',
      decidedAt,
    });
    expect(
      refundStateOf(request({ status: 'rejected', decidedAt, decisionNote: 'Paid correctly' }), late),
    ).toMatchObject({ kind: 'rejected', note: 'Paid correctly' });
    expect(refundStateOf(request({ status: 'failed', decidedAt }), late).kind).toBe('failed');
  });
});

describe('describeRefund', () => {
  const translator = i18next.createInstance();
  beforeAll(async () => {
    await translator.init({
      resources: { ru: { translation: ru }, en: { translation: en } },
      lng: 'ru',
      fallbackLng: 'ru',
      interpolation: { escapeValue: false },
    });
  });
  const say = (locale: 'ru' | 'en', state: Parameters<typeof describeRefund>[1], amount = 123_456) => {
    const text = describeRefund(translator.getFixedT(locale), state, amount, locale);
    return { title: plain(text.title), text: plain(text.text) };
  };
  const decidedAt = new Date(2026, 10, 28, 9, 30).toISOString();

  it('says the application is received, with the deadline and the days left', () => {
    const state = refundStateOf(request(), requestedAt);
    expect(say('ru', state).title).toBe('Заявление принято, решение до 25.12.2026 (осталось 30 дн.)');
    expect(say('en', state).title).toBe('Application received; decision by 25 Dec 2026 (30 days left)');
  });

  it('agrees the Russian verb with the number of days', () => {
    const dayLeft = { kind: 'requested', requestedAt: '', dueAt: dueAt.toISOString(), daysLeft: 1 } as const;
    expect(say('ru', dayLeft).title).toContain('(остался 1 дн.)');
    expect(say('ru', { ...dayLeft, daysLeft: 21 }).title).toContain('(остался 21 дн.)');
    expect(say('ru', { ...dayLeft, daysLeft: 3 }).title).toContain('(осталось 3 дн.)');
    expect(say('en', dayLeft).title).toContain('(1 day left)');
  });

  it('tells the subscriber to contact the organization once the deadline has passed', () => {
    const state = refundStateOf(request(), new Date(dueAt.getTime() + DAY));
    expect(say('ru', state).title).toBe('Срок рассмотрения истёк — обратитесь в организацию');
    expect(say('ru', state).text).toContain('до 25.12.2026');
    expect(say('en', state).title).toBe('The decision is overdue — contact the organization');
  });

  it('names the amount and the date of a refund', () => {
    const state = refundStateOf(request({ status: 'refunded', decidedAt }), requestedAt);
    expect(say('ru', state).title).toBe('Деньги возвращены: 1 234,56 ₽, 28.11.2026');
    expect(say('en', state).title).toBe('Money returned: 1 234,56 ₽, 28 Nov 2026');
  });

  it('gives the operator’s note with a rejection', () => {
    const state = refundStateOf(
      request({ status: 'rejected', decidedAt, decisionNote: 'Платёж зачислен верно' }),
      requestedAt,
    );
    expect(say('ru', state)).toEqual({
      title: 'В возврате отказано 28.11.2026',
      text: 'Причина отказа: «Платёж зачислен верно»',
    });
    expect(say('en', state).text).toBe('Reason: “Платёж зачислен верно”');
  });

  it('says when the bank is returning the money, and when it could not', () => {
    const approved = refundStateOf(request({ status: 'approved' }), requestedAt);
    expect(say('ru', approved).title).toBe('Заявление одобрено — банк возвращает деньги');
    expect(say('ru', approved).text).toContain('1 234,56 ₽');
    const failed = refundStateOf(request({ status: 'failed', decidedAt }), requestedAt);
    expect(say('ru', failed).title).toBe('Банк не смог вернуть деньги');
    expect(say('en', failed).title).toBe('The bank could not return the money');
  });
});
