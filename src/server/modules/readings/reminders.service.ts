// Reading reminders, sent by a periodic job: on the first day of an organization's window (from
// 09:00 its time) to members whose meters still need a reading, and from 30 days before a meter's
// verification date. Each user can switch either off in the profile. `reminders_sent` makes every
// reminder go once, however often and wherever the scan runs.
import { type Kysely, sql } from 'kysely';
import { type Period, zonedClock } from '../../../shared/period.ts';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueMail } from '../mail/mail.service.ts';
import { readingWindow, windowDays } from './reading-rules.ts';
import { readingSettingsColumns } from './readings.repository.ts';
import { toRuleSettings, VERIFICATION_WARNING_DAYS } from './readings.service.ts';

/** Reminders wait for the morning in the organization's time zone. */
export const REMINDER_HOUR = 9;

interface Context {
  db: Kysely<DB>;
  queue: JobQueue;
  publicUrl: string;
}

interface Recipient {
  userId: string;
  email: string;
  locale: 'ru' | 'en';
}

/** Sends what is due now; returns how many mails were queued of each kind. */
export async function sendDueReminders(
  context: Context,
  now = new Date(),
): Promise<{ window: number; verification: number }> {
  const organizations = await context.db
    .selectFrom('organizations')
    .select([...readingSettingsColumns, 'short_name as name'])
    .execute();
  let window = 0;
  let verification = 0;
  for (const organization of organizations) {
    const clock = zonedClock(now, organization.timezone);
    if (clock.hour < REMINDER_HOUR) continue;
    const state = readingWindow(now, toRuleSettings(organization));
    if (state.open && clock.day === windowDays(state.period, organization).start)
      window += await remindWindow(context, organization, state.period, state.closesOn, clock.date);
    verification += await remindVerification(context, organization.organizationId, clock.date);
  }
  return { window, verification };
}

async function remindWindow(
  context: Context,
  organization: { organizationId: string; name: string },
  period: Period,
  closesOn: string,
  today: string,
): Promise<number> {
  const key = `${organization.organizationId}:${period}`;
  const rows = await recipientsOfMeters(context.db, organization.organizationId, 'reading_reminders')
    .select([
      'u.id as userId',
      'u.email',
      'u.locale',
      'a.number as accountNumber',
      'm.resource',
      'm.serial_number as serialNumber',
    ])
    .where((eb) => eb.or([eb('m.verified_until', 'is', null), eb('m.verified_until', '>=', today)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reading_submissions as s')
            .select('s.id')
            .whereRef('s.meter_id', '=', 'm.id')
            .where('s.period', '=', `${period}-01`)
            .where('s.status', 'in', ['accepted', 'included']),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reminders_sent as r')
            .select('r.user_id')
            .whereRef('r.user_id', '=', 'u.id')
            .where('r.kind', '=', 'reading_window')
            .where('r.key', '=', key),
        ),
      ),
    )
    .orderBy('u.id')
    .orderBy('a.number')
    .orderBy('m.resource')
    .execute();

  const byUser = new Map<string, { recipient: Recipient; meters: typeof rows }>();
  for (const row of rows) {
    const entry = byUser.get(row.userId) ?? { recipient: row, meters: [] };
    entry.meters.push(row);
    byUser.set(row.userId, entry);
  }
  let sent = 0;
  for (const { recipient, meters } of byUser.values()) {
    const queued = await remindOnce(context, recipient, 'reading_window', key, (trx) =>
      queueMail(trx, context.queue, recipient.email, recipient.locale, {
        template: 'reading_window_open',
        organizationName: organization.name,
        period,
        closesOn,
        meters: meters.map(({ resource, serialNumber, accountNumber }) => ({
          resource,
          serialNumber,
          accountNumber,
        })),
        link: `${context.publicUrl}/meters`,
        settingsLink: `${context.publicUrl}/profile`,
      }),
    );
    if (queued) sent++;
  }
  return sent;
}

async function remindVerification(context: Context, organizationId: string, today: string): Promise<number> {
  const horizon = new Date(`${today}T00:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + VERIFICATION_WARNING_DAYS);
  const rows = await recipientsOfMeters(context.db, organizationId, 'verification_reminders')
    .select([
      'u.id as userId',
      'u.email',
      'u.locale',
      'a.number as accountNumber',
      'm.id as meterId',
      'm.resource',
      'm.serial_number as serialNumber',
      'm.verified_until as verifiedUntil',
    ])
    .where('m.verified_until', '>=', today)
    .where('m.verified_until', '<=', horizon.toISOString().slice(0, 10))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reminders_sent as r')
            .select('r.user_id')
            .whereRef('r.user_id', '=', 'u.id')
            .where('r.kind', '=', 'verification')
            .where('r.key', '=', sql<string>`m.id::text || ':' || m.verified_until::text`),
        ),
      ),
    )
    .execute();
  let sent = 0;
  for (const row of rows) {
    const queued = await remindOnce(
      context,
      row,
      'verification',
      `${row.meterId}:${row.verifiedUntil}`,
      (trx) =>
        queueMail(trx, context.queue, row.email, row.locale, {
          template: 'verification_due',
          meter: { resource: row.resource, serialNumber: row.serialNumber, accountNumber: row.accountNumber },
          verifiedUntil: row.verifiedUntil!,
          link: `${context.publicUrl}/meters`,
          settingsLink: `${context.publicUrl}/profile`,
        }),
    );
    if (queued) sent++;
  }
  return sent;
}

/** Active meters of an organization's active accounts, with the members (not viewers) who want
 * this kind of reminder. */
function recipientsOfMeters(
  db: Kysely<DB>,
  organizationId: string,
  wants: 'reading_reminders' | 'verification_reminders',
) {
  return db
    .selectFrom('meters as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .innerJoin('account_members as am', 'am.account_id', 'a.id')
    .innerJoin('users as u', 'u.id', 'am.user_id')
    .where('a.organization_id', '=', organizationId)
    .where('a.status', '=', 'active')
    .where('am.role', 'in', ['owner', 'member'])
    .where(`u.${wants}`, '=', true)
    .where('u.disabled_at', 'is', null)
    .where('m.status', '=', 'active');
}

/** Records the reminder and queues its mail in one transaction; false if another scan was first. */
async function remindOnce(
  context: Context,
  recipient: Recipient,
  kind: 'reading_window' | 'verification',
  key: string,
  queue: (trx: Kysely<DB>) => Promise<string | null>,
): Promise<boolean> {
  return context.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reminders_sent')
      .values({ user_id: recipient.userId, kind, key })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) return false;
    return (await queue(trx)) !== null;
  });
}
