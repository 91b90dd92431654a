// The operator console: the organization at a glance, account search, the account as its
// subscriber sees it (read-only; each view audited, 152-ФЗ), pending invitations, and sending a
// member the standard password reset e-mail. Staff see only their own organization's accounts.
import type { Kysely } from 'kysely';
import type {
  AccountSearchQuery,
  AccountSearchResponse,
  OperatorAccountResponse,
  OperatorInvitationsResponse,
  OperatorOverview,
} from '../../../shared/api/operator-console.ts';
import { zonedClock } from '../../../shared/period.ts';
import type { PreparedRunner } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, errors } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { type AccountScope, findAccountScopeForStaff } from '../accounts/accounts.repository.ts';
import { getChargesInScope, getPaymentsInScope, getSummaryInScope } from '../accounts/accounts.service.ts';
import { recordAuditEvent } from '../audit/audit.repository.ts';
import { secondsUntilAllowed } from '../auth/attempt-limits.ts';
import type { SessionRecord } from '../auth/auth.repository.ts';
import { sendPasswordResetLink } from '../auth/password-reset.service.ts';
import { cancelInvitation, listMembers, listPendingInvitations } from '../household/household.repository.ts';
import { requireStaffScope, type StaffScope } from '../readings/operator-readings.service.ts';
import { readingWindow } from '../readings/reading-rules.ts';
import { readOrganizationSettings } from '../readings/readings.repository.ts';
import { getMetersInScope, toRuleSettings } from '../readings/readings.service.ts';
import {
  countAccounts,
  countMeterReadings,
  countRecentForcedResets,
  findAccountMember,
  isStaffMember,
  listRecentImports,
  readAccountCard,
  readOrganization,
  searchAccounts,
  sumCreditedPaymentsByDay,
} from './operator-console.repository.ts';

export const CHART_DAYS = 14;
export const RECENT_IMPORTS = 5;

/** Reset links staff may send within an hour: to one person, and by one staff member. */
export const FORCED_RESET_WINDOW_MS = 60 * 60 * 1000;
export const FORCED_RESETS_PER_USER = 3;
export const FORCED_RESETS_PER_STAFF = 30;

export async function getOverview(
  db: Kysely<DB>,
  scope: StaffScope,
  now = new Date(),
): Promise<OperatorOverview> {
  const organization = await readOrganization(db, scope.organizationId);
  const settings = await readOrganizationSettings(db, scope.organizationId);
  const window = readingWindow(now, toRuleSettings(settings));
  const today = zonedClock(now, organization.timezone).date;
  const firstChartDay = addDays(today, -(CHART_DAYS - 1));
  const [accounts, meters, byDay, recentImports] = await Promise.all([
    countAccounts(db, scope.organizationId),
    countMeterReadings(db, scope.organizationId, window.period),
    sumCreditedPaymentsByDay(db, scope.organizationId, organization.timezone, firstChartDay, today),
    listRecentImports(db, scope.organizationId, RECENT_IMPORTS),
  ]);
  const paymentsByDay = Array.from({ length: CHART_DAYS }, (_, index) => {
    const date = addDays(firstChartDay, index);
    const day = byDay.find((row) => row.date === date);
    return { date, count: day?.count ?? 0, amount: day?.amount ?? 0 };
  });
  const todayRow = paymentsByDay.at(-1)!;
  return {
    organization,
    today,
    accounts: {
      ...accounts,
      registeredShare: accounts.total === 0 ? 0 : accounts.registered / accounts.total,
    },
    readings: { period: window.period, windowOpen: window.open, ...meters },
    paymentsToday: { count: todayRow.count, amount: todayRow.amount },
    paymentsByDay,
    // No tickets table yet (a later issue): say so rather than show a made-up zero.
    tickets: { available: false, open: 0 },
    recentImports,
  };
}

export async function findAccounts(
  db: Kysely<DB>,
  scope: StaffScope,
  query: AccountSearchQuery,
): Promise<AccountSearchResponse> {
  return searchAccounts(db, scope.organizationId, query);
}

/**
 * The account in the path, when it belongs to an organization the caller is staff of (the named
 * one, if any): not staff → 403; another organization's or no such account → 404, the same answer.
 * The second factor is checked last, so staff learn nothing more before it than anyone else.
 */
export async function requireStaffAccount(
  db: Kysely<DB>,
  session: SessionRecord,
  organizationId: string | undefined,
  accountId: string,
): Promise<{ staff: StaffScope; account: AccountScope }> {
  const account = await findAccountScopeForStaff(db, session.userId, accountId, organizationId);
  if (!account) {
    if (!(await isStaffMember(db, session.userId)))
      throw new AppError('FORBIDDEN', 'This is for staff of the organization only.');
    throw errors.accountNotFound();
  }
  const staff = await requireStaffScope(db, session, account.organizationId);
  return { staff, account };
}

export async function viewAccount(
  context: { db: Kysely<DB>; runner: PreparedRunner },
  staff: StaffScope,
  account: AccountScope,
  ip: string,
): Promise<OperatorAccountResponse> {
  const { db, runner } = context;
  const [card, summary, charges, payments, meters, members] = await Promise.all([
    readAccountCard(db, account),
    getSummaryInScope(runner, account),
    getChargesInScope(db, account, {}),
    getPaymentsInScope(db, account, {}),
    getMetersInScope(db, account),
    listMembers(db, account),
  ]);
  // Who looked at whose personal data, and when: the view itself is the event.
  await recordAuditEvent(db, {
    action: 'operator.account_viewed',
    organizationId: staff.organizationId,
    actorUserId: staff.userId,
    targetType: 'account',
    targetId: account.accountId,
    ip,
  });
  return { account: card, summary, charges, payments, meters, members };
}

export async function listInvitations(
  db: Kysely<DB>,
  account: AccountScope,
): Promise<OperatorInvitationsResponse> {
  const rows = await listPendingInvitations(db, account);
  return {
    invitations: rows.map((row) => {
      const payload = row.payload as { email: string; role: 'owner' | 'member' | 'viewer' };
      return {
        id: row.id,
        email: payload.email,
        role: payload.role,
        expiresAt: row.expires_at.toISOString(),
      };
    }),
  };
}

export async function withdrawInvitationAsStaff(
  db: Kysely<DB>,
  staff: StaffScope,
  account: AccountScope,
  invitationId: string,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await cancelInvitation(trx, account, invitationId))) throw errors.notFound('invitation');
    await recordAuditEvent(trx, {
      action: 'household.invitation_cancelled',
      organizationId: staff.organizationId,
      actorUserId: staff.userId,
      targetType: 'account',
      targetId: account.accountId,
      ip,
      details: { invitationId, by: 'staff' },
    });
  });
}

export const FORCED_RESET_ACTION = 'operator.password_reset_sent';

/**
 * Sends a member of the account the standard reset link (1 hour, single use), as if they had
 * asked. A few per person per hour: enough to resend, not enough to flood their mailbox.
 */
export async function sendMemberPasswordReset(
  context: { db: Kysely<DB>; queue: JobQueue; publicUrl: string },
  staff: StaffScope,
  account: AccountScope,
  userId: string,
  ip: string,
): Promise<void> {
  const { db } = context;
  const member = await findAccountMember(db, account, userId);
  if (!member || member.disabledAt) throw errors.notFound('member of this account');
  const recent = await countRecentForcedResets(
    db,
    FORCED_RESET_ACTION,
    userId,
    staff.userId,
    FORCED_RESET_WINDOW_MS,
  );
  const wait = secondsUntilAllowed(
    [
      { count: recent.toUser, max: FORCED_RESETS_PER_USER, oldest: recent.oldestToUser },
      { count: recent.byStaff, max: FORCED_RESETS_PER_STAFF, oldest: recent.oldestByStaff },
    ],
    FORCED_RESET_WINDOW_MS,
    new Date(),
  );
  if (wait !== null) throw errors.tooManyAttempts(wait);
  await db.transaction().execute(async (trx) => {
    await sendPasswordResetLink(trx, context, member);
    await recordAuditEvent(trx, {
      action: FORCED_RESET_ACTION,
      organizationId: staff.organizationId,
      actorUserId: staff.userId,
      targetType: 'user',
      targetId: userId,
      ip,
      details: { accountId: account.accountId },
    });
  });
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
