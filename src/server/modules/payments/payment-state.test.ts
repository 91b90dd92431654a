import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CardPaymentStatus, canMove, isCredited, transition } from './payment-state.ts';

const statuses: CardPaymentStatus[] = ['created', 'pending', 'succeeded', 'canceled', 'refunded'];

describe('card payment states', () => {
  it.each([
    ['created', 'pending', { kind: 'move', to: 'pending' }],
    ['created', 'succeeded', { kind: 'move', to: 'succeeded' }],
    ['pending', 'succeeded', { kind: 'move', to: 'succeeded' }],
    ['pending', 'canceled', { kind: 'move', to: 'canceled' }],
    ['succeeded', 'refunded', { kind: 'move', to: 'refunded' }],
    ['succeeded', 'succeeded', { kind: 'same' }],
    ['succeeded', 'pending', { kind: 'stale' }],
    ['refunded', 'succeeded', { kind: 'stale' }],
    ['canceled', 'pending', { kind: 'stale' }],
  ] as const)('%s, told %s → %o', (current, reported, expected) => {
    expect(transition(current, reported)).toEqual(expected);
  });

  it('calls a paid report on a canceled payment (and the reverse) a conflict, not a move', () => {
    expect(transition('canceled', 'succeeded')).toMatchObject({ kind: 'conflict' });
    expect(transition('succeeded', 'canceled')).toMatchObject({ kind: 'conflict' });
    expect(transition('canceled', 'refunded')).toMatchObject({ kind: 'conflict' });
  });

  it('never leaves a final status, and no sequence of reports credits a canceled payment', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...statuses), { maxLength: 30 }), (reports) => {
        let status: CardPaymentStatus = 'created';
        let creditedTimes = 0;
        let everCanceled = false;
        for (const reported of reports) {
          const result = transition(status, reported);
          if (result.kind !== 'move') continue;
          expect(canMove(status, result.to)).toBe(true);
          status = result.to;
          if (status === 'succeeded') creditedTimes += 1;
          if (status === 'canceled') everCanceled = true;
        }
        // Succeeded is entered at most once, and never after a cancellation.
        expect(creditedTimes).toBeLessThanOrEqual(1);
        if (everCanceled) expect(creditedTimes).toBe(0);
        expect(isCredited(status)).toBe(status === 'succeeded');
      }),
      { numRuns: 2000 },
    );
  });
});
