// Refunds over real HTTP with the sandbox bank: a member applies for a refund of a credited card
// payment, staff of the organization (with the second factor) approve it — the bank refunds once,
// the ledger row is reversed once, the balance is back — or reject it with a note the subscriber
// reads. Duplicates, strangers, concurrent approvals and a failing bank change nothing they should
// not. On PGlite and PostgreSQL.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrganization, buildUser } from '../../../../tests/support/factories.ts';
import { freePort } from '../../../../tests/support/free-port.ts';
import {
  bearer,
  createTestApp,
  type LoggedIn,
  logIn,
  logInStaff,
  type TestApp,
} from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import type { CardPayment, CreateCardPaymentResponse } from '../../../shared/api/card-payments.ts';
import type {
  OperatorRefundRequest,
  OperatorRefundRequestsResponse,
  RefundRequest,
} from '../../../shared/api/refunds.ts';
import type { PaymentGateway } from '../../adapters/payments/gateway.ts';
import { SIGNATURE_HEADER, signBody } from '../../adapters/payments/sandbox/sandbox-notifier.ts';
import { createGatewayDirectory } from './gateway-directory.ts';
import { approveRefundRequest, BANK_REFUSED_NOTE } from './refunds.service.ts';

const SECRET = 'sandbox-secret-for-tests-0123456789abcdef';
const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(databaseKinds)('refunds through the sandbox bank on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let organizationId: string;
  let accountId: string;
  let owner: LoggedIn;
  let viewer: LoggedIn;
  let stranger: LoggedIn;
  let operator: LoggedIn;
  let operatorWithout2fa: LoggedIn;
  let otherOperator: LoggedIn;

  const staffSession = (organization: string, secondFactor = true) =>
    logInStaff(t, organization, 'operator', { secondFactor });

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp(kind, { SANDBOX_BANK: 'true', SANDBOX_BANK_SECRET: SECRET, PUBLIC_URL: base });
    await t.app.listen({ port, host: '127.0.0.1' });
    ({ id: organizationId } = await buildOrganization(t.database.db));
    const ownerUser = await buildUser(t.database.db);
    const viewerUser = await buildUser(t.database.db);
    const strangerUser = await buildUser(t.database.db);
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      number: '4440001',
      members: [{ userId: ownerUser.id }, { userId: viewerUser.id, role: 'viewer' }],
    }));
    await buildAccount(t.database.db, organizationId, { members: [{ userId: strangerUser.id }] });
    owner = await logIn(t.app, ownerUser.email, ownerUser.password);
    viewer = await logIn(t.app, viewerUser.email, viewerUser.password);
    stranger = await logIn(t.app, strangerUser.email, strangerUser.password);
    operator = await staffSession(organizationId);
    operatorWithout2fa = await staffSession(organizationId, false);
    const { id: elsewhere } = await buildOrganization(t.database.db);
    otherOperator = await staffSession(elsewhere);
  });
  afterAll(async () => {
    await t?.close();
  });

  const payCard = async (redirectUrl: string, card: string) =>
    fetch(redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card, exp: '12/30', cvc: '123' }).toString(),
    });

  const payment = async (paymentId: string, who: LoggedIn = owner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/payments/${paymentId}`,
      headers: bearer(who),
    });
    return { status: response.statusCode, body: response.json() as CardPayment };
  };

  /** A card payment through the bank's page: credited (good card) or canceled (declined card). */
  const paid = async (amount: number, card = '4111 1111 1111 1111') => {
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/payments`,
      headers: { ...bearer(owner), 'idempotency-key': randomUUID() },
      payload: { amount, email: 'payer@example.test' },
    });
    const { paymentId, redirectUrl } = started.json() as CreateCardPaymentResponse;
    expect((await payCard(redirectUrl, card)).status).toBe(303);
    await expect
      .poll(async () => (await payment(paymentId)).body.status, { timeout: 10_000 })
      .not.toBe('pending');
    return paymentId;
  };

  const requestRefund = async (paymentId: string, who: LoggedIn = owner, reason?: unknown) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${paymentId}/refund-requests`,
      headers: bearer(who),
      payload: { reason: reason ?? 'Оплатил дважды по ошибке, прошу вернуть второй платёж.' },
    });
    return { status: response.statusCode, body: response.json() as RefundRequest & ErrorBody };
  };

  type ErrorBody = { error: { code: string; message: string } };

  const decide = async (
    id: string,
    decision: 'approve' | 'reject',
    who: LoggedIn = operator,
    payload?: object,
  ) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operator/refund-requests/${id}/${decision}`,
      headers: bearer(who),
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json() as OperatorRefundRequest & ErrorBody };
  };

  const list = async (query = '', who: LoggedIn = operator) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/operator/refund-requests${query}`,
      headers: bearer(who),
    });
    return {
      status: response.statusCode,
      body: response.json() as OperatorRefundRequestsResponse & ErrorBody,
    };
  };

  const balance = async () =>
    (
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/accounts/${accountId}/summary`,
          headers: bearer(owner),
        })
      ).json() as { balance: number }
    ).balance;

  const ledgerRows = async (paymentId: string) =>
    t.database.db
      .selectFrom('payments')
      .select(['amount', 'status'])
      .where('card_payment_id', '=', paymentId)
      .execute();

  const bankRefunds = async (paymentId: string) =>
    t.database.db
      .selectFrom('sandbox_bank_refunds as r')
      .innerJoin('sandbox_bank_payments as p', 'p.id', 'r.payment_id')
      .select(['r.amount', 'r.idempotency_key as idempotencyKey'])
      .where('p.order_id', '=', paymentId)
      .execute();

  const requestRow = async (id: string) =>
    t.database.db
      .selectFrom('refund_requests')
      .select(['status', 'decided_by', 'decided_at', 'decision_note'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const auditActions = async (id: string) =>
    (
      await t.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((row) => row.action);

  const kinds = async (paymentId: string) =>
    (await payment(paymentId)).body.timeline.map((event) => event.kind);

  it('refunds an approved request once: the bank refunds, the ledger row is reversed, the balance is back', async () => {
    const before = await balance();
    const paymentId = await paid(150_000);
    expect(await balance()).toBe(before - 150_000);

    const filed = await requestRefund(paymentId);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      paymentId,
      status: 'requested',
      overdue: false,
      daysLeft: 30,
      decidedAt: null,
      decisionNote: null,
    });
    expect(new Date(filed.body.dueAt).getTime() - new Date(filed.body.requestedAt).getTime()).toBe(
      30 * DAY_MS,
    );
    const shown = (await payment(paymentId)).body;
    expect(shown.refund).toMatchObject({ id: filed.body.id, status: 'requested', reason: filed.body.reason });
    expect(shown.timeline.at(-1)?.kind).toBe('refund_requested');

    const listed = await list('?status=requested');
    expect(listed.status).toBe(200);
    expect(listed.body.organizationId).toBe(organizationId);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        id: filed.body.id,
        paymentId,
        accountId,
        accountNumber: '4440001',
        amount: 150_000,
        gateway: 'sandbox',
        daysLeft: 30,
        overdue: false,
      }),
    );

    const approved = await decide(filed.body.id, 'approve');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'refunded', overdue: false, daysLeft: null });
    expect(await balance()).toBe(before);
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 150_000, status: 'refunded' }]);
    expect(await bankRefunds(paymentId)).toEqual([{ amount: 150_000, idempotencyKey: filed.body.id }]);
    const after = (await payment(paymentId)).body;
    expect(after).toMatchObject({ status: 'refunded', credited: false });
    expect(after.refund).toMatchObject({ status: 'refunded', daysLeft: null });
    expect(after.timeline.at(-1)?.kind).toBe('refunded');

    // The bank's own notification of the refund (sent by the sandbox, and here once more by hand)
    // is a repeat: nothing moves again.
    const gatewayPaymentId = (
      await t.database.db
        .selectFrom('card_payments')
        .select('gateway_payment_id')
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow()
    ).gateway_payment_id!;
    const notification = JSON.stringify({
      id: gatewayPaymentId,
      orderId: paymentId,
      status: 'refunded',
      amount: 150_000,
    });
    const repeat = await fetch(`${base}/api/v1/payment-notifications/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(notification, SECRET) },
      body: notification,
    });
    expect(repeat.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await kinds(paymentId)).filter((kind) => kind === 'refunded')).toHaveLength(1);
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 150_000, status: 'refunded' }]);
    expect(await balance()).toBe(before);

    // Decided is decided; a refunded payment takes no new application.
    expect((await decide(filed.body.id, 'approve')).body.error.code).toBe('REFUND_REQUEST_DECIDED');
    expect((await decide(filed.body.id, 'reject', operator, { note: 'Поздно' })).body.error.code).toBe(
      'REFUND_REQUEST_DECIDED',
    );
    const again = await requestRefund(paymentId);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REFUND_NOT_ALLOWED');
    expect(await auditActions(filed.body.id)).toEqual(['refund.requested', 'refund.approved']);
  });

  it('rejects with a note the subscriber sees, and the money stays credited', async () => {
    const paymentId = await paid(20_000);
    const filed = await requestRefund(paymentId);
    const noNote = await decide(filed.body.id, 'reject', operator, {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.code).toBe('VALIDATION_FAILED');
    const blankNote = await decide(filed.body.id, 'reject', operator, { note: '   ' });
    expect(blankNote.status).toBe(400);

    const rejected = await decide(filed.body.id, 'reject', operator, {
      note: 'Платёж учтён в счёт долга за октябрь.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decisionNote: 'Платёж учтён в счёт долга за октябрь.',
      overdue: false,
      daysLeft: null,
    });
    const seen = (await payment(paymentId)).body;
    expect(seen.status).toBe('succeeded');
    expect(seen.credited).toBe(true);
    expect(seen.refund).toMatchObject({
      status: 'rejected',
      decisionNote: 'Платёж учтён в счёт долга за октябрь.',
    });
    expect(seen.refund?.decidedAt).not.toBeNull();
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 20_000, status: 'credited' }]);
    expect(await bankRefunds(paymentId)).toEqual([]);
    expect((await decide(filed.body.id, 'approve')).body.error.code).toBe('REFUND_REQUEST_DECIDED');
    expect(await auditActions(filed.body.id)).toEqual(['refund.requested', 'refund.rejected']);

    // A new application after a rejection is a new request.
    const second = await requestRefund(paymentId, owner, 'Прошу пересмотреть: долга за октябрь нет.');
    expect(second.status).toBe(201);
    expect((await payment(paymentId)).body.refund).toMatchObject({ id: second.body.id, status: 'requested' });
  });

  it('takes one open application per payment, only for a credited payment', async () => {
    const paymentId = await paid(30_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => requestRefund(paymentId)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error.code)).toEqual(
      Array(4).fill('REFUND_ALREADY_REQUESTED'),
    );
    expect((await kinds(paymentId)).filter((kind) => kind === 'refund_requested')).toHaveLength(1);

    const declined = await paid(40_000, '4000 0000 0000 0002');
    expect((await payment(declined)).body.status).toBe('canceled');
    const onDeclined = await requestRefund(declined);
    expect(onDeclined.status).toBe(409);
    expect(onDeclined.body.error.code).toBe('REFUND_NOT_ALLOWED');

    const unpaid = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accountId}/payments`,
        headers: bearer(owner),
        payload: { amount: 5_000, email: 'payer@example.test' },
      })
    ).json() as CreateCardPaymentResponse;
    expect((await requestRefund(unpaid.paymentId)).body.error.code).toBe('REFUND_NOT_ALLOWED');
    const count = await t.database.db
      .selectFrom('refund_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('card_payment_id', 'in', [declined, unpaid.paymentId])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses viewers, strangers, staff of another organization and staff without the second factor', async () => {
    const paymentId = await paid(25_000);
    const byViewer = await requestRefund(paymentId, viewer);
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe('FORBIDDEN_ROLE');
    // Another person's payment looks exactly like no payment.
    const byStranger = await requestRefund(paymentId, stranger);
    const noSuch = await requestRefund(randomUUID(), stranger);
    expect(byStranger.status).toBe(404);
    expect(byStranger.body.error).toMatchObject({ code: 'NOT_FOUND', message: noSuch.body.error.message });
    expect((await payment(paymentId, stranger)).status).toBe(404);

    const filed = await requestRefund(paymentId);
    expect(filed.status).toBe(201);
    // The viewer reads the decision-to-be; the stranger sees nothing.
    expect((await payment(paymentId, viewer)).body.refund).toMatchObject({ status: 'requested' });

    for (const [who, session, code] of [
      ['subscriber', owner, 'FORBIDDEN'],
      ['staff without 2FA', operatorWithout2fa, 'TWO_FACTOR_REQUIRED'],
    ] as const) {
      for (const call of [
        () => list('', session),
        () => decide(filed.body.id, 'approve', session),
        () => decide(filed.body.id, 'reject', session, { note: 'Нет оснований' }),
      ]) {
        const answer = await call();
        expect(answer.status, who).toBe(403);
        expect(answer.body.error.code, who).toBe(code);
      }
    }
    // Staff of another organization: refused when naming this one, and blind to its requests.
    const named = await list(`?organizationId=${organizationId}`, otherOperator);
    expect(named.status).toBe(403);
    expect(named.body.error.code).toBe('FORBIDDEN');
    expect((await list('', otherOperator)).body.items).toEqual([]);
    for (const decision of ['approve', 'reject'] as const) {
      const answer = await decide(
        filed.body.id,
        decision,
        otherOperator,
        decision === 'reject' ? { note: 'Нет' } : undefined,
      );
      expect(answer.status, decision).toBe(404);
      expect(answer.body.error.code).toBe('NOT_FOUND');
      const naming = await t.app.inject({
        method: 'POST',
        url: `/api/v1/operator/refund-requests/${filed.body.id}/${decision}?organizationId=${organizationId}`,
        headers: bearer(otherOperator),
        ...(decision === 'reject' ? { payload: { note: 'Нет оснований' } } : {}),
      });
      expect(naming.statusCode).toBe(403);
    }

    expect(await requestRow(filed.body.id)).toMatchObject({ status: 'requested', decided_by: null });
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 25_000, status: 'credited' }]);
    expect(await bankRefunds(paymentId)).toEqual([]);
  });

  it('refunds once when the operator approves many times at once', async () => {
    const before = await balance();
    const paymentId = await paid(77_700);
    const filed = await requestRefund(paymentId);
    const approve = () =>
      fetch(`${base}/api/v1/operator/refund-requests/${filed.body.id}/approve`, {
        method: 'POST',
        headers: bearer(operator),
      });
    const answers = await Promise.all(Array.from({ length: 8 }, approve));
    const statuses = answers.map((answer) => answer.status);
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as (OperatorRefundRequest &
      ErrorBody)[];
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    expect(bodies.filter((body) => body.error).map((body) => body.error.code)).toEqual(
      Array(7).fill('REFUND_REQUEST_DECIDED'),
    );
    expect(await bankRefunds(paymentId)).toEqual([{ amount: 77_700, idempotencyKey: filed.body.id }]);
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 77_700, status: 'refunded' }]);
    expect((await kinds(paymentId)).filter((kind) => kind === 'refunded')).toHaveLength(1);
    expect(await balance()).toBe(before);
    expect((await requestRow(filed.body.id)).status).toBe('refunded');
  });

  it('changes nothing when the bank fails, and approving again refunds once', async () => {
    const before = await balance();
    const paymentId = await paid(12_300);
    const filed = await requestRefund(paymentId);

    // The bank refuses for now (its books say nothing is left to refund): a 502, nothing moved.
    await t.database.db
      .updateTable('sandbox_bank_payments')
      .set({ refunded_amount: 12_300 })
      .where('order_id', '=', paymentId)
      .execute();
    const failed = await decide(filed.body.id, 'approve');
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('GATEWAY_UNAVAILABLE');
    expect(await requestRow(filed.body.id)).toMatchObject({
      status: 'requested',
      decided_by: null,
      decided_at: null,
    });
    expect((await payment(paymentId)).body).toMatchObject({ status: 'succeeded', credited: true });
    expect((await payment(paymentId)).body.refund).toMatchObject({ status: 'requested' });
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 12_300, status: 'credited' }]);
    expect(await bankRefunds(paymentId)).toEqual([]);
    expect(await balance()).toBe(before - 12_300);
    expect(await auditActions(filed.body.id)).toEqual([
      'refund.requested',
      'refund.approved',
      'refund.gateway_failed',
    ]);

    await t.database.db
      .updateTable('sandbox_bank_payments')
      .set({ refunded_amount: 0 })
      .where('order_id', '=', paymentId)
      .execute();
    const retried = await decide(filed.body.id, 'approve');
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('refunded');
    expect(await bankRefunds(paymentId)).toEqual([{ amount: 12_300, idempotencyKey: filed.body.id }]);
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 12_300, status: 'refunded' }]);
    expect(await balance()).toBe(before);
  });

  it('refunds once when the bank refunded but its answer was lost, and approving again closes the request', async () => {
    const before = await balance();
    const paymentId = await paid(45_600);
    const filed = await requestRefund(paymentId);
    const directory = createGatewayDirectory(t.database.db, t.config);
    const bank = (await directory.forAccount('sandbox', accountId))!;
    // The bank does the refund, then the connection drops before its answer reaches us.
    const answerLost: PaymentGateway = {
      ...bank,
      async refund(gatewayPaymentId, amount, idempotencyKey) {
        await bank.refund(gatewayPaymentId, amount, idempotencyKey);
        throw new Error('read ECONNRESET');
      },
    };
    const staff = { userId: operator.userId, organizationId, role: 'operator' as const };
    await expect(
      approveRefundRequest(
        { db: t.database.db, gatewayFor: async () => answerLost },
        staff,
        filed.body.id,
        '198.51.100.7',
      ),
    ).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE', status: 502 });
    expect((await requestRow(filed.body.id)).status).toBe('requested');
    expect(await bankRefunds(paymentId)).toHaveLength(1);

    // Whether the bank's notification comes first or the retry does, the refund counts once.
    const retried = await decide(filed.body.id, 'approve');
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('refunded');
    await expect
      .poll(async () => (await payment(paymentId)).body.status, { timeout: 10_000 })
      .toBe('refunded');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await bankRefunds(paymentId)).toEqual([{ amount: 45_600, idempotencyKey: filed.body.id }]);
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 45_600, status: 'refunded' }]);
    expect((await kinds(paymentId)).filter((kind) => kind === 'refunded')).toHaveLength(1);
    expect(await balance()).toBe(before);
  });

  it('keeps an approval the bank has not finished approved, and the bank’s later notification refunds it and closes the request', async () => {
    const before = await balance();
    const paymentId = await paid(34_500);
    const filed = await requestRefund(paymentId);
    const directory = createGatewayDirectory(t.database.db, t.config);
    const bank = (await directory.forAccount('sandbox', accountId))!;
    // The bank takes the refund and will finish it later (as YooKassa's `pending` refunds do).
    const slowBank: PaymentGateway = { ...bank, refund: async () => 'pending' };
    const staff = { userId: operator.userId, organizationId, role: 'operator' as const };
    const answer = await approveRefundRequest(
      { db: t.database.db, gatewayFor: async () => slowBank },
      staff,
      filed.body.id,
      '198.51.100.7',
    );
    // Still open: the deadline counts until the money is back on the card.
    expect(answer).toMatchObject({ id: filed.body.id, status: 'approved', daysLeft: 30 });
    // Nothing is reversed while the money has not left: the account still has it.
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 34_500, status: 'credited' }]);
    expect(await balance()).toBe(before - 34_500);
    expect((await payment(paymentId)).body).toMatchObject({
      status: 'succeeded',
      credited: true,
      refund: { status: 'approved' },
    });
    // While the bank works on it, approving again waits.
    expect((await decide(filed.body.id, 'approve')).body.error.code).toBe('REFUND_REQUEST_DECIDED');

    // The bank finishes the refund and notifies this Abonent (the sandbox bank's real notification).
    const gatewayPaymentId = (
      await t.database.db
        .selectFrom('card_payments')
        .select('gateway_payment_id')
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow()
    ).gateway_payment_id!;
    await bank.refund(gatewayPaymentId, 34_500, filed.body.id);
    await expect
      .poll(async () => (await requestRow(filed.body.id)).status, { timeout: 10_000 })
      .toBe('refunded');
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 34_500, status: 'refunded' }]);
    expect(await balance()).toBe(before);
    expect((await payment(paymentId)).body).toMatchObject({
      status: 'refunded',
      refund: { status: 'refunded' },
    });
    expect((await kinds(paymentId)).filter((kind) => kind === 'refunded')).toHaveLength(1);
    expect((await decide(filed.body.id, 'approve')).body.error.code).toBe('REFUND_REQUEST_DECIDED');
  });

  it('records a refund the bank refused for good as failed, with a note the subscriber sees, and keeps the money credited', async () => {
    const before = await balance();
    const paymentId = await paid(23_400);
    const filed = await requestRefund(paymentId);
    const directory = createGatewayDirectory(t.database.db, t.config);
    const bank = (await directory.forAccount('sandbox', accountId))!;
    const refusingBank: PaymentGateway = { ...bank, refund: async () => 'canceled' };
    const staff = { userId: operator.userId, organizationId, role: 'operator' as const };
    const answer = await approveRefundRequest(
      { db: t.database.db, gatewayFor: async () => refusingBank },
      staff,
      filed.body.id,
      '198.51.100.7',
    );
    expect(answer).toMatchObject({ status: 'failed', decisionNote: BANK_REFUSED_NOTE, daysLeft: null });
    expect(await requestRow(filed.body.id)).toMatchObject({
      status: 'failed',
      decided_by: operator.userId,
      decision_note: BANK_REFUSED_NOTE,
    });
    expect(BANK_REFUSED_NOTE).toMatch(/^Банк отказал в возврате/);
    expect((await payment(paymentId)).body).toMatchObject({
      status: 'succeeded',
      credited: true,
      refund: { status: 'failed', decisionNote: BANK_REFUSED_NOTE },
    });
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 23_400, status: 'credited' }]);
    expect(await balance()).toBe(before - 23_400);
    expect(await auditActions(filed.body.id)).toEqual([
      'refund.requested',
      'refund.approved',
      'refund.failed',
    ]);
    // Decided: approving it again does not loop back to the bank; a new application may be filed.
    expect((await decide(filed.body.id, 'approve')).body.error.code).toBe('REFUND_REQUEST_DECIDED');
    expect(await bankRefunds(paymentId)).toEqual([]);
    expect((await requestRefund(paymentId)).status).toBe(201);
  });

  it('lets another approval take over one left unfinished, but not one in progress', async () => {
    const paymentId = await paid(9_900);
    const filed = await requestRefund(paymentId);
    // As if an approval had claimed the request a moment ago and is talking to the bank.
    await t.database.db
      .updateTable('refund_requests')
      .set({ status: 'approved', decided_by: operator.userId, decided_at: new Date() })
      .where('id', '=', filed.body.id)
      .execute();
    const busy = await decide(filed.body.id, 'approve');
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('REFUND_REQUEST_DECIDED');
    expect((await decide(filed.body.id, 'reject', operator, { note: 'Передумали' })).status).toBe(409);
    // …and as if that process had stopped three minutes ago, before the bank answered.
    await t.database.db
      .updateTable('refund_requests')
      .set({ decided_at: new Date(Date.now() - 3 * 60_000) })
      .where('id', '=', filed.body.id)
      .execute();
    const takenOver = await decide(filed.body.id, 'approve');
    expect(takenOver.status).toBe(200);
    expect(takenOver.body.status).toBe('refunded');
    expect(await ledgerRows(paymentId)).toEqual([{ amount: 9_900, status: 'refunded' }]);
    expect(await bankRefunds(paymentId)).toHaveLength(1);
  });

  it('shows an undecided request past its 30 days as overdue to both sides', async () => {
    const paymentId = await paid(8_800);
    const filed = await requestRefund(paymentId);
    await t.database.db
      .updateTable('refund_requests')
      .set({
        requested_at: new Date(Date.now() - 31 * DAY_MS),
        due_at: new Date(Date.now() - DAY_MS + 60_000),
      })
      .where('id', '=', filed.body.id)
      .execute();
    expect((await payment(paymentId)).body.refund).toMatchObject({ overdue: true, daysLeft: -1 });
    const listed = await list('?status=requested');
    expect(listed.body.items.find((item) => item.id === filed.body.id)).toMatchObject({
      overdue: true,
      daysLeft: -1,
    });
    // The most overdue open request comes first.
    expect(listed.body.items[0]?.id).toBe(filed.body.id);
    // Decided, it is no longer overdue.
    await decide(filed.body.id, 'reject', operator, { note: 'Срок обращения истёк.' });
    expect((await payment(paymentId)).body.refund).toMatchObject({ status: 'rejected', overdue: false });
  });

  it('answers bad input with stable 4xx codes, never a 500', async () => {
    const paymentId = await paid(6_600);
    for (const payload of [
      { reason: 'коротко' },
      { reason: '   девять    ' },
      { reason: 'x'.repeat(2001) },
      { reason: 42 },
      {},
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/payments/${paymentId}/refund-requests`,
        headers: bearer(owner),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await requestRefund('not-a-uuid')).status).toBe(400);
    expect((await requestRefund(randomUUID())).body.error.code).toBe('NOT_FOUND');
    for (const [url, code, status] of [
      ['/api/v1/operator/refund-requests/not-a-uuid/approve', 'VALIDATION_FAILED', 400],
      [`/api/v1/operator/refund-requests/${randomUUID()}/approve`, 'NOT_FOUND', 404],
      [
        `/api/v1/operator/refund-requests/${randomUUID()}/approve?organizationId=nope`,
        'VALIDATION_FAILED',
        400,
      ],
    ] as const) {
      const response = await t.app.inject({ method: 'POST', url, headers: bearer(operator) });
      expect(response.statusCode, url).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
    const unknownReject = await decide(randomUUID(), 'reject', operator, { note: 'Нет оснований' });
    expect(unknownReject.status).toBe(404);
    expect((await list('?status=lost')).status).toBe(400);
    expect((await list('?limit=0')).status).toBe(400);
    expect(
      await t.database.db
        .selectFrom('refund_requests')
        .select('id')
        .where('card_payment_id', '=', paymentId)
        .execute(),
    ).toEqual([]);
  });
});
