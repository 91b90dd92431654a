// A card payment's life (issue 6): created → pending → succeeded | canceled, succeeded → refunded.
// Notifications arrive late, twice or out of order, so the rules say what a reported state does to
// the stored one: move it forward, change nothing (a repeat, or news older than what we know), or
// be a contradiction worth an operator's look (a canceled payment reported as paid).

export type CardPaymentStatus = 'created' | 'pending' | 'succeeded' | 'canceled' | 'refunded';

const NEXT: Record<CardPaymentStatus, readonly CardPaymentStatus[]> = {
  // A success or a cancellation may be the first thing we hear: the bank's page was quicker than us.
  created: ['pending', 'succeeded', 'canceled'],
  pending: ['succeeded', 'canceled'],
  succeeded: ['refunded'],
  canceled: [],
  refunded: [],
};

/** How far along a status is: news of an earlier status than the stored one is old news. */
const RANK: Record<CardPaymentStatus, number> = {
  created: 0,
  pending: 1,
  succeeded: 2,
  canceled: 2,
  refunded: 3,
};

export type Transition =
  | { kind: 'move'; to: CardPaymentStatus }
  | { kind: 'same' }
  | { kind: 'stale' }
  | { kind: 'conflict'; reason: string };

export function canMove(from: CardPaymentStatus, to: CardPaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** What a reported status does to a payment whose stored status is `current`. */
export function transition(current: CardPaymentStatus, reported: CardPaymentStatus): Transition {
  if (current === reported) return { kind: 'same' };
  if (canMove(current, reported)) return { kind: 'move', to: reported };
  if (RANK[reported] < RANK[current]) return { kind: 'stale' };
  if (current === 'refunded' && reported === 'succeeded') return { kind: 'stale' };
  return { kind: 'conflict', reason: `reported ${reported} while the payment is ${current}` };
}

/** Whether a payment in this status has money on the account (its ledger entry counts). */
export function isCredited(status: CardPaymentStatus): boolean {
  return status === 'succeeded';
}
