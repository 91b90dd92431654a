// Receipts by e-mail over real SMTP: only to people who opted in (with a confirmed address), with
// the PDF attached, once per (account, period, version) however many scans run, and again when the
// receipt changed and its new version was drawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPoppler } from '../../../../tests/support/environment.ts';
import {
  buildAccount,
  buildOrganization,
  buildStatement,
  buildUser,
} from '../../../../tests/support/factories.ts';
import { pdfText } from '../../../../tests/support/pdf-tools.ts';
import { SmtpPeer } from '../../../../tests/support/smtp-peer.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { sendDueReceiptEmails } from './receipt-emails.service.ts';

describe.each(databaseKinds)('receipts by e-mail on %s', (kind) => {
  const smtp = new SmtpPeer();
  let t: TestApp;
  let organizationId: string;
  let accountId: string;
  const people: Record<
    'subscribed' | 'notSubscribed' | 'unconfirmed',
    { id: string; email: string; password: string }
  > = {} as never;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(kind, { SMTP_URL: smtp.url });
    ({ id: organizationId } = await buildOrganization(t.database.db, { short_name: 'УК «Берег»' }));
    for (const key of ['subscribed', 'notSubscribed', 'unconfirmed'] as const)
      people[key] = await buildUser(t.database.db);
    await t.database.db
      .updateTable('users')
      .set({ email_verified_at: new Date() })
      .where('id', 'in', [people.subscribed.id, people.notSubscribed.id])
      .execute();
    ({ id: accountId } = await buildAccount(t.database.db, organizationId, {
      number: '4440001',
      members: [
        { userId: people.subscribed.id, role: 'owner' },
        { userId: people.notSubscribed.id, role: 'member' },
        { userId: people.unconfirmed.id, role: 'member' },
      ],
    }));
    await buildStatement(t.database.db, organizationId, accountId, '2026-09', [
      { code: 'cold_water', name: 'Холодное водоснабжение', volume: '5', tariff: '50' },
    ]);
    await buildStatement(
      t.database.db,
      organizationId,
      accountId,
      '2026-10',
      [{ code: 'cold_water', name: 'Холодное водоснабжение', volume: '6', tariff: '50' }],
      { opening: 25_000, paid: 25_000 },
    );
    for (const person of [people.subscribed, people.unconfirmed]) {
      const session = await logIn(t.app, person.email, person.password);
      const on = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/profile',
        headers: bearer(session),
        payload: { receiptEmails: true },
      });
      expect(on.statusCode).toBe(200);
      expect(on.json()).toMatchObject({ receiptEmails: true });
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const context = () => ({ db: t.database.db, queue: t.queue, publicUrl: t.config.publicUrl });

  it('mails the newest receipt with its PDF to those who asked, once, whatever the number of scans', async () => {
    const scans = await Promise.all([sendDueReceiptEmails(context()), sendDueReceiptEmails(context())]);
    expect(scans[0] + scans[1]).toBe(1);
    const mail = await smtp.waitFor(
      people.subscribed.email,
      /Квитанция за октябрь 2026, лицевой счёт 4440001/,
    );
    expect(mail.text.replace(/\u00a0/g, ' ')).toContain('К оплате 300,00 ₽ до 10.11.2026');
    expect(mail.text).toContain(`${t.config.publicUrl}/receipts/2026-10`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'receipt-epd-4440001-2026-10.pdf',
      contentType: 'application/pdf',
    });
    if (hasPoppler) expect(await pdfText(mail.attachments[0]!.content)).toContain('Холодное водоснабжение');

    expect(await sendDueReceiptEmails(context())).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const recipients = smtp.received.flatMap((received) => received.to);
    expect(recipients.filter((to) => to === people.subscribed.email)).toHaveLength(1);
    expect(recipients).not.toContain(people.notSubscribed.email);
    expect(recipients).not.toContain(people.unconfirmed.email);
  });

  it('sends a receipt again once its data changed and a new version was drawn', async () => {
    const before = smtp.received.filter((mail) => mail.to.includes(people.subscribed.email)).length;
    await t.database.db
      .updateTable('organizations')
      .set({ phone: '+7 (4232) 00-11-22' })
      .where('id', '=', organizationId)
      .execute();
    // Nothing new is stored until the receipt is drawn again: the scan has nothing to send.
    expect(await sendDueReceiptEmails(context())).toBe(0);
    const session = await logIn(t.app, people.notSubscribed.email, people.notSubscribed.password);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/receipts/2026-10.pdf`,
      headers: bearer(session),
    });
    expect(pdf.headers['x-receipt-version']).toBe('2');
    expect(await sendDueReceiptEmails(context())).toBe(1);
    expect(await sendDueReceiptEmails(context())).toBe(0);
    await expect
      .poll(() => smtp.received.filter((mail) => mail.to.includes(people.subscribed.email)).length, {
        timeout: 20_000,
      })
      .toBe(before + 1);
    const deliveries = await t.database.db
      .selectFrom('receipt_deliveries')
      .select('version')
      .where('user_id', '=', people.subscribed.id)
      .orderBy('version')
      .execute();
    expect(deliveries).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('stops when the person switches it off', async () => {
    await buildStatement(t.database.db, organizationId, accountId, '2026-11', [
      { code: 'cold_water', volume: '7', tariff: '50' },
    ]);
    await t.database.db
      .updateTable('users')
      .set({ receipt_emails: false })
      .where('id', '=', people.subscribed.id)
      .execute();
    expect(await sendDueReceiptEmails(context())).toBe(0);
    await t.database.db
      .updateTable('users')
      .set({ receipt_emails: true })
      .where('id', '=', people.subscribed.id)
      .execute();
    expect(await sendDueReceiptEmails(context())).toBe(1);
    await smtp.waitFor(people.subscribed.email, /Квитанция за ноябрь 2026/);
  });
});

describe('receipts by e-mail in the demo mailbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('pglite', { DEMO: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the attached PDF and serves it', async () => {
    const { id: organizationId } = await buildOrganization(t.database.db);
    const person = await buildUser(t.database.db);
    await t.database.db
      .updateTable('users')
      .set({ email_verified_at: new Date(), receipt_emails: true })
      .where('id', '=', person.id)
      .execute();
    const { id: accountId } = await buildAccount(t.database.db, organizationId, {
      number: '4440009',
      members: [{ userId: person.id }],
    });
    await buildStatement(t.database.db, organizationId, accountId, '2026-10', [
      { code: 'cold_water', volume: '6', tariff: '50' },
    ]);
    expect(
      await sendDueReceiptEmails({ db: t.database.db, queue: t.queue, publicUrl: t.config.publicUrl }),
    ).toBe(1);

    type Listed = { to: string; attachments: { fileName: string; url: string }[] };
    // The mailbox lists a message once the send job has run.
    const listed = async () =>
      ((await t.app.inject('/dev/mailbox.json')).json() as Listed[]).find(
        (message) => message.to === person.email,
      );
    await expect.poll(listed, { timeout: 20_000 }).toBeDefined();
    const mail = await listed();
    expect(mail?.attachments).toEqual([
      {
        fileName: 'receipt-epd-4440009-2026-10.pdf',
        url: expect.stringMatching(/^\/dev\/mailbox\/[0-9a-f-]+\/attachments\/0$/),
      },
    ]);
    const file = await t.app.inject(mail!.attachments[0]!.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.app.inject(mail!.attachments[0]!.url.replace(/0$/, '1'))).statusCode).toBe(404);
    expect((await t.app.inject('/dev/mailbox')).body).toContain('receipt-epd-4440009-2026-10.pdf');
  });
});
