import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../../tests/support/factories.ts';
import { linkToken, SmtpPeer } from '../../../../tests/support/smtp-peer.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../../../../tests/support/test-app.ts';
import { databaseKinds } from '../../../../tests/support/test-database.ts';
import { formatMoney } from '../../../shared/money.ts';
import { seedDemo } from '../../demo/seed.ts';

const PASSWORD = 'Rjazan-Sadovaja-12';

describe.each(databaseKinds)('self-registration by account number on %s', (kind) => {
  const smtp = new SmtpPeer();
  let t: TestApp;
  let organizationId: string;
  let ipCounter = 0;
  const nextIp = () => `10.20.${Math.floor(++ipCounter / 200)}.${ipCounter % 200}`;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(kind, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://lk.example.test' });
    await seedDemo(t.database, { accounts: 40, seed: 5, asOf: new Date() });
    organizationId = (
      await t.database.db
        .selectFrom('organizations')
        .select('id')
        .where('kind', '=', 'housing')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  /** A housing account nobody has registered yet, with its last credited payment. */
  async function unregisteredAccount() {
    const rows = await sql<{ id: string; number: string; last_payment: number }>`
      select a.id, a.number, (select p.amount from payments p where p.account_id = a.id and p.status = 'credited'
        order by p.paid_at desc limit 1) as last_payment
      from accounts a where a.organization_id = ${organizationId}
        and not exists (select 1 from account_members m where m.account_id = a.id)
        and exists (select 1 from payments p where p.account_id = a.id)
        and not exists (select 1 from registration_failures f where f.account_number = a.number)
      order by a.number`.execute(t.database.db);
    const used = new Set(
      (await t.database.db.selectFrom('tokens').select('payload').execute()).map(
        (row) => (row.payload as { accountNumber?: string }).accountNumber,
      ),
    );
    const row = rows.rows.find((candidate) => !used.has(candidate.number));
    if (!row) throw new Error('no unregistered account left in the seed');
    return { ...row, last_payment: Number(row.last_payment) };
  }

  const register = (body: Record<string, unknown>, ip = nextIp()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body, remoteAddress: ip });
  const confirm = (token: string, ip = nextIp(), password = PASSWORD) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/confirm',
      payload: { token, password },
      remoteAddress: ip,
    });

  it('finds organizations by name, INN or city, and wants at least two characters', async () => {
    const byName = (await t.app.inject('/api/v1/organizations?query=уютный')).json();
    expect(byName.organizations.map((o: { shortName: string }) => o.shortName)).toEqual(['УК «Уютный дом»']);
    const organization = byName.organizations[0];
    expect(organization).toMatchObject({
      kind: 'housing',
      proofType: 'last_payment',
      registrationMode: 'both',
    });
    expect(
      (await t.app.inject(`/api/v1/organizations?query=${organization.inn}`)).json().organizations,
    ).toHaveLength(1);
    expect(
      (await t.app.inject(`/api/v1/organizations?query=${encodeURIComponent('Рязань')}`)).json()
        .organizations,
    ).toHaveLength(2);
    expect((await t.app.inject('/api/v1/organizations?query=%25_')).json().organizations).toHaveLength(0);
    expect((await t.app.inject('/api/v1/organizations?query=a')).statusCode).toBe(400);
  });

  it('registers with the last payment as proof: e-mail link, then login shows the account', async () => {
    const account = await unregisteredAccount();
    const email = `new-${account.number}@example.test`;
    // Typed the way people copy it from a receipt: "1 234,56 ₽".
    const proof = formatMoney(account.last_payment);
    const response = await register({
      organizationId,
      accountNumber: account.number,
      proof,
      email,
      password: PASSWORD,
      consent: true,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'check_email' });

    const mail = await smtp.waitFor(email, /Подтвердите регистрацию/);
    expect(mail.text).toContain(account.number);
    expect(mail.html).toContain('https://lk.example.test/confirm?token=');
    const token = linkToken(mail.text, 'https://lk.example.test/confirm');

    // Somebody who only has the link (not the password chosen at registration) gets nowhere.
    const stranger = await confirm(token, nextIp(), 'Chuzhoj-Parol-2026');
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    const confirmed = await confirm(token);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ status: 'registered', email, accountNumber: account.number });

    const session = await logIn(t.app, email, PASSWORD);
    const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: bearer(session) })).json()
      .accounts;
    expect(accounts.map((a: { number: string }) => a.number)).toEqual([account.number]);

    const consent = await t.database.db
      .selectFrom('consents')
      .selectAll()
      .where('user_id', '=', session.userId)
      .execute();
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ document: 'personal_data_policy', version: '2026-11-01' });

    const again = await confirm(token);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('TOKEN_INVALID');
  });

  it('accepts the proof typed as 1234,56 or 1234.56 or whole rubles', async () => {
    const account = await unregisteredAccount();
    const rubles = Math.floor(account.last_payment / 100);
    const kopecks = account.last_payment % 100;
    const typed = kopecks === 0 ? String(rubles) : `${rubles}.${String(kopecks).padStart(2, '0')}`;
    const email = `dot-${account.number}@example.test`;
    expect(
      (
        await register({
          organizationId,
          accountNumber: account.number,
          proof: typed,
          email,
          password: PASSWORD,
          consent: true,
        })
      ).statusCode,
    ).toBe(202);
    const token = linkToken((await smtp.waitFor(email, /Подтвердите/)).text, '/confirm');
    expect((await confirm(token)).statusCode).toBe(200);
  });

  it('answers a wrong amount and an unknown account number with one identical error', async () => {
    const account = await unregisteredAccount();
    const wrongAmount = {
      organizationId,
      accountNumber: account.number,
      proof: formatMoney(account.last_payment + 1),
      password: PASSWORD,
      consent: true,
    };
    const wrongNumber = {
      ...wrongAmount,
      accountNumber: '9999999999',
      proof: formatMoney(account.last_payment),
    };
    const outcomes = [];
    for (const [index, body] of [wrongAmount, wrongNumber].entries()) {
      const email = `wrong-${index}-${account.number}@example.test`;
      expect((await register({ ...body, email })).statusCode).toBe(202);
      const token = linkToken((await smtp.waitFor(email, /Подтвердите/)).text, '/confirm');
      const response = await confirm(token);
      outcomes.push({ status: response.statusCode, error: { ...response.json().error, requestId: null } });
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]!.status).toBe(400);
    expect(outcomes[0]!.error.code).toBe('REGISTRATION_PROOF_MISMATCH');
    const members = await t.database.db
      .selectFrom('account_members')
      .select('user_id')
      .where('account_id', '=', account.id)
      .execute();
    expect(members).toEqual([]);
  });

  it('stops proof guessing after 5 failures for one account number within an hour', async () => {
    const account = await unregisteredAccount();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const email = `guess-${attempt}-${account.number}@example.test`;
      await register({
        organizationId,
        accountNumber: account.number,
        proof: String(attempt),
        email,
        password: PASSWORD,
        consent: true,
      });
      const token = linkToken((await smtp.waitFor(email, /Подтвердите/)).text, '/confirm');
      expect((await confirm(token)).json().error.code).toBe('REGISTRATION_PROOF_MISMATCH');
    }
    const sixth = await register({
      organizationId,
      accountNumber: account.number,
      proof: formatMoney(account.last_payment),
      email: `guess-6-${account.number}@example.test`,
      password: PASSWORD,
      consent: true,
    });
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('stops one IP address after 20 proof failures in an hour, whatever the account numbers', async () => {
    const ip = '10.99.0.1';
    await t.database.db
      .insertInto('registration_failures')
      .values(
        Array.from({ length: 20 }, (_, n) => ({
          organization_id: organizationId,
          account_number: `X-${n}`,
          ip,
        })),
      )
      .execute();
    const account = await unregisteredAccount();
    const response = await register(
      {
        organizationId,
        accountNumber: account.number,
        proof: formatMoney(account.last_payment),
        email: 'ip-limited@example.test',
        password: PASSWORD,
        consent: true,
      },
      ip,
    );
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    const fromElsewhere = await register(
      {
        organizationId,
        accountNumber: account.number,
        proof: formatMoney(account.last_payment),
        email: 'ip-limited@example.test',
        password: PASSWORD,
        consent: true,
      },
      '10.99.0.2',
    );
    expect(fromElsewhere.statusCode).toBe(202);
  });

  it('answers an e-mail that already has a user exactly as a new one, and warns that address instead', async () => {
    const existing = await buildUser(t.database.db);
    const account = await unregisteredAccount();
    const fresh = `fresh-${account.number}@example.test`;
    const body = {
      organizationId,
      accountNumber: account.number,
      proof: formatMoney(account.last_payment),
      password: PASSWORD,
      consent: true,
    };
    const forExisting = await register({ ...body, email: existing.email });
    const forFresh = await register({ ...body, email: fresh });
    expect(forExisting.statusCode).toBe(forFresh.statusCode);
    expect(forExisting.body).toBe(forFresh.body);
    const notice = await smtp.waitFor(existing.email, /Попытка регистрации/);
    expect(notice.text).not.toContain('token=');
    const tokens = await t.database.db
      .selectFrom('tokens')
      .select('payload')
      .where('kind', '=', 'registration')
      .execute();
    expect(tokens.some((row) => (row.payload as { email: string }).email === existing.email)).toBe(false);
  });

  it('refuses weak passwords, missing consent and malformed proof without storing anything', async () => {
    const account = await unregisteredAccount();
    const before = await t.database.db
      .selectFrom('tokens')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const base = {
      organizationId,
      accountNumber: account.number,
      proof: formatMoney(account.last_payment),
      email: 'weak.person@example.test',
      consent: true,
    };
    for (const [password, problem] of [
      ['short1!', 'too_short'],
      ['1234567890', 'common'],
      ['weak.person-2026', 'contains_email'],
    ] as const) {
      const response = await register({ ...base, password });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('PASSWORD_TOO_WEAK');
      expect(response.json().error.details.problems).toContain(problem);
    }
    for (const body of [
      { ...base, password: PASSWORD, consent: false },
      { ...base, password: PASSWORD, proof: 'twelve' },
      { ...base, password: PASSWORD, email: 'not-an-email' },
    ]) {
      const response = await register(body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const after = await t.database.db
      .selectFrom('tokens')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('refuses self-registration where the organization registers by invitation only', async () => {
    await t.database.db
      .updateTable('organizations')
      .set({ registration_mode: 'invite' })
      .where('id', '=', organizationId)
      .execute();
    try {
      const account = await unregisteredAccount();
      const response = await register({
        organizationId,
        accountNumber: account.number,
        proof: '1',
        email: 'x@example.test',
        password: PASSWORD,
        consent: true,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('REGISTRATION_CLOSED');
    } finally {
      await t.database.db
        .updateTable('organizations')
        .set({ registration_mode: 'both' })
        .where('id', '=', organizationId)
        .execute();
    }
  });

  it('uses "итого к оплате" of the last receipt where the organization asks for it', async () => {
    await t.database.db
      .updateTable('organizations')
      .set({ proof_type: 'last_receipt_total' })
      .where('id', '=', organizationId)
      .execute();
    try {
      const account = await unregisteredAccount();
      const statement = await t.database.db
        .selectFrom('statements')
        .select('closing')
        .where('account_id', '=', account.id)
        .orderBy('period', 'desc')
        .executeTakeFirstOrThrow();
      const email = `receipt-${account.number}@example.test`;
      await register({
        organizationId,
        accountNumber: account.number,
        proof: formatMoney(statement.closing),
        email,
        password: PASSWORD,
        consent: true,
      });
      const token = linkToken((await smtp.waitFor(email, /Подтвердите/)).text, '/confirm');
      expect((await confirm(token)).statusCode).toBe(200);
    } finally {
      await t.database.db
        .updateTable('organizations')
        .set({ proof_type: 'last_payment' })
        .where('id', '=', organizationId)
        .execute();
    }
  });
});
