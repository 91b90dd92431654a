// The daily reconciliation against the real sandbox bank, whose notifications go to an address
// where nothing listens (so they are lost unless a test delivers them): agreeing days are stored
// and mailed to nobody; a payment the bank took without telling us is credited once and reported;
// every other mismatch is reported and the money left alone; a day is reported once, also when two
// runs race, to that organization's staff only, over real SMTP. On PGlite and PostgreSQL.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { SmtpPeer } from '../../../../tests/support/smtp-peer.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { CreateCardPaymentResponse } from '../../../shared/api/card-payments.ts';
import type { PaymentGateway } from '../../adapters/payments/gateway.ts';
import { sandboxGateway } from '../../adapters/payments/sandbox/sandbox-gateway.ts';
import { SIGNATURE_HEADER, signBody } from '../../adapters/payments/sandbox/sandbox-notifier.ts';
import { cardPaymentsReconciliationJob } from '../../jobs/card-payments-reconciliation.job.ts';
import { type ReconciliationFinding, reconcileCardPayments } from './reconciliation.service.ts';

const SECRET = 'sandbox-secret-for-reconciliation-0123456789';
// Nothing listens on port 1: every notification the sandbox bank sends is lost.
const UNREACHABLE = 'http://127.0.0.1:1';
const CARD_PAID = '4111 1111 1111 1111';
const CARD_DECLINED = '4000 0000 0000 0002';
const NBSP = '\u00a0';

let accountNumbers = 7_770_000;

describe.each(databaseKinds)('daily reconciliation of card payments on %s', (kind) => {
  const smtp = new SmtpPeer();
  let t: TestApp;
  let bank: PaymentGateway;
  let payer: LoggedIn;
  let payerId: string;
  let payerEmail: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(kind, {
      SANDBOX_BANK: 'true',
      SANDBOX_BANK_SECRET: SECRET,
      PUBLIC_URL: UNREACHABLE,
      SMTP_URL: smtp.url,
    });
    bank = sandboxGateway({ db: t.database.db, publicUrl: UNREACHABLE, secret: SECRET });
    const user = await buildUser(t.database.db);
    payerId = user.id;
    payerEmail = user.email;
    payer = await logIn(t.app, user.email, user.password);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const context = (gateway: PaymentGateway = bank) => ({
    db: t.database.db,
    queue: t.queue,
    gatewayFor: (gatewayKind: string) => (gatewayKind === 'sandbox' ? gateway : null),
  });
  /** A moment when the payments made just now are old enough to be reconciled. */
  const soon = () => new Date(Date.now() + 6 * 60_000);

  /** An organization with an operator, an admin, and an account the payer pays for. */
  const organizationWithStaff = async (name: string) => {
    const db = t.database.db;
    const { id: organizationId } = await buildOrganization(db, { short_name: name });
    const accountNumber = String(++accountNumbers);
    const { id: accountId } = await buildAccount(db, organizationId, {
      number: accountNumber,
      members: [{ userId: payerId }],
    });
    const operator = await buildUser(db);
    const admin = await buildUser(db);
    await db
      .insertInto('staff')
      .values([
        { user_id: operator.id, organization_id: organizationId, role: 'operator' },
        { user_id: admin.id, organization_id: organizationId, role: 'admin' },
      ])
      .execute();
    return { organizationId, accountId, accountNumber, operator, admin };
  };

  const start = async (accountId: string, amount: number) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: { ...bearer(payer), 'idempotency-key': randomUUID() },
      payload: { amount, email: 'payer@example.test' },
    });
    expect(response.statusCode).toBe(201);
    const { paymentId } = response.json() as CreateCardPaymentResponse;
    const row = await t.database.db
      .selectFrom('card_payments')
      .select('gateway_payment_id')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    return { paymentId, bankId: row.gateway_payment_id!, amount };
  };

  const payAtBank = async (bankId: string, card: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/sandbox-bank/pay/${bankId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ card, exp: '12/30', cvc: '123' }).toString(),
    });
    expect(response.statusCode).toBe(303);
  };

  /** Delivers a notification signed with the bank's secret (what the bank sends, or says it sent). */
  const notify = async (payment: { bankId: string; paymentId: string }, amount: number) => {
    const body = JSON.stringify({
      id: payment.bankId,
      orderId: payment.paymentId,
      status: 'succeeded',
      amount,
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payment-notifications/sandbox',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, SECRET) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
  };

  const ledgerOf = (paymentId: string) =>
    t.database.db
      .selectFrom('payments')
      .select(['amount', 'status'])
      .where('card_payment_id', '=', paymentId)
      .execute();

  const statusOf = async (paymentId: string) =>
    (
      await t.database.db
        .selectFrom('card_payments')
        .select('status')
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow()
    ).status;

  const reportsOf = (organizationId: string) =>
    t.database.db
      .selectFrom('payment_reconciliations')
      .select(['day', 'status', 'payments_checked', 'mismatches', 'repaired', 'findings', 'mailed_to'])
      .where('organization_id', '=', organizationId)
      .orderBy('day')
      .execute();

  const reconciliationMailTo = (email: string) =>
    t.database.db
      .selectFrom('mail_messages')
      .select('subject')
      .where('recipient', '=', email)
      .where('template', '=', 'payment_reconciliation')
      .execute();

  it('stores a report without mismatches and mails nobody when the bank and the ledger agree', async () => {
    const org = await organizationWithStaff('УК «Согласие»');
    const paid = await start(org.accountId, 150_000);
    await payAtBank(paid.bankId, CARD_PAID);
    await notify(paid, paid.amount); // the bank's notification, a little late
    const declined = await start(org.accountId, 20_000);
    await payAtBank(declined.bankId, CARD_DECLINED); // its notification is lost: pending here, canceled there
    await start(org.accountId, 30_000); // never paid

    const results = await reconcileCardPayments(context(), soon());
    expect(results.find((result) => result.organizationId === org.organizationId)).toMatchObject({
      outcome: 'reported',
      paymentsChecked: 3,
      mismatches: 0,
      repaired: 0,
      mailedTo: 0,
    });
    const [report, ...more] = await reportsOf(org.organizationId);
    expect(more).toEqual([]);
    expect(report).toMatchObject({
      status: 'done',
      payments_checked: 3,
      mismatches: 0,
      findings: [],
      mailed_to: 0,
    });
    expect(await ledgerOf(paid.paymentId)).toEqual([{ amount: 150_000, status: 'credited' }]);
    expect(await ledgerOf(declined.paymentId)).toEqual([]);
    for (const staff of [org.operator, org.admin])
      expect(await reconciliationMailTo(staff.email)).toEqual([]);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'payments.reconciled')
      .where('organization_id', '=', org.organizationId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ paymentsChecked: 3, mismatches: 0, mailedTo: 0 });
  });

  it('credits a payment the bank took whose notification was lost, once, and reports it as repaired', async () => {
    const org = await organizationWithStaff('УК «Потеря»');
    const lost = await start(org.accountId, 123_456);
    await payAtBank(lost.bankId, CARD_PAID);
    expect((await bank.get(lost.bankId)).state).toBe('succeeded');
    expect(await statusOf(lost.paymentId)).toBe('pending');
    expect(await ledgerOf(lost.paymentId)).toEqual([]);

    const now = soon();
    const results = await reconcileCardPayments(context(), now);
    expect(results.find((result) => result.organizationId === org.organizationId)).toMatchObject({
      outcome: 'reported',
      paymentsChecked: 1,
      mismatches: 1,
      repaired: 1,
      mailedTo: 2,
    });
    expect(await statusOf(lost.paymentId)).toBe('succeeded');
    expect(await ledgerOf(lost.paymentId)).toEqual([{ amount: 123_456, status: 'credited' }]);
    const [report] = await reportsOf(org.organizationId);
    expect(report!.findings).toEqual([
      expect.objectContaining({
        kind: 'repaired',
        paymentId: lost.paymentId,
        accountNumber: org.accountNumber,
        amount: 123_456,
        gatewayState: 'succeeded',
      }),
    ]);

    for (const staff of [org.operator, org.admin]) {
      const mail = await smtp.waitFor(
        staff.email,
        /^Сверка платежей с банком за .*: расхождений — 1 \(УК «Потеря»\)$/,
      );
      expect(mail.text).toContain(lost.paymentId);
      expect(mail.text).toContain(`лицевой счёт ${org.accountNumber}`);
      expect(mail.text).toContain(`1${NBSP}234,56${NBSP}₽`);
      expect(mail.text).toContain('при сверке платёж зачислен на лицевой счёт');
      expect(mail.html).toContain(lost.paymentId);
    }

    // The next day the payment agrees: a report without mismatches, no new mail, still one credit.
    const nextDay = new Date(now.getTime() + 24 * 60 * 60_000);
    const next = await reconcileCardPayments(context(), nextDay);
    expect(next.find((result) => result.organizationId === org.organizationId)).toMatchObject({
      outcome: 'reported',
      mismatches: 0,
    });
    expect((await reportsOf(org.organizationId)).map((row) => row.mismatches)).toEqual([1, 0]);
    expect(await ledgerOf(lost.paymentId)).toHaveLength(1);
    expect(await reconciliationMailTo(org.operator.email)).toHaveLength(1);
  });

  it('reports what it must not repair — unconfirmed credits, other amounts, refunds, conflicts, a silent bank — and changes no money', async () => {
    const org = await organizationWithStaff('УК «Расхождение»');
    // A signed notification said "paid", but the bank's books show the payment was never paid.
    const unconfirmed = await start(org.accountId, 40_000);
    await notify(unconfirmed, unconfirmed.amount);
    // Paid and credited; then the ledger row's amount was changed by hand.
    const otherAmount = await start(org.accountId, 50_000);
    await payAtBank(otherAmount.bankId, CARD_PAID);
    await notify(otherAmount, otherAmount.amount);
    await t.database.db
      .updateTable('payments')
      .set({ amount: 45_000 })
      .where('card_payment_id', '=', otherAmount.paymentId)
      .execute();
    // Paid and credited; the order says refunded, but the ledger row was never reversed.
    const refund = await start(org.accountId, 60_000);
    await payAtBank(refund.bankId, CARD_PAID);
    await notify(refund, refund.amount);
    await t.database.db
      .updateTable('card_payments')
      .set({ status: 'refunded' })
      .where('id', '=', refund.paymentId)
      .execute();
    // A notification with another amount: recorded as a conflict, not applied.
    const conflict = await start(org.accountId, 70_000);
    await notify(conflict, 7_000_000);
    // The bank took the money, but it answers with an error about this one payment.
    const silent = await start(org.accountId, 80_000);
    await payAtBank(silent.bankId, CARD_PAID);
    const troubled: PaymentGateway = {
      ...bank,
      async get(gatewayPaymentId) {
        if (gatewayPaymentId === silent.bankId) throw new Error('502 Bad Gateway');
        return bank.get(gatewayPaymentId);
      },
    };

    const ledgerBefore = await t.database.db
      .selectFrom('payments')
      .select(['card_payment_id', 'amount', 'status'])
      .orderBy('id')
      .execute();
    const results = await reconcileCardPayments(context(troubled), soon());
    expect(results.find((result) => result.organizationId === org.organizationId)).toMatchObject({
      outcome: 'reported',
      paymentsChecked: 5,
      mismatches: 5,
      repaired: 0,
      mailedTo: 2,
    });
    const ledgerAfter = await t.database.db
      .selectFrom('payments')
      .select(['card_payment_id', 'amount', 'status'])
      .orderBy('id')
      .execute();
    expect(ledgerAfter).toEqual(ledgerBefore);
    expect(await statusOf(unconfirmed.paymentId)).toBe('succeeded');
    expect(await statusOf(silent.paymentId)).toBe('pending');

    const [report] = await reportsOf(org.organizationId);
    const byPayment = new Map(
      (report!.findings as ReconciliationFinding[]).map((finding) => [finding.paymentId, finding]),
    );
    expect(byPayment.get(unconfirmed.paymentId)).toMatchObject({
      kind: 'not_paid_at_gateway',
      gatewayState: 'pending',
      ledger: [{ amount: 40_000, status: 'credited' }],
    });
    expect(byPayment.get(otherAmount.paymentId)).toMatchObject({
      kind: 'amount_differs',
      gatewayAmount: 50_000,
      ledger: [{ amount: 45_000, status: 'credited' }],
    });
    expect(byPayment.get(refund.paymentId)).toMatchObject({ kind: 'refund_mismatch', status: 'refunded' });
    expect(byPayment.get(conflict.paymentId)).toMatchObject({ kind: 'conflict', count: 1 });
    expect(byPayment.get(silent.paymentId)).toMatchObject({ kind: 'unchecked', note: '502 Bad Gateway' });

    const mail = await smtp.waitFor(org.admin.email, /расхождений — 5 \(УК «Расхождение»\)/);
    expect(mail.text).toContain(
      `лицевой счёт ${org.accountNumber}, 400,00${NBSP}₽: на лицевой счёт зачислено 400,00${NBSP}₽, а банк оплату не подтверждает`,
    );
    expect(mail.text).toContain(`сумма в банке 500,00${NBSP}₽, а зачислено 450,00${NBSP}₽`);
    expect(mail.text).toContain('возврат не сходится');
    expect(mail.text).toContain(`банк сообщил другую сумму: 70${NBSP}000,00${NBSP}₽`);
    expect(mail.text).toContain('банк не ответил при сверке (502 Bad Gateway)');
    for (const payment of [unconfirmed, otherAmount, refund, conflict, silent])
      expect(mail.text).toContain(payment.paymentId);
    expect(mail.text).toContain('Деньги не изменены');
  });

  it('applies a payment the bank took and refunded in full as paid and refunded, and reports partial refunds and refunds of credited payments without touching the money', async () => {
    const org = await organizationWithStaff('УК «Возврат»');
    // Paid and then refunded in full at the bank; neither notification arrived.
    const whole = await start(org.accountId, 31_000);
    await payAtBank(whole.bankId, CARD_PAID);
    await bank.refund(whole.bankId, 31_000, `whole-${whole.bankId}`);
    // Paid and partly refunded at the bank; neither notification arrived.
    const part = await start(org.accountId, 32_000);
    await payAtBank(part.bankId, CARD_PAID);
    await bank.refund(part.bankId, 2_000, `part-${part.bankId}`);
    // Paid and credited here; then refunded at the bank, and that notification was lost.
    const credited = await start(org.accountId, 33_000);
    await payAtBank(credited.bankId, CARD_PAID);
    await notify(credited, credited.amount);
    await bank.refund(credited.bankId, 33_000, `later-${credited.bankId}`);

    const results = await reconcileCardPayments(context(), soon());
    expect(results.find((result) => result.organizationId === org.organizationId)).toMatchObject({
      outcome: 'reported',
      paymentsChecked: 3,
      mismatches: 3,
      repaired: 1,
      mailedTo: 2,
    });
    expect(await statusOf(whole.paymentId)).toBe('refunded');
    expect(await ledgerOf(whole.paymentId)).toEqual([{ amount: 31_000, status: 'refunded' }]);
    expect(await statusOf(part.paymentId)).toBe('pending');
    expect(await ledgerOf(part.paymentId)).toEqual([]);
    expect(await statusOf(credited.paymentId)).toBe('succeeded');
    expect(await ledgerOf(credited.paymentId)).toEqual([{ amount: 33_000, status: 'credited' }]);

    const [report] = await reportsOf(org.organizationId);
    const byPayment = new Map(
      (report!.findings as ReconciliationFinding[]).map((finding) => [finding.paymentId, finding]),
    );
    expect(byPayment.get(whole.paymentId)).toMatchObject({ kind: 'repaired_refunded' });
    expect(byPayment.get(part.paymentId)).toMatchObject({
      kind: 'partly_refunded',
      gatewayRefundedAmount: 2_000,
    });
    expect(byPayment.get(credited.paymentId)).toMatchObject({
      kind: 'refund_mismatch',
      status: 'succeeded',
      gatewayRefundedAmount: 33_000,
    });
    const mail = await smtp.waitFor(org.admin.email, /расхождений — 3 \(УК «Возврат»\)/);
    expect(mail.text).toContain('банк провёл оплату и уже вернул её');
    expect(mail.text).toContain('банк провёл оплату и вернул её часть');
    expect(mail.text).toContain('банк вернул деньги за этот платёж');
  });

  it('reports a day once, also when two runs race, and mails each organization’s report to its own staff only', async () => {
    const north = await organizationWithStaff('УК «Север»');
    const south = await organizationWithStaff('УК «Юг»');
    // North: a credit the bank does not confirm. South: a payment whose notification was lost.
    const northPayment = await start(north.accountId, 11_100);
    await notify(northPayment, northPayment.amount);
    const southPayment = await start(south.accountId, 22_200);
    await payAtBank(southPayment.bankId, CARD_PAID);

    const now = soon();
    const [first, second] = await Promise.all([
      reconcileCardPayments(context(), now),
      reconcileCardPayments(context(), now),
    ]);
    const third = await reconcileCardPayments(context(), now);
    for (const org of [north, south]) {
      const outcomes = [first, second, third].map(
        (results) => results.find((result) => result.organizationId === org.organizationId)?.outcome,
      );
      expect(outcomes.filter((outcome) => outcome === 'reported')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'skipped')).toHaveLength(2);
      const reports = await reportsOf(org.organizationId);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ status: 'done', mismatches: 1, mailed_to: 2 });
    }
    expect(await ledgerOf(southPayment.paymentId)).toEqual([{ amount: 22_200, status: 'credited' }]);

    for (const [org, own, foreign] of [
      [north, northPayment, southPayment],
      [south, southPayment, northPayment],
    ] as const) {
      for (const staff of [org.operator, org.admin]) {
        expect(await reconciliationMailTo(staff.email), staff.email).toHaveLength(1);
        const delivered = await smtp.waitFor(staff.email, /^Сверка платежей с банком/);
        expect(delivered.text).toContain(own.paymentId);
        expect(delivered.text).not.toContain(foreign.paymentId);
      }
    }
    // The payer, who is no one's staff, gets no report; nor does anybody else.
    expect(await reconciliationMailTo(payerEmail)).toEqual([]);
    const recipients = await t.database.db
      .selectFrom('mail_messages')
      .select('recipient')
      .where('template', '=', 'payment_reconciliation')
      .where('recipient', 'in', [
        north.operator.email,
        north.admin.email,
        south.operator.email,
        south.admin.email,
      ])
      .execute();
    expect(recipients).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.filter((mail) => mail.to.includes(north.operator.email))).toHaveLength(1);
  });

  it('runs as a job of the queue with the instance’s gateways', async () => {
    const org = await organizationWithStaff('УК «Очередь»');
    const lost = await start(org.accountId, 33_300);
    await payAtBank(lost.bankId, CARD_PAID);
    // Made an hour ago, so the job (which runs at the real time) reconciles it.
    await t.database.db
      .updateTable('card_payments')
      .set({ created_at: new Date(Date.now() - 60 * 60_000) })
      .where('id', '=', lost.paymentId)
      .execute();
    await t.queue.send(cardPaymentsReconciliationJob, {});
    await expect
      .poll(async () => (await reportsOf(org.organizationId))[0]?.status, { timeout: 20_000, interval: 200 })
      .toBe('done');
    expect(await ledgerOf(lost.paymentId)).toEqual([{ amount: 33_300, status: 'credited' }]);
    await smtp.waitFor(org.operator.email, /расхождений — 1 \(УК «Очередь»\)/);
  });
});
