// A card payment's headline and steps, as the return page shows them.
import { describe, expect, it } from 'vitest';
import type { CardPayment, TimelineEvent } from '../../../../shared/api/card-payments.ts';
import { outcomeOf, stepsOf } from './payment-progress.ts';

const at = (second: number) => `2026-11-25T10:00:${String(second).padStart(2, '0')}.000Z`;
const event = (kind: TimelineEvent['kind'], second: number): TimelineEvent => ({ kind, at: at(second) });

function payment(status: CardPayment['status'], timeline: TimelineEvent[]) {
  return { status, timeline, credited: timeline.some((entry) => entry.kind === 'credited') };
}

describe('outcomeOf', () => {
  it('waits while the bank has not answered and is final after', () => {
    expect(outcomeOf({ status: 'created', credited: false })).toBe('waiting');
    expect(outcomeOf({ status: 'pending', credited: false })).toBe('waiting');
    expect(outcomeOf({ status: 'succeeded', credited: true })).toBe('credited');
    expect(outcomeOf({ status: 'succeeded', credited: false })).toBe('crediting');
    expect(outcomeOf({ status: 'canceled', credited: false })).toBe('failed');
    expect(outcomeOf({ status: 'refunded', credited: false })).toBe('refunded');
  });
});

describe('stepsOf', () => {
  it('shows the four steps of the happy path, the ones ahead without a time', () => {
    const steps = stepsOf(payment('pending', [event('created', 1), event('redirected', 2)]));
    expect(steps).toEqual([
      { kind: 'created', at: at(1) },
      { kind: 'paid_at_bank', at: null },
      { kind: 'confirmed', at: null },
      { kind: 'credited', at: null },
    ]);
  });

  it('gives each reached step the time it was first reached', () => {
    const steps = stepsOf(
      payment('succeeded', [
        event('created', 1),
        event('redirected', 2),
        event('paid_at_bank', 9),
        event('confirmed', 9),
        event('credited', 10),
        event('conflict', 12),
      ]),
    );
    expect(steps.map((step) => [step.kind, step.at])).toEqual([
      ['created', at(1)],
      ['paid_at_bank', at(9)],
      ['confirmed', at(9)],
      ['credited', at(10)],
    ]);
  });

  it('ends a declined payment with «canceled» instead of the steps it never reached', () => {
    const steps = stepsOf(payment('canceled', [event('created', 1), event('canceled', 20)]));
    expect(steps).toEqual([
      { kind: 'created', at: at(1) },
      { kind: 'canceled', at: at(20) },
    ]);
  });

  it('adds a refund after the happy path once it happens', () => {
    const steps = stepsOf(
      payment('refunded', [
        event('created', 1),
        event('paid_at_bank', 5),
        event('confirmed', 5),
        event('credited', 5),
        event('refunded', 30),
      ]),
    );
    expect(steps.map((step) => step.kind)).toEqual([
      'created',
      'paid_at_bank',
      'confirmed',
      'credited',
      'refunded',
    ]);
  });
});
