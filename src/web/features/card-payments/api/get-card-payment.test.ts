// How often the return page asks about a payment: twice a second while it can still change, never
// once it is final.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { isPaymentMissing, pollDelay } from './get-card-payment.ts';

const createdAt = '2026-11-25T10:00:00.000Z';
const start = Date.parse(createdAt);

describe('pollDelay', () => {
  it('asks twice a second while the bank has not answered or the money is not credited yet', () => {
    expect(pollDelay({ status: 'created', credited: false, createdAt }, start + 5_000)).toBe(500);
    expect(pollDelay({ status: 'pending', credited: false, createdAt }, start + 5_000)).toBe(500);
    expect(pollDelay({ status: 'succeeded', credited: false, createdAt }, start + 5_000)).toBe(500);
  });

  it('stops once the payment is credited, declined or refunded', () => {
    expect(pollDelay({ status: 'succeeded', credited: true, createdAt }, start)).toBe(false);
    expect(pollDelay({ status: 'canceled', credited: false, createdAt }, start)).toBe(false);
    expect(pollDelay({ status: 'refunded', credited: false, createdAt }, start)).toBe(false);
  });

  it('asks now and then while the bank returns an approved refund, and stops once it is decided', () => {
    const refund = (status: 'requested' | 'approved' | 'refunded') => ({
      id: '00000000-0000-4000-8000-000000000001',
      paymentId: '00000000-0000-4000-8000-000000000002',
      status,
      reason: 'Paid twice by mistake',
      requestedAt: createdAt,
      dueAt: createdAt,
      overdue: false,
      daysLeft: 30,
      decidedAt: null,
      decisionNote: null,
    });
    const credited = { status: 'succeeded', credited: true, createdAt } as const;
    expect(pollDelay({ ...credited, refund: refund('approved') }, start)).toBe(15_000);
    expect(pollDelay({ ...credited, refund: refund('requested') }, start)).toBe(false);
    expect(
      pollDelay({ status: 'refunded', credited: false, createdAt, refund: refund('refunded') }, start),
    ).toBe(false);
  });

  it('asks less often about a payment open for more than ten minutes', () => {
    expect(pollDelay({ status: 'pending', credited: false, createdAt }, start + 11 * 60_000)).toBe(15_000);
  });
});

describe('isPaymentMissing', () => {
  it('gives up on a payment the API does not know, not on a lost connection', () => {
    expect(isPaymentMissing(new ApiError({ code: 'NOT_FOUND', message: '', status: 404 }))).toBe(true);
    expect(isPaymentMissing(new ApiError({ code: 'NETWORK_ERROR', message: '', status: 0 }))).toBe(false);
  });
});
