// The model behind the card-payment property (issue 6, ADR 0011): a scripted bank whose books are the
// truth, random scenarios of what happens between it and Abonent (notifications duplicated, reordered,
// late, lost or forged; the gateway answering 500; polls; restarts and crashes at any query), and the
// invariants, checked against the database after every step and once everything has settled. The
// property test (card-payments.property.test.ts) and `npm run bench -- payments` both run it on the
// real service code and a real database.
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import type {
  GatewayEvent,
  GatewayPaymentState,
  IncomingNotification,
  PaymentGateway,
} from '../../src/server/adapters/payments/gateway.ts';
import { signatureMatches, signBody } from '../../src/server/adapters/payments/sandbox/sandbox-notifier.ts';
import type { Database } from '../../src/server/db/database.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { AppError } from '../../src/server/errors.ts';
import { getSummary } from '../../src/server/modules/accounts/accounts.service.ts';
import {
  type ApplyOutcome,
  applyGatewayEvent,
  createCardPayment,
  type PaymentsContext,
  POLL_AFTER_MS,
  pollOpenPayments,
} from '../../src/server/modules/payments/card-payments.service.ts';
import { buildAccount, buildOrganization, buildStatement, buildUser } from './factories.ts';

/** How many accounts a run pays into (indexes of `PaymentWorld.accounts`). */
export const MODEL_ACCOUNTS = 3;

type CreateFailure = 'none' | 'before' | 'after';
type Operation =
  /** The person starts a payment; `copies` 2 is a double click (the same Idempotency-Key at once). */
  | { kind: 'start'; account: number; amount: number; createFails: CreateFailure; copies: 1 | 2 }
  /** The person sends an earlier start again with its Idempotency-Key (after an error, or not). */
  | { kind: 'retry'; start: number; createFails: CreateFailure }
  /** Delivers an undelivered notification (any of them, so out of order), maybe several copies. */
  | {
      kind: 'deliver';
      notice: number;
      copies: 1 | 2 | 3;
      concurrently: boolean;
      keep: boolean;
      withPoll: boolean;
    }
  /** The fallback job: asks the bank about payments open for longer than POLL_AFTER_MS. */
  | { kind: 'poll' };

export type Step =
  | Operation
  /**
   * The bank decides an open payment (or, when decided, sends its notification again); `pending`
   * leaves it open. `threeDs`: a "waiting for 3-D Secure" notice goes out before the decision, so a
   * late delivery of it is old news.
   */
  | {
      kind: 'bank';
      payment: number;
      outcome: 'paid' | 'declined' | 'pending';
      threeDs: boolean;
      reportsPaidAt: boolean;
    }
  /** An undelivered notification never arrives. */
  | { kind: 'lose'; notice: number }
  /** A notification that must not verify: another key, a body changed after signing, no signature. */
  | {
      kind: 'forge';
      payment: number;
      status: 'succeeded' | 'canceled';
      how: 'wrong-key' | 'tampered' | 'unsigned';
    }
  /** The bank's next `failingGets` status reads answer 500. */
  | { kind: 'outage'; failingGets: number }
  /** Abonent restarts: only the database survives; undelivered notifications are gone. */
  | { kind: 'restart' }
  /** The process dies before its query number `afterQueries + 1` of `during`, then restarts. */
  | { kind: 'crash'; afterQueries: number; during: Operation };

// ---------------------------------------------------------------------------------------------------
// Generated scenarios

const weighted = <T>(...choices: [number, T][]) =>
  fc.oneof(...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));
const createFailure = weighted<CreateFailure>([6, 'none'], [1, 'before'], [1, 'after']);
const pick = fc.nat({ max: 15 });

const startStep = fc.record({
  kind: fc.constant('start' as const),
  account: fc.nat({ max: MODEL_ACCOUNTS - 1 }),
  amount: fc.integer({ min: 100, max: 5_000_000 }),
  createFails: createFailure,
  copies: weighted<1 | 2>([4, 1], [1, 2]),
});
const retryStep = fc.record({ kind: fc.constant('retry' as const), start: pick, createFails: createFailure });
const deliverStep = fc.record({
  kind: fc.constant('deliver' as const),
  notice: pick,
  copies: weighted<1 | 2 | 3>([5, 1], [2, 2], [1, 3]),
  concurrently: fc.boolean(),
  keep: weighted([4, false], [1, true]),
  withPoll: weighted([5, false], [1, true]),
});
const pollStep = fc.constant({ kind: 'poll' as const });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 2, arbitrary: startStep },
  { weight: 1, arbitrary: retryStep },
  { weight: 4, arbitrary: deliverStep },
  { weight: 2, arbitrary: pollStep },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: startStep },
  { weight: 1, arbitrary: retryStep },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('bank' as const),
      payment: pick,
      outcome: weighted<'paid' | 'declined' | 'pending'>([5, 'paid'], [2, 'declined'], [1, 'pending']),
      threeDs: fc.boolean(),
      reportsPaidAt: fc.boolean(),
    }),
  },
  { weight: 8, arbitrary: deliverStep },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lose' as const), notice: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('forge' as const),
      payment: pick,
      status: fc.constantFrom('succeeded' as const, 'canceled' as const),
      how: fc.constantFrom('wrong-key' as const, 'tampered' as const, 'unsigned' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('outage' as const),
      failingGets: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: pollStep },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('crash' as const),
      afterQueries: fc.nat({ max: 9 }),
      during: operation,
    }),
  },
);

/** A scenario: one to three payments started, then 3 to `maxSteps` random steps (13 on average). */
export function scenarioArbitrary(maxSteps = 24): fc.Arbitrary<Step[]> {
  return fc
    .tuple(
      fc.array(startStep, { minLength: 1, maxLength: 3 }),
      fc.array(step, { minLength: 3, maxLength: maxSteps, size: 'medium' }),
    )
    .map(([starts, steps]) => [...starts, ...steps]);
}

// ---------------------------------------------------------------------------------------------------
// The world a run happens in: one organization, one member of three accounts with known balances.

export interface PaymentWorld {
  database: Database;
  userId: string;
  /** The balance each account shows with no card payment: its latest statement's closing (or 0). */
  accounts: { id: string; openingBalance: number }[];
}

export async function createPaymentWorld(database: Database): Promise<PaymentWorld> {
  const { db } = database;
  const { id: organizationId } = await buildOrganization(db);
  const user = await buildUser(db);
  const accounts: PaymentWorld['accounts'] = [];
  // A statement three months back: every card payment of a run is paid after its month, so counts.
  const back = new Date();
  back.setUTCDate(1);
  back.setUTCMonth(back.getUTCMonth() - 3);
  const period = back.toISOString().slice(0, 7);
  for (let index = 0; index < MODEL_ACCOUNTS; index++) {
    const { id } = await buildAccount(db, organizationId, { members: [{ userId: user.id }] });
    let openingBalance = 0;
    if (index === 1) {
      openingBalance = (
        await buildStatement(
          db,
          organizationId,
          id,
          period,
          [{ code: 'cold_water', volume: '7', tariff: '61.50' }],
          {
            opening: 120_000,
          },
        )
      ).closing;
    } else if (index === 2) {
      // Paid ahead: a negative balance that card payments make more negative.
      openingBalance = (await buildStatement(db, organizationId, id, period, [], { opening: -50_000 }))
        .closing;
    }
    accounts.push({ id, openingBalance });
  }
  return { database, userId: user.id, accounts };
}

// ---------------------------------------------------------------------------------------------------
// The scripted bank: what it took money for, declined, or left open is the truth the checks compare
// the database with. Its books outlive Abonent's restarts; its notifications are signed like the
// sandbox bank's (HMAC-SHA256 of the raw body).

type BankState = 'open' | 'paid' | 'declined';

interface BankOrder {
  gatewayPaymentId: string;
  orderId: string;
  amount: number;
  state: BankState;
  paidAt: Date | null;
}

const SIGNATURE = 'x-scripted-bank-signature';

class ProcessDied extends Error {
  constructor() {
    super('the Abonent process died here (simulated crash)');
    this.name = 'ProcessDied';
  }
}

class ScriptedBank {
  readonly secret = randomBytes(32).toString('hex');
  readonly orders = new Map<string, BankOrder>();
  readonly byOrderId = new Map<string, BankOrder>();
  failingGets = 0;
  /** Consumed by the next create(): fail before taking the order, or after (the answer is lost). */
  createFails: CreateFailure = 'none';

  notice(order: BankOrder, status: GatewayPaymentState): Notice {
    const rawBody = JSON.stringify({ id: order.gatewayPaymentId, status, amount: order.amount });
    return { rawBody, headers: { [SIGNATURE]: signBody(rawBody, this.secret) }, genuine: true };
  }

  /** The bank as one Abonent process sees it; refuses to be called by a dead process. */
  client(alive: () => boolean): PaymentGateway {
    const bank = this;
    const mustBeAlive = () => {
      if (!alive()) throw new ProcessDied();
    };
    return {
      kind: 'sandbox',
      async create(request) {
        mustBeAlive();
        const failure = bank.createFails;
        bank.createFails = 'none';
        if (failure === 'before') throw new Error('the bank answered 500');
        let order = bank.byOrderId.get(request.paymentId);
        if (order && order.amount !== request.amount) throw new Error('the order exists with another amount');
        if (!order) {
          order = {
            gatewayPaymentId: randomUUID(),
            orderId: request.paymentId,
            amount: request.amount,
            state: 'open',
            paidAt: null,
          };
          bank.orders.set(order.gatewayPaymentId, order);
          bank.byOrderId.set(order.orderId, order);
        }
        if (failure === 'after') throw new Error('the bank took the order, but its answer was lost');
        return {
          gatewayPaymentId: order.gatewayPaymentId,
          redirectUrl: `https://bank.test/pay/${order.gatewayPaymentId}`,
          state: 'pending',
        };
      },
      async get(gatewayPaymentId) {
        mustBeAlive();
        if (bank.failingGets > 0) {
          bank.failingGets--;
          throw new Error('the bank answered 500');
        }
        const order = bank.orders.get(gatewayPaymentId);
        if (!order) throw new Error(`the bank has no payment ${gatewayPaymentId}`);
        const state =
          order.state === 'paid' ? 'succeeded' : order.state === 'declined' ? 'canceled' : 'pending';
        // Refunds are not part of this model: nothing is ever given back.
        return { gatewayPaymentId, state, amount: order.amount, paidAt: order.paidAt, refundedAmount: 0 };
      },
      async refund() {
        throw new Error('refunds are not part of this model');
      },
      async verifyNotification({ headers, rawBody }: IncomingNotification): Promise<GatewayEvent | null> {
        const signature = headers[SIGNATURE];
        if (typeof signature !== 'string' || !signatureMatches(rawBody, signature, bank.secret)) return null;
        const body = JSON.parse(rawBody) as { id: string; status: GatewayEvent['state']; amount: number };
        return { gatewayPaymentId: body.id, state: body.status, amount: body.amount };
      },
      notificationAnswer: { status: 200, contentType: 'text/plain', body: 'OK' },
    };
  }
}

interface Notice {
  rawBody: string;
  headers: Record<string, string>;
  /** Signed by the bank (must verify), or forged (must not). */
  genuine: boolean;
}

// ---------------------------------------------------------------------------------------------------
// One Abonent process: its service context over the shared database, and a crash switch that kills
// it at a chosen query (the query does not run; a transaction in flight rolls back).

class AbonentProcess {
  alive = true;
  private queriesLeft = Number.POSITIVE_INFINITY;
  readonly db: Kysely<DB>;
  readonly gateway: PaymentGateway;
  readonly context: PaymentsContext;
  /** What the poll job is given: the gateway of a payment's kind. */
  readonly gatewayByKind: (kind: PaymentGateway['kind']) => PaymentGateway | null;

  constructor(database: Database, bank: ScriptedBank) {
    const self = this;
    const crashSwitch: KyselyPlugin = {
      transformQuery(args) {
        if (self.alive && self.queriesLeft-- <= 0) self.alive = false;
        if (!self.alive) throw new ProcessDied();
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    this.db = database.db.withPlugin(crashSwitch);
    this.gateway = bank.client(() => self.alive);
    this.context = {
      db: this.db,
      publicUrl: 'https://abonent.test',
      gatewayFor: async () => ({
        gateway: this.gateway,
        vat: 'none',
        notificationUrl: 'https://abonent.test/api/v1/payment-notifications/sandbox',
      }),
      gatewayOfKind: async (kind) => (kind === 'sandbox' ? this.gateway : null),
    };
    this.gatewayByKind = (kind) => (kind === 'sandbox' ? this.gateway : null);
  }

  dieAfter(queries: number): void {
    this.queriesLeft = queries;
  }
}

// ---------------------------------------------------------------------------------------------------
// Running a scenario

/** What a run exercised, summed over runs to show the generator reaches every path. */
export interface RunStats {
  runs: number;
  payments: number;
  paid: number;
  declined: number;
  leftOpen: number;
  /** Outcomes of genuine notifications delivered (credited, moved, same, stale). */
  outcomes: Partial<Record<ApplyOutcome, number>>;
  forgedRefused: number;
  failedCreates: number;
  failedGets: number;
  polls: number;
  changedByPolls: number;
  changedBySettle: number;
  lostNotices: number;
  restarts: number;
  crashes: number;
}

export function emptyStats(): RunStats {
  return {
    runs: 0,
    payments: 0,
    paid: 0,
    declined: 0,
    leftOpen: 0,
    outcomes: {},
    forgedRefused: 0,
    failedCreates: 0,
    failedGets: 0,
    polls: 0,
    changedByPolls: 0,
    changedBySettle: 0,
    lostNotices: 0,
    restarts: 0,
    crashes: 0,
  };
}

export function addStats(total: RunStats, run: RunStats): RunStats {
  for (const [key, value] of Object.entries(run) as [keyof RunStats, unknown][]) {
    if (key === 'outcomes') {
      for (const [outcome, count] of Object.entries(run.outcomes) as [ApplyOutcome, number][]) {
        total.outcomes[outcome] = (total.outcomes[outcome] ?? 0) + count;
      }
    } else (total[key] as number) += value as number;
  }
  return total;
}

/** A broken rule, with what was expected and found; fast-check shows it with the shrunk scenario. */
export class ModelViolation extends Error {
  override name = 'ModelViolation';
}

function must(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new ModelViolation(message());
}

interface Start {
  key: string;
  account: number;
  amount: number;
  /** Set once a start (or its retry) has returned: the person has the bank's page. */
  paymentId: string | null;
}

/** Removes the card payments of the world's accounts (runs share the accounts, not their payments). */
export async function clearPayments(world: PaymentWorld): Promise<void> {
  // One statement: the foreign keys are checked at its end, when all three are gone.
  await sql`
    with orders as (
      select id from card_payments where account_id in (${sql.join(world.accounts.map((account) => account.id))})
    ), events as (
      delete from card_payment_events where payment_id in (select id from orders)
    ), ledger as (
      delete from payments where card_payment_id in (select id from orders)
    )
    delete from card_payments where id in (select id from orders)
  `.execute(world.database.db);
}

/**
 * Runs one scenario from an empty set of card payments and throws ModelViolation (or the unexpected
 * error) when a rule breaks: after every step nothing unpaid is credited and nothing twice; after the
 * settling poll every paid payment is credited once and every balance matches the bank and the ledger.
 */
export async function runScenario(world: PaymentWorld, steps: readonly Step[]): Promise<RunStats> {
  await clearPayments(world);
  const stats = emptyStats();
  stats.runs = 1;
  const bank = new ScriptedBank();
  let abonent = new AbonentProcess(world.database, bank);
  let undelivered: Notice[] = [];
  const starts: Start[] = [];
  /** Payments whose start returned, in that order: the person can pay them at the bank. */
  const payable: { id: string; account: number; amount: number }[] = [];
  let clock = Date.now();

  const restart = () => {
    abonent = new AbonentProcess(world.database, bank);
    undelivered = [];
    stats.restarts++;
  };

  const startPayment = async (start: Start, createFails: CreateFailure, copies: number) => {
    bank.createFails = createFails;
    const attempts = await Promise.allSettled(
      Array.from({ length: copies }, () =>
        createCardPayment(
          abonent.context,
          world.userId,
          world.accounts[start.account]!.id,
          { amount: start.amount, email: 'payer@example.test' },
          start.key,
        ),
      ),
    );
    bank.createFails = 'none';
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') {
        const error = attempt.reason as Error;
        const expected =
          !abonent.alive ||
          (createFails !== 'none' && error instanceof AppError && error.code === 'GATEWAY_UNAVAILABLE');
        if (!expected) throw error;
        stats.failedCreates++;
        continue;
      }
      const { paymentId, status } = attempt.value;
      must(
        start.paymentId === null || start.paymentId === paymentId,
        () => `the same Idempotency-Key gave payment ${paymentId} after ${start.paymentId}`,
      );
      must(status !== 'created', () => `a started payment ${paymentId} is still 'created'`);
      if (start.paymentId === null) {
        start.paymentId = paymentId;
        payable.push({ id: paymentId, account: start.account, amount: start.amount });
      }
    }
  };

  const poll = async () => {
    clock = Math.max(clock, Date.now()) + POLL_AFTER_MS + 60_000;
    const failuresBefore = bank.failingGets;
    stats.changedByPolls += await pollOpenPayments(abonent.db, abonent.gatewayByKind, new Date(clock));
    stats.failedGets += failuresBefore - bank.failingGets;
    stats.polls++;
  };

  const deliver = async (notice: Notice) => {
    const event = await abonent.gateway.verifyNotification({
      headers: notice.headers,
      rawBody: notice.rawBody,
      ip: '203.0.113.9',
    });
    if (!event) {
      must(!notice.genuine, () => `a genuine notification did not verify: ${notice.rawBody}`);
      stats.forgedRefused++;
      return;
    }
    must(notice.genuine, () => `a forged notification verified: ${notice.rawBody}`);
    const outcome = await applyGatewayEvent(abonent.db, 'sandbox', event);
    // The bank never contradicts itself, and only notifies payments whose start has returned.
    must(
      outcome !== 'conflict' && outcome !== 'unknown',
      () => `a genuine notification was a ${outcome}: ${notice.rawBody}`,
    );
    stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
  };

  const run = async (operation: Operation) => {
    switch (operation.kind) {
      case 'start': {
        const start: Start = {
          key: randomUUID(),
          account: operation.account,
          amount: operation.amount,
          paymentId: null,
        };
        starts.push(start);
        return startPayment(start, operation.createFails, operation.copies);
      }
      case 'retry': {
        const start = starts[operation.start % starts.length];
        return start ? startPayment(start, operation.createFails, 1) : undefined;
      }
      case 'deliver': {
        if (undelivered.length === 0) return;
        const index = operation.notice % undelivered.length;
        const notice = undelivered[index]!;
        if (!operation.keep) undelivered.splice(index, 1);
        const copies = Array.from({ length: operation.copies }, () => notice);
        const work: Promise<unknown>[] = [];
        if (operation.concurrently) work.push(...copies.map(deliver));
        else
          work.push(
            (async () => {
              for (const copy of copies) await deliver(copy);
            })(),
          );
        if (operation.withPoll) work.push(poll());
        const results = await Promise.allSettled(work);
        for (const result of results) if (result.status === 'rejected' && abonent.alive) throw result.reason;
        return;
      }
      case 'poll':
        return poll();
    }
  };

  const check = (what: string) => checkSafety(world, bank, `after ${what}`);

  for (const [index, current] of steps.entries()) {
    const where = `step ${index + 1} (${current.kind})`;
    switch (current.kind) {
      case 'start':
      case 'retry':
      case 'deliver':
      case 'poll':
        await run(current);
        break;
      case 'bank': {
        const payment = payable[current.payment % Math.max(1, payable.length)];
        if (!payment) break;
        const order = bank.byOrderId.get(payment.id)!;
        if (order.state === 'open' && (current.threeDs || current.outcome === 'pending')) {
          undelivered.push(bank.notice(order, 'pending'));
        }
        if (order.state === 'open' && current.outcome !== 'pending') {
          order.state = current.outcome;
          if (current.outcome === 'paid') order.paidAt = current.reportsPaidAt ? new Date(clock) : null;
        }
        if (current.outcome === 'pending' && order.state === 'open') break;
        // The decision (again, when it was made earlier: the bank repeats itself).
        const status: GatewayPaymentState =
          order.state === 'paid' ? 'succeeded' : order.state === 'declined' ? 'canceled' : 'pending';
        undelivered.push(bank.notice(order, status));
        break;
      }
      case 'lose':
        if (undelivered.length > 0) {
          undelivered.splice(current.notice % undelivered.length, 1);
          stats.lostNotices++;
        }
        break;
      case 'forge': {
        const payment = payable[current.payment % Math.max(1, payable.length)];
        if (!payment) break;
        const order = bank.byOrderId.get(payment.id)!;
        const rawBody = JSON.stringify({
          id: order.gatewayPaymentId,
          status: current.status,
          amount: order.amount,
        });
        const headers: Record<string, string> =
          current.how === 'wrong-key'
            ? { [SIGNATURE]: signBody(rawBody, 'not-the-bank-secret') }
            : current.how === 'tampered'
              ? { [SIGNATURE]: signBody(rawBody.replace(current.status, 'pending'), bank.secret) }
              : {};
        await deliver({ rawBody, headers, genuine: false });
        break;
      }
      case 'outage':
        bank.failingGets += current.failingGets;
        break;
      case 'restart':
        restart();
        break;
      case 'crash': {
        abonent.dieAfter(current.afterQueries);
        try {
          await run(current.during);
        } catch (error) {
          if (abonent.alive) throw error;
        }
        stats.crashes++;
        restart();
        break;
      }
    }
    // The bank's own moves and a restart touch no database.
    if (!['bank', 'lose', 'outage', 'restart'].includes(current.kind)) await check(where);
  }

  // Settle: the bank answers again, and the fallback asks it about everything still open.
  bank.failingGets = 0;
  clock = Math.max(clock, Date.now()) + POLL_AFTER_MS + 60_000;
  stats.changedBySettle = await pollOpenPayments(abonent.db, abonent.gatewayByKind, new Date(clock));
  await checkSettled(world, bank, payable);

  stats.payments = payable.length;
  for (const payment of payable) {
    const state = bank.byOrderId.get(payment.id)!.state;
    if (state === 'paid') stats.paid++;
    else if (state === 'declined') stats.declined++;
    else stats.leftOpen++;
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------------
// The invariants

async function readPayments(world: PaymentWorld) {
  const { db } = world.database;
  const accountIds = world.accounts.map((account) => account.id);
  const [orders, ledger] = await Promise.all([
    db
      .selectFrom('card_payments')
      .select(['id', 'account_id', 'amount', 'status', 'gateway_payment_id'])
      .where('account_id', 'in', accountIds)
      .execute(),
    db
      .selectFrom('payments')
      .select([
        'id',
        'account_id',
        'amount',
        'status',
        'source',
        'gateway',
        'gateway_payment_id',
        'card_payment_id',
      ])
      .where('account_id', 'in', accountIds)
      .execute(),
  ]);
  const ledgerByOrder = new Map<string, typeof ledger>();
  for (const row of ledger) {
    must(row.card_payment_id !== null, () => `a ledger row without its card payment: ${JSON.stringify(row)}`);
    ledgerByOrder.set(row.card_payment_id, [...(ledgerByOrder.get(row.card_payment_id) ?? []), row]);
  }
  return { orders, ledger, ledgerByOrder };
}

/** At every moment: nothing the bank has not paid is credited, nothing twice, status and ledger agree. */
async function checkSafety(world: PaymentWorld, bank: ScriptedBank, when: string): Promise<void> {
  // One query per step: the runs are many.
  const { db } = world.database;
  const orders = await db
    .selectFrom('card_payments as cp')
    .select((eb) => [
      'cp.id',
      'cp.status',
      eb
        .selectFrom('payments as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.card_payment_id', '=', 'cp.id')
        .as('ledgerRows'),
      eb
        .selectFrom('card_payment_events as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.payment_id', '=', 'cp.id')
        .where('e.kind', '=', 'credited')
        .as('creditedEvents'),
      eb
        .selectFrom('card_payment_events as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.payment_id', '=', 'cp.id')
        .where('e.kind', '=', 'conflict')
        .as('conflicts'),
    ])
    .where(
      'cp.account_id',
      'in',
      world.accounts.map((account) => account.id),
    )
    .execute();
  for (const order of orders) {
    const truth = bank.byOrderId.get(order.id)?.state ?? 'unknown to the bank';
    const rows = Number(order.ledgerRows);
    const context = () =>
      `${when}: payment ${order.id} is ${order.status} with ${rows} ledger row(s), ` +
      `${order.creditedEvents} 'credited' and ${order.conflicts} 'conflict' events; at the bank ${truth}`;
    must(rows <= 1, context);
    must((rows === 1) === (order.status === 'succeeded'), context);
    must(rows === 0 || truth === 'paid', context);
    must(order.status !== 'canceled' || truth === 'declined', context);
    must(Number(order.creditedEvents) === rows, context);
    must(Number(order.conflicts) === 0, context);
  }
}

/** After the settling poll: the database says what the bank says, and every balance adds up. */
async function checkSettled(
  world: PaymentWorld,
  bank: ScriptedBank,
  payable: readonly { id: string; account: number; amount: number }[],
): Promise<void> {
  await checkSafety(world, bank, 'settling');
  const { orders, ledger, ledgerByOrder } = await readPayments(world);
  const byId = new Map(orders.map((order) => [order.id, order]));
  const paidPerAccount = world.accounts.map(() => 0);
  for (const payment of payable) {
    const order = byId.get(payment.id);
    const truth = bank.byOrderId.get(payment.id)!;
    const rows = ledgerByOrder.get(payment.id) ?? [];
    const context = () =>
      `settled: payment ${payment.id} is ${order?.status} with ledger ${JSON.stringify(rows)}, at the bank ${truth.state}`;
    must(order !== undefined && order.amount === payment.amount, context);
    if (truth.state === 'paid') {
      paidPerAccount[payment.account]! += payment.amount;
      const [row] = rows;
      must(order.status === 'succeeded' && rows.length === 1 && row !== undefined, context);
      must(
        row.amount === payment.amount &&
          row.account_id === world.accounts[payment.account]!.id &&
          row.status === 'credited' &&
          row.source === 'card' &&
          row.gateway === 'sandbox' &&
          row.gateway_payment_id === truth.gatewayPaymentId,
        context,
      );
    } else {
      must(rows.length === 0, context);
      must(order.status === (truth.state === 'declined' ? 'canceled' : 'pending'), context);
    }
  }
  // Starts that never returned: the person never saw the bank's page, so nothing can be paid.
  const payableIds = new Set(payable.map((payment) => payment.id));
  for (const order of orders.filter((row) => !payableIds.has(row.id))) {
    must(
      order.status === 'created' && !ledgerByOrder.has(order.id),
      () => `settled: an unfinished start ${order.id} is ${order.status}`,
    );
  }
  // The balance as the dashboard computes it moves by exactly what the bank took, and by the ledger.
  for (const [index, account] of world.accounts.entries()) {
    const summary = await getSummary(world.database, world.userId, account.id);
    const ledgerSum = ledger
      .filter((row) => row.account_id === account.id && row.status === 'credited')
      .reduce((sum, row) => sum + row.amount, 0);
    const expected = account.openingBalance - paidPerAccount[index]!;
    must(
      summary.balance === expected && summary.balance === account.openingBalance - ledgerSum,
      () =>
        `settled: account ${index} shows balance ${summary.balance}; the bank took ${paidPerAccount[index]}, ` +
        `the ledger holds ${ledgerSum}, before the run it was ${account.openingBalance} (expected ${expected})`,
    );
  }
}

/**
 * Keeps the service's lines about a failed poll or a failed order at the bank (expected here by the
 * thousand: the scenarios make them) off the console.
 */
export function silencePollFailures(): () => void {
  const original = console.error;
  const expected = /^(polling card payment |card payment \S+: \w+ did not create it)/;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && expected.test(args[0])) return;
    original(...args);
  };
  return () => {
    console.error = original;
  };
}
