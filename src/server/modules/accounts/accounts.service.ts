// The subscriber's view of their accounts: balance and what to pay, charges by month, payments.
// Balance rule (DOMAIN.md): closing = opening + charged + recalculation − benefit + penalties − paid;
// the balance now is the latest statement's closing minus what was paid after its month.
import type { Kysely } from 'kysely';
import type { ChargesResponse, PaymentsResponse, SummaryResponse } from '../../../shared/api/accounts.ts';
import { addMonths, monthsBetween, type Period, periodInTimeZone } from '../../../shared/period.ts';
import type { PreparedRunner } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { errors } from '../../errors.ts';
import {
  type AccountScope,
  findAccountScope,
  latestStatementPeriod,
  listChargeLines,
  listPayments,
  listStatements,
  readSummaryForMember,
  readSummaryInScope,
  type SummaryRow,
} from './accounts.repository.ts';

/** The widest range one request may ask for: ten years. */
export const MAX_RANGE_MONTHS = 120;

export async function requireAccountScope(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
): Promise<AccountScope> {
  const scope = await findAccountScope(db, userId, accountId);
  // Not a member and no such account look the same: the caller learns nothing about other accounts.
  if (!scope) throw errors.accountNotFound();
  return scope;
}

export async function getSummary(
  runner: PreparedRunner,
  userId: string,
  accountId: string,
): Promise<SummaryResponse> {
  const row = await readSummaryForMember(runner, userId, accountId);
  if (!row) throw errors.accountNotFound();
  return toSummary(accountId, row);
}

/** The same summary through a scope already proved (the operator console's read-only view). */
export async function getSummaryInScope(
  runner: PreparedRunner,
  scope: AccountScope,
): Promise<SummaryResponse> {
  return toSummary(scope.accountId, await readSummaryInScope(runner, scope));
}

function toSummary(accountId: string, row: SummaryRow): SummaryResponse {
  const balance = (row.statement?.closing ?? 0) - row.paidSinceStatement;
  return {
    accountId,
    balance,
    amountDue: Math.max(0, balance),
    // Overdue once the due date has passed where the organization is, with something still owed.
    overdue: balance > 0 && row.statement !== null && row.statement.dueDate < row.today,
    currentPeriod: row.statement?.period ?? null,
    dueDate: row.statement?.dueDate ?? null,
    statement: row.statement,
    paidSinceStatement: row.paidSinceStatement,
    lastPayment: row.lastPayment,
    metersDue: row.metersDue,
  };
}

function resolveRange(
  requested: { from?: Period; to?: Period },
  defaultTo: Period,
): { from: Period; to: Period } {
  const to = requested.to ?? (requested.from && requested.from > defaultTo ? requested.from : defaultTo);
  const from = requested.from ?? addMonths(to, -11);
  const months = monthsBetween(from, to);
  if (months < 1) throw errors.periodRangeInvalid('`from` must not be after `to`.');
  if (months > MAX_RANGE_MONTHS)
    throw errors.periodRangeInvalid(`Ask for at most ${MAX_RANGE_MONTHS} months at once.`);
  return { from, to };
}

export async function getCharges(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
  requested: { from?: Period; to?: Period },
): Promise<ChargesResponse> {
  return getChargesInScope(db, await requireAccountScope(db, userId, accountId), requested);
}

export async function getChargesInScope(
  db: Kysely<DB>,
  scope: AccountScope,
  requested: { from?: Period; to?: Period },
): Promise<ChargesResponse> {
  const { accountId } = scope;
  const latest = await latestStatementPeriod(db, scope);
  const { from, to } = resolveRange(requested, latest ?? periodInTimeZone(new Date(), scope.timezone));
  const [statements, lines] = await Promise.all([
    listStatements(db, scope, from, to),
    listChargeLines(db, scope, from, to),
  ]);
  const periods = new Map<Period, ChargesResponse['periods'][number]>();
  const periodEntry = (period: Period) => {
    let entry = periods.get(period);
    if (!entry) {
      entry = { period, statement: null, lines: [], total: 0 };
      periods.set(period, entry);
    }
    return entry;
  };
  for (const statement of statements) periodEntry(statement.period).statement = statement;
  for (const { period, ...line } of lines) {
    const entry = periodEntry(period);
    entry.lines.push(line);
    entry.total += line.total;
  }
  return {
    accountId,
    from,
    to,
    periods: [...periods.values()].sort((a, b) => b.period.localeCompare(a.period)),
  };
}

export async function getPayments(
  db: Kysely<DB>,
  userId: string,
  accountId: string,
  requested: { from?: Period; to?: Period },
): Promise<PaymentsResponse> {
  return getPaymentsInScope(db, await requireAccountScope(db, userId, accountId), requested);
}

export async function getPaymentsInScope(
  db: Kysely<DB>,
  scope: AccountScope,
  requested: { from?: Period; to?: Period },
): Promise<PaymentsResponse> {
  const { accountId } = scope;
  const { from, to } = resolveRange(requested, periodInTimeZone(new Date(), scope.timezone));
  const payments = await listPayments(db, scope, from, to);
  return {
    accountId,
    from,
    to,
    payments,
    total: payments
      .filter((payment) => payment.status === 'credited')
      .reduce((sum, payment) => sum + payment.amount, 0),
  };
}
