// Where a card payment stands, in the subscriber's words: one outcome for the headline and the steps
// of its timeline (reached ones with their time, the rest still ahead).
import type { CardPayment, TimelineEvent } from '../../../../shared/api/card-payments.ts';

export type PaymentOutcome = 'credited' | 'crediting' | 'waiting' | 'failed' | 'refunded';

export function outcomeOf(payment: Pick<CardPayment, 'status' | 'credited'>): PaymentOutcome {
  switch (payment.status) {
    case 'created':
    case 'pending':
      return 'waiting';
    case 'succeeded':
      return payment.credited ? 'credited' : 'crediting';
    case 'canceled':
      return 'failed';
    case 'refunded':
      return 'refunded';
  }
}

export type StepKind = Exclude<TimelineEvent['kind'], 'redirected' | 'conflict'>;

export interface PaymentStep {
  kind: StepKind;
  /** When the step was reached; null while it is still ahead. */
  at: string | null;
}

const happyPath: readonly StepKind[] = ['created', 'paid_at_bank', 'confirmed', 'credited'];
/** Steps shown only once they happen, after the happy path. */
const laterSteps: readonly StepKind[] = ['accepted_by_billing', 'refund_requested', 'refunded'];

/**
 * The happy path, each step with the time it was first reached; a canceled payment ends with
 * «canceled» after the steps it did reach. The bank's redirect and internal conflicts are not steps
 * a subscriber needs to see.
 */
export function stepsOf(payment: Pick<CardPayment, 'status' | 'timeline'>): PaymentStep[] {
  const reachedAt = new Map<StepKind, string>();
  for (const event of payment.timeline) {
    if (event.kind === 'redirected' || event.kind === 'conflict') continue;
    if (!reachedAt.has(event.kind)) reachedAt.set(event.kind, event.at);
  }
  const step = (kind: StepKind): PaymentStep => ({ kind, at: reachedAt.get(kind) ?? null });

  if (payment.status === 'canceled') {
    return [
      ...happyPath.filter((kind) => kind === 'created' || reachedAt.has(kind)).map(step),
      step('canceled'),
    ];
  }
  return [...happyPath.map(step), ...laterSteps.filter((kind) => reachedAt.has(kind)).map(step)];
}
