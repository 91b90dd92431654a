// The daily reconciliation of card payments (issue 6, ADR 0011): once a day per organization (its
// time zone) every card payment of the last days is read back from its gateway and compared with
// the ledger. The one mismatch with a single right answer — the bank took the money, the
// notification was lost — is credited through applyGatewayEvent; everything else is reported and
// never changed. The report is stored per organization and day, and mailed to the organization's
// staff in the same transaction when something disagreed, so two processes report once.
import type { Kysely } from 'kysely';
import { formatMoney } from '../../../shared/money.ts';
import { formatDate, zonedClock } from '../../../shared/period.ts';
import type { GatewayPayment, GatewayPaymentState, PaymentGateway } from '../../adapters/payments/gateway.ts';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { sendMailJob } from '../../jobs/send-mail.job.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { insertMessage } from '../mail/mail.repository.ts';
import { escapeHtml } from '../mail/mail.templates.ts';
import { applyGatewayPayment, POLL_AFTER_MS } from './card-payments.service.ts';
import type { CardPaymentStatus } from './payment-state.ts';
import { transition } from './payment-state.ts';
import {
  claimReconciliation,
  finishReconciliation,
  type LedgerEntry,
  listCardPaymentsToReconcile,
  listConflicts,
  listOrganizationsWithCardPayments,
  listStaffRecipients,
  type OrganizationToReconcile,
  type PaymentToReconcile,
  type RecordedConflict,
  releaseReconciliation,
} from './reconciliation.repository.ts';

/** How many days back each daily run compares (a missed day is covered by the next runs). */
export const RECONCILIATION_DAYS = 3;
/** A claim older than this belongs to a process that died; another run may take the day over. */
export const RECONCILIATION_CLAIM_TIMEOUT_MS = 60 * 60_000;

export interface ReconciliationContext {
  db: Kysely<DB>;
  queue: JobQueue;
  /** The gateway of this kind as the organization has it; null when it has none now. */
  gatewayFor: (
    kind: PaymentGateway['kind'],
    organizationId: string,
  ) => PaymentGateway | null | Promise<PaymentGateway | null>;
}

export type FindingKind =
  /** Paid at the bank, no ledger row: credited now. */
  | 'repaired'
  /** Paid and then refunded in full at the bank, neither heard of: applied now as both, net nothing. */
  | 'repaired_refunded'
  /** Paid and partly refunded at the bank, not credited: neither the whole nor nothing is right. */
  | 'partly_refunded'
  /** Paid at the bank, not credited, and it cannot be credited automatically (e.g. canceled here). */
  | 'paid_not_credited'
  /** The ledger (or the order's status) has the money; the bank does not say it was paid. */
  | 'not_paid_at_gateway'
  | 'amount_differs'
  /** The order is refunded and its ledger row (or the bank) is not, or the other way round. */
  | 'refund_mismatch'
  /** The order's status and its ledger row disagree otherwise (e.g. pending with a credited row). */
  | 'status_differs'
  | 'credited_twice'
  /** A contradiction recorded in the payment's timeline (paid after canceled, another amount). */
  | 'conflict'
  /** The gateway could not be asked (it failed, or the organization no longer has it). */
  | 'unchecked';

export interface ReconciliationFinding {
  kind: FindingKind;
  paymentId: string;
  accountNumber: string;
  /** Kopecks: the order's amount. */
  amount: number;
  status: CardPaymentStatus;
  gatewayState?: GatewayPaymentState;
  gatewayAmount?: number;
  /** Kopecks the bank says it gave back, when any. */
  gatewayRefundedAmount?: number;
  ledger?: LedgerEntry[];
  /** Conflicts: how many were recorded and why; unchecked: the gateway's error. */
  count?: number;
  note?: string;
}

export interface ReconciliationResult {
  organizationId: string;
  day: string;
  /** `skipped`: the day is already reported, or another process is reporting it. */
  outcome: 'reported' | 'skipped';
  paymentsChecked: number;
  mismatches: number;
  repaired: number;
  mailedTo: number;
}

/**
 * Reconciles every organization with card payments in the last `days` days whose report for today
 * (its time zone) is not stored yet. Returns what each organization got; throws after trying them
 * all if any failed (the job retries; finished organizations are then skipped).
 */
export async function reconcileCardPayments(
  context: ReconciliationContext,
  now = new Date(),
  days = RECONCILIATION_DAYS,
): Promise<ReconciliationResult[]> {
  const from = new Date(now.getTime() - days * 24 * 60 * 60_000);
  // Younger payments may have their notification in flight: they are the poll's, and tomorrow's.
  const until = new Date(now.getTime() - POLL_AFTER_MS);
  const organizations = await listOrganizationsWithCardPayments(context.db, from, until);
  const results: ReconciliationResult[] = [];
  const failures: string[] = [];
  for (const organization of organizations) {
    try {
      results.push(await reconcileOrganization(context, organization, now, from, until));
    } catch (error) {
      failures.push(`${organization.id}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0)
    throw new Error(
      `card payment reconciliation failed for ${failures.length} organization(s): ${failures.join('; ')}`,
    );
  return results;
}

async function reconcileOrganization(
  context: ReconciliationContext,
  organization: OrganizationToReconcile,
  now: Date,
  from: Date,
  until: Date,
): Promise<ReconciliationResult> {
  const day = zonedClock(now, organization.timezone).date;
  const startedAt = new Date();
  const claim = await claimReconciliation(context.db, {
    organizationId: organization.id,
    day,
    checkedFrom: from,
    checkedUntil: until,
    startedAt,
    staleBefore: new Date(startedAt.getTime() - RECONCILIATION_CLAIM_TIMEOUT_MS),
  });
  const skipped: ReconciliationResult = {
    organizationId: organization.id,
    day,
    outcome: 'skipped',
    paymentsChecked: 0,
    mismatches: 0,
    repaired: 0,
    mailedTo: 0,
  };
  if (!claim) return skipped;
  try {
    const payments = await listCardPaymentsToReconcile(context.db, organization.id, from, until);
    const gateways = new Map<string, Promise<PaymentGateway | null>>();
    const gatewayOf = (kind: PaymentGateway['kind']) => {
      let gateway = gateways.get(kind);
      if (!gateway) {
        gateway = Promise.resolve(context.gatewayFor(kind, organization.id));
        gateways.set(kind, gateway);
      }
      return gateway;
    };
    const findings: ReconciliationFinding[] = [];
    for (const payment of payments) {
      const finding = await checkPayment(context.db, payment, gatewayOf, now);
      if (finding) findings.push(finding);
    }
    findings.push(...groupConflicts(await listConflicts(context.db, organization.id, from, now)));
    const repaired = findings.filter(
      (finding) => finding.kind === 'repaired' || finding.kind === 'repaired_refunded',
    );

    const report = {
      paymentsChecked: payments.length,
      mismatches: findings.length,
      repaired: repaired.length,
      findings,
    };
    const mailedTo = await context.db.transaction().execute(async (trx) => {
      const recipients = findings.length > 0 ? await listStaffRecipients(trx, organization.id) : [];
      if (!(await finishReconciliation(trx, claim, { ...report, mailedTo: recipients.length }))) return null;
      if (recipients.length > 0) {
        const mail = renderReport(organization, zonedClock(from, organization.timezone).date, day, report);
        for (const { email } of recipients) {
          const messageId = await insertMessage(trx, {
            recipient: email,
            template: 'payment_reconciliation',
            locale: 'ru',
            ...mail,
          });
          await context.queue.send(sendMailJob, { messageId }, trx);
        }
      }
      await recordAuditEvent(trx, {
        action: 'payments.reconciled',
        organizationId: organization.id,
        targetType: 'payment_reconciliation',
        targetId: claim.id,
        details: {
          day,
          paymentsChecked: report.paymentsChecked,
          mismatches: report.mismatches,
          repairedPaymentIds: repaired.map((finding) => finding.paymentId),
          mailedTo: recipients.length,
        },
      });
      return recipients.length;
    });
    // Another run took the claim over (this one was too slow): its report is the one that counts.
    if (mailedTo === null) return skipped;
    return { ...skipped, outcome: 'reported', ...report, mailedTo };
  } catch (error) {
    await releaseReconciliation(context.db, claim).catch(() => {});
    throw error;
  }
}

/** Compares one order with its gateway and its ledger rows; null when they agree. */
async function checkPayment(
  db: Kysely<DB>,
  payment: PaymentToReconcile,
  gatewayOf: (kind: PaymentGateway['kind']) => Promise<PaymentGateway | null>,
  now: Date,
): Promise<ReconciliationFinding | null> {
  const base = {
    paymentId: payment.id,
    accountNumber: payment.accountNumber,
    amount: payment.amount,
    status: payment.status,
  };
  let answer: GatewayPayment;
  try {
    const gateway = await gatewayOf(payment.gateway);
    if (!gateway) return { ...base, kind: 'unchecked' };
    answer = await gateway.get(payment.gatewayPaymentId);
  } catch (error) {
    return { ...base, kind: 'unchecked', note: (error as Error).message.slice(0, 200) };
  }
  const found = (kind: FindingKind): ReconciliationFinding => ({
    ...base,
    kind,
    gatewayState: answer.state,
    gatewayAmount: answer.amount,
    ...(answer.refundedAmount > 0 ? { gatewayRefundedAmount: answer.refundedAmount } : {}),
    ledger: payment.ledger,
  });
  const paid = answer.state === 'succeeded';
  const ours = payment.status;
  const oursPaid = ours === 'succeeded' || ours === 'refunded';
  const [entry, ...more] = payment.ledger;
  if (more.length > 0) return found('credited_twice');

  if (!entry) {
    if (oursPaid) return found(paid ? 'paid_not_credited' : 'not_paid_at_gateway');
    if (!paid) return null;
    if (answer.amount !== payment.amount) return found('amount_differs');
    if (transition(ours, 'succeeded').kind !== 'move') return found('paid_not_credited');
    // The same rule as the poll's, refunds at the bank included.
    const outcome = await applyGatewayPayment(
      db,
      payment.gateway,
      { ...answer, gatewayPaymentId: payment.gatewayPaymentId },
      now,
    );
    if (outcome === 'credited') return found('repaired');
    if (outcome === 'paid_and_refunded') return found('repaired_refunded');
    if (outcome === 'partly_refunded') return found('partly_refunded');
    // A notification or a poll credited it a moment ago: nothing to report.
    if (outcome === 'same' || outcome === 'moved') return null;
    return found('paid_not_credited');
  }

  if (!paid) return found('not_paid_at_gateway');
  if (entry.amount !== answer.amount || payment.amount !== answer.amount) return found('amount_differs');
  if ((ours === 'refunded') !== (entry.status === 'refunded')) return found('refund_mismatch');
  // Refunded at the bank (e.g. its notification was lost) while the account still has the money.
  if (ours !== 'refunded' && answer.refundedAmount > 0) return found('refund_mismatch');
  if (ours !== 'succeeded' || entry.status !== 'credited') return found('status_differs');
  return null;
}

/** One finding per payment, however many times its conflict was recorded. */
function groupConflicts(conflicts: RecordedConflict[]): ReconciliationFinding[] {
  const byPayment = new Map<string, ReconciliationFinding & { reasons: Set<string> }>();
  for (const conflict of conflicts) {
    const finding = byPayment.get(conflict.paymentId) ?? {
      kind: 'conflict' as const,
      paymentId: conflict.paymentId,
      accountNumber: conflict.accountNumber,
      amount: conflict.amount,
      status: conflict.status,
      count: 0,
      reasons: new Set<string>(),
    };
    finding.count! += 1;
    finding.reasons.add(describeConflict(conflict.details));
    byPayment.set(conflict.paymentId, finding);
  }
  return [...byPayment.values()].map(({ reasons, ...finding }) => ({
    ...finding,
    note: [...reasons].join('; '),
  }));
}

const STATUS_NAMES: Record<CardPaymentStatus, string> = {
  created: 'создан',
  pending: 'ожидает оплаты',
  succeeded: 'оплачен',
  canceled: 'отменён',
  refunded: 'возвращён',
};
const GATEWAY_STATE_NAMES: Record<GatewayPaymentState | 'refunded', string> = {
  pending: 'не оплачен',
  succeeded: 'оплачен',
  canceled: 'отменён',
  refunded: 'возвращён',
};
const LEDGER_STATUS_NAMES: Record<LedgerEntry['status'], string> = {
  pending: 'ожидает',
  credited: 'зачислено',
  failed: 'не прошло',
  refunded: 'возвращено',
};

function describeConflict(details: unknown): string {
  const { reason, reported } = (details ?? {}) as { reason?: unknown; reported?: unknown };
  if (reason === 'amount' && typeof reported === 'number')
    return `банк сообщил другую сумму: ${formatMoney(reported)}`;
  const match =
    typeof reason === 'string' ? /^reported (\w+) while the payment is (\w+)$/.exec(reason) : null;
  if (match) {
    const reportedState = GATEWAY_STATE_NAMES[match[1] as GatewayPaymentState] ?? match[1];
    const current = STATUS_NAMES[match[2] as CardPaymentStatus] ?? match[2];
    return `банк сообщил «${reportedState}», когда платёж уже «${current}»`;
  }
  return typeof reason === 'string' ? reason : 'противоречие';
}

function describe(finding: ReconciliationFinding): string {
  const status = STATUS_NAMES[finding.status];
  const atBank = finding.gatewayState ? GATEWAY_STATE_NAMES[finding.gatewayState] : '';
  const entry = finding.ledger?.[0];
  const untouched = 'Деньги не изменены — проверьте платёж.';
  switch (finding.kind) {
    case 'repaired':
      return 'банк провёл оплату, но уведомление о ней не дошло — при сверке платёж зачислен на лицевой счёт.';
    case 'repaired_refunded':
      return 'банк провёл оплату и уже вернул её, уведомления об этом не дошли — при сверке платёж отмечен оплаченным и возвращённым; на лицевой счёт ничего не зачислено.';
    case 'partly_refunded':
      return `банк провёл оплату и вернул её часть, а на лицевой счёт она не зачислена (платёж в Абоненте: «${status}»). ${untouched}`;
    case 'paid_not_credited':
      return `банк провёл оплату, но на лицевой счёт она не зачислена (платёж в Абоненте: «${status}»). Зачислите или верните её вручную.`;
    case 'not_paid_at_gateway':
      return entry
        ? `на лицевой счёт зачислено ${formatMoney(entry.amount)}, а банк оплату не подтверждает (в банке: «${atBank}»). ${untouched}`
        : `платёж отмечен как «${status}», а банк оплату не подтверждает (в банке: «${atBank}»). ${untouched}`;
    case 'amount_differs':
      return `сумма в банке ${formatMoney(finding.gatewayAmount!)}, ${entry ? `а зачислено ${formatMoney(entry.amount)}` : 'а платёж не зачислен'}. ${untouched}`;
    case 'refund_mismatch':
      if (finding.status !== 'refunded' && finding.gatewayRefundedAmount)
        return `банк вернул деньги за этот платёж, а в Абоненте он «${status}» и запись о зачислении — «${LEDGER_STATUS_NAMES[entry!.status]}». ${untouched}`;
      return `возврат не сходится: платёж «${status}», а запись о зачислении — «${LEDGER_STATUS_NAMES[entry!.status]}». ${untouched}`;
    case 'status_differs':
      return `платёж «${status}», а запись о зачислении — «${LEDGER_STATUS_NAMES[entry!.status]}». ${untouched}`;
    case 'credited_twice':
      return `на лицевой счёт зачислено ${finding.ledger!.length} раза (${finding.ledger!.map((row) => formatMoney(row.amount)).join(', ')}). ${untouched}`;
    case 'conflict':
      return `в истории платежа записано противоречие${finding.count! > 1 ? ` (${finding.count} раз)` : ''}: ${finding.note}.`;
    case 'unchecked':
      return finding.note
        ? `банк не ответил при сверке (${finding.note}); платёж проверят в следующий раз.`
        : 'платёжный шлюз этого платежа у организации больше не подключён — платёж не проверен.';
  }
}

function renderReport(
  organization: OrganizationToReconcile,
  fromDay: string,
  day: string,
  report: {
    paymentsChecked: number;
    mismatches: number;
    repaired: number;
    findings: ReconciliationFinding[];
  },
): { subject: string; text: string; html: string } {
  const subject = `Сверка платежей с банком за ${formatDate(day)}: расхождений — ${report.mismatches} (${organization.name})`;
  const intro = [
    `${organization.name}: сверка платежей картой с банком за ${formatDate(fromDay)} — ${formatDate(day)}.`,
    `Проверено платежей: ${report.paymentsChecked}. Расхождений: ${report.mismatches}, из них исправлено при сверке: ${report.repaired}.`,
  ];
  const lines = report.findings.map(
    (finding) =>
      `Платёж ${finding.paymentId}, лицевой счёт ${finding.accountNumber}, ${formatMoney(finding.amount)}: ${describe(finding)}`,
  );
  const outro =
    'Сверка сама только зачисляет платежи, которые банк провёл, а уведомление о них потерялось (и отмечает возвращёнными те, что банк уже и вернул целиком). Остальное она не меняет: сверьте эти платежи с личным кабинетом банка.';
  const signature = 'Абонент — личный кабинет';
  const text = [
    ...intro,
    lines.map((line, index) => `${index + 1}. ${line}`).join('\n'),
    outro,
    `— ${signature}`,
  ].join('\n\n');
  const html = `<!doctype html><html lang="ru"><body style="font-family:Arial,sans-serif;color:#1a1b1e;line-height:1.5">
${intro.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<ol>
${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}
</ol>
<p>${escapeHtml(outro)}</p>
<p style="font-size:13px;color:#555">— ${escapeHtml(signature)}</p>
</body></html>`;
  return { subject, text, html };
}
