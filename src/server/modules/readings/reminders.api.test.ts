// Reading reminders over real SMTP: on the window's first day (from 09:00 in the organization's
// time zone) to members whose meters still need a reading, 30 days before verification, once
// each, never to viewers or to people who switched them off in the profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addReading,
  buildAccount,
  buildMeter,
  buildOrganization,
  buildUser,
} from '../../../../tests/support/factories.ts';
import { SmtpPeer } from '../../../../tests/support/smtp-peer.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { sendDueReminders } from './reminders.service.ts';

describe.each(databaseKinds)('reading reminders on %s', (kind) => {
  const smtp = new SmtpPeer();
  let t: TestApp;
  let organizationId: string;
  const users: Record<
    'waiting' | 'submitted' | 'optedOut' | 'viewer',
    { id: string; email: string; password: string }
  > = {} as never;
  let verificationMeterOwner: { id: string; email: string };

  // 15 November 2026 in Vladivostok (UTC+10): 08:59 and 09:00 local.
  const beforeNine = new Date('2026-11-14T22:59:00Z');
  const atNine = new Date('2026-11-14T23:00:00Z');

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(kind, { SMTP_URL: smtp.url });
    ({ id: organizationId } = await buildOrganization(t.database.db, { short_name: 'УК «Берег»' }));
    await t.database.db
      .updateTable('organizations')
      .set({ timezone: 'Asia/Vladivostok', reading_window_start: 15, reading_window_end: 25 })
      .where('id', '=', organizationId)
      .execute();
    for (const key of ['waiting', 'submitted', 'optedOut', 'viewer'] as const)
      users[key] = await buildUser(t.database.db);
    const waitingAccount = await buildAccount(t.database.db, organizationId, {
      number: '5550001',
      members: [
        { userId: users.waiting.id, role: 'owner' },
        { userId: users.viewer.id, role: 'viewer' },
        { userId: users.optedOut.id, role: 'member' },
      ],
    });
    await buildMeter(t.database.db, waitingAccount.id, { resource: 'cold_water' });
    await buildMeter(t.database.db, waitingAccount.id, { resource: 'hot_water' });
    const submittedAccount = await buildAccount(t.database.db, organizationId, {
      members: [{ userId: users.submitted.id }],
    });
    const done = await buildMeter(t.database.db, submittedAccount.id);
    await addReading(t.database.db, done.id, '2026-11', ['10'], { status: 'accepted' });

    const owner = await buildUser(t.database.db);
    verificationMeterOwner = owner;
    const account = await buildAccount(t.database.db, organizationId, {
      number: '5550002',
      members: [{ userId: owner.id }],
    });
    await buildMeter(t.database.db, account.id, { verified_until: '2026-12-15' }); // 30 days after the 15th
    await buildMeter(t.database.db, account.id, { verified_until: '2026-12-16' }); // 31 days: not yet
    await addReading(t.database.db, (await buildMeter(t.database.db, account.id)).id, '2026-11', ['1'], {
      status: 'accepted',
    });

    // The member switches reading reminders off in the profile.
    const session = await logIn(t.app, users.optedOut.email, users.optedOut.password);
    const off = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/profile',
      headers: bearer(session),
      payload: { readingReminders: false },
    });
    expect(off.json()).toMatchObject({ readingReminders: false, verificationReminders: true });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const context = () => ({ db: t.database.db, queue: t.queue, publicUrl: t.config.publicUrl });

  it('waits for 09:00 in the organization’s time zone on the window’s first day', async () => {
    expect(await sendDueReminders(context(), beforeNine)).toEqual({ window: 0, verification: 0 });
  });

  it('reminds members whose meters need a reading, once, listing the meters, and sends the verification warning', async () => {
    const result = await sendDueReminders(context(), atNine);
    // Two owners wait for readings (the second one's meters near verification have none yet);
    // one meter's verification date is exactly 30 days away.
    expect(result).toEqual({ window: 2, verification: 1 });
    const mail = await smtp.waitFor(users.waiting.email, /Передайте показания счётчиков до 25\.11\.2026/);
    expect(mail.text).toContain('УК «Берег» принимает показания за ноябрь 2026 до 25.11.2026 включительно.');
    expect(mail.text).toMatch(/холодная вода, счётчик № T-\d+ \(лицевой счёт 5550001\)/);
    expect(mail.text).toMatch(/горячая вода, счётчик № T-\d+/);
    expect(mail.text).toContain(`${t.config.publicUrl}/meters`);
    const warning = await smtp.waitFor(
      verificationMeterOwner.email,
      /Срок поверки счётчика истекает 15\.12\.2026/,
    );
    expect(warning.text).toContain('лицевой счёт 5550002');

    // The next scans (another hour, another process) send nothing again.
    expect(await sendDueReminders(context(), new Date('2026-11-15T02:00:00Z'))).toEqual({
      window: 0,
      verification: 0,
    });
    const recipients = smtp.received.flatMap((m) => m.to);
    expect(recipients.filter((to) => to === users.waiting.email)).toHaveLength(1);
    for (const silent of [users.submitted, users.optedOut, users.viewer])
      expect(recipients, silent.email).not.toContain(silent.email);
  });

  it('sends no window reminder on other days, and a verification warning once the 30 days begin', async () => {
    const nextDay = new Date('2026-11-16T01:00:00Z');
    expect(await sendDueReminders(context(), nextDay)).toEqual({ window: 0, verification: 1 });
    await smtp.waitFor(verificationMeterOwner.email, /истекает 16\.12\.2026/);
  });
});
