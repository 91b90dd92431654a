// Refunds as the subscriber sees them on a payment's page: whether they may apply (a credited
// payment, no open application, not a viewer), the reason's length rule, and where an application
// stands, put into words (the 30-day deadline with the days left, overdue, refunded, rejected).
import type { TFunction } from 'i18next';
import type { CardPayment } from '../../../../shared/api/card-payments.ts';
import {
  createRefundRequestSchema,
  isOpenRefundStatus,
  type RefundRequest,
  refundDeadline,
} from '../../../../shared/api/refunds.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatLocalDate } from '../../../lib/format.ts';

/** The reason's limits, as the API checks them (on the trimmed text). */
export const REFUND_REASON_MIN = createRefundRequestSchema.shape.reason.minLength ?? 10;
export const REFUND_REASON_MAX = createRefundRequestSchema.shape.reason.maxLength ?? 2000;

export type RefundReasonCheck =
  | { ok: true; reason: string }
  | { ok: false; problem: 'tooShort' | 'tooLong'; length: number };

/** The written application's text, counted as the API counts it: without surrounding spaces. */
export function checkRefundReason(text: string): RefundReasonCheck {
  const reason = text.trim();
  if (reason.length < REFUND_REASON_MIN) return { ok: false, problem: 'tooShort', length: reason.length };
  if (reason.length > REFUND_REASON_MAX) return { ok: false, problem: 'tooLong', length: reason.length };
  return { ok: true, reason };
}

type AccountRole = 'owner' | 'member' | 'viewer';

/**
 * Whether to offer "Refund the payment": only a payment credited to the account, without an
 * application still waiting (a rejected or failed one may be followed by a new one), and not to a
 * viewer. An unknown role (null) gets the offer; the API then answers FORBIDDEN_ROLE if need be.
 */
export function canRequestRefund(
  payment: Pick<CardPayment, 'status' | 'credited' | 'refund'>,
  role: AccountRole | null,
): boolean {
  if (payment.status !== 'succeeded' || !payment.credited) return false;
  if (role === 'viewer') return false;
  return !(payment.refund && isOpenRefundStatus(payment.refund.status));
}

/** Where an application stands; the deadline is counted again on the client, so an open page keeps it. */
export type RefundState =
  | { kind: 'requested'; requestedAt: string; dueAt: string; daysLeft: number }
  | { kind: 'approved'; requestedAt: string; dueAt: string; daysLeft: number }
  | { kind: 'overdue'; requestedAt: string; dueAt: string }
  | { kind: 'refunded'; requestedAt: string; decidedAt: string | null }
  | { kind: 'rejected'; requestedAt: string; decidedAt: string | null; note: string | null }
  | { kind: 'failed'; requestedAt: string; decidedAt: string | null };

export type RefundKind = RefundState['kind'];

export function refundStateOf(
  refund: Pick<RefundRequest, 'status' | 'requestedAt' | 'dueAt' | 'decidedAt' | 'decisionNote'>,
  now: Date,
): RefundState {
  const { requestedAt, dueAt, decidedAt } = refund;
  switch (refund.status) {
    case 'requested':
    case 'approved': {
      const { overdue, daysLeft } = refundDeadline(refund.status, dueAt, now);
      if (overdue) return { kind: 'overdue', requestedAt, dueAt };
      return { kind: refund.status, requestedAt, dueAt, daysLeft: daysLeft ?? 0 };
    }
    case 'refunded':
      return { kind: 'refunded', requestedAt, decidedAt };
    case 'rejected':
      return { kind: 'rejected', requestedAt, decidedAt, note: refund.decisionNote };
    case 'failed':
      return { kind: 'failed', requestedAt, decidedAt };
  }
}

export interface RefundText {
  /** One sentence: where the application stands. */
  title: string;
  /** What it means and what to do, if anything. */
  text: string;
}

/** The state in the subscriber's words: dates as 25.12.2026, money as 1 234,56 ₽. */
export function describeRefund(t: TFunction, state: RefundState, amount: number, locale: string): RefundText {
  const date = (iso: string | null) => (iso ? formatLocalDate(iso, locale) : '—');
  switch (state.kind) {
    case 'requested':
      return {
        title: t('cardPayment.refund.state.requested.title', {
          date: date(state.dueAt),
          count: state.daysLeft,
        }),
        text: t('cardPayment.refund.state.requested.text'),
      };
    case 'approved':
      return {
        title: t('cardPayment.refund.state.approved.title'),
        text: t('cardPayment.refund.state.approved.text', { amount: formatMoney(amount) }),
      };
    case 'overdue':
      return {
        title: t('cardPayment.refund.state.overdue.title'),
        text: t('cardPayment.refund.state.overdue.text', { date: date(state.dueAt) }),
      };
    case 'refunded':
      return {
        title: t('cardPayment.refund.state.refunded.title', {
          amount: formatMoney(amount),
          date: date(state.decidedAt),
        }),
        text: t('cardPayment.refund.state.refunded.text'),
      };
    case 'rejected':
      return {
        title: t('cardPayment.refund.state.rejected.title', { date: date(state.decidedAt) }),
        text: state.note
          ? t('cardPayment.refund.state.rejected.text', { note: state.note })
          : t('cardPayment.refund.state.rejected.textNoNote'),
      };
    case 'failed':
      return {
        title: t('cardPayment.refund.state.failed.title'),
        text: t('cardPayment.refund.state.failed.text'),
      };
  }
}
