// Writes the demo (or bench) data set: organizations, services and tariffs, then accounts in chunks
// with their premises, users, charges, statements, payments, meters and readings. The run is marked
// complete in instance_settings only at the end, so an interrupted seed is redone at the next start.
import { hash } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import { bulkInsert } from '../db/bulk-insert.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { PASSWORD_HASH_OPTIONS } from '../modules/auth/password.ts';
import {
  DEMO_OPERATOR,
  DEMO_OPERATOR_TOTP_SECRET,
  DEMO_PLATFORM_ADMIN,
  DEMO_PLATFORM_ADMIN_TOTP_SECRET,
  DEMO_SUBSCRIBER,
  GENERATED_USER_PASSWORD,
  HOUSING_SERVICES,
  ISP_SERVICES,
  ORGANIZATIONS,
} from './catalog.ts';
import {
  buildingAddress,
  buildingCount,
  DEMO_SUBSCRIBER_ACCOUNT_INDEXES,
  type DemoAccount,
  type DemoOptions,
  demoPeriods,
  generateAccount,
  type OrganizationKey,
  tariffRows,
} from './generate.ts';
import { Random } from './random.ts';

const SEED_MARKER = 'demo_seed';

export interface SeedMarker {
  accounts: number;
  seed: number;
  asOf: string;
  completedAt: string;
}

const SEED_STARTED_MARKER = 'demo_seed_started';

/** Written before a demo seed begins, so an interrupted seed can be told from real data. */
export async function markSeedStarted(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('instance_settings')
    .values({ key: SEED_STARTED_MARKER, value: JSON.stringify({ startedAt: new Date().toISOString() }) })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
}

export async function seedWasStarted(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('instance_settings')
    .select('key')
    .where('key', '=', SEED_STARTED_MARKER)
    .executeTakeFirst();
  return Boolean(row);
}

export async function readSeedMarker(db: Kysely<DB>): Promise<SeedMarker | null> {
  const row = await db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', SEED_MARKER)
    .executeTakeFirst();
  return (row?.value as SeedMarker | undefined) ?? null;
}

const TABLES_IN_DELETE_ORDER = [
  'import_staging_charges',
  'import_staging_statements',
  'import_file_chunks',
  'import_batches',
  'api_keys',
  'sandbox_bank_refunds',
  'refund_requests',
  'payment_reconciliations',
  'payment_rules',
  'payment_gateway_settings',
  'card_payment_events',
  'sandbox_bank_payments',
  'recovery_codes',
  'receipt_deliveries',
  'mail_attachments',
  'receipt_documents',
  'stored_files',
  'mail_messages',
  'registration_failures',
  'consents',
  'tokens',
  'audit_events',
  'readings',
  'reading_submissions',
  'reading_exports',
  'reminders_sent',
  'meters',
  'payments',
  'card_payments',
  'statements',
  'charges',
  'tariffs',
  'services',
  'sessions',
  'auth_failures',
  'platform_admins',
  'staff',
  'account_members',
  'users',
  'accounts',
  'premises',
  'buildings',
  'organizations',
  'instance_settings',
];

/**
 * The demo's platform admin, with the documented two-factor secret. Idempotent, so a demo seeded
 * before platform admins existed gets one at its next start too.
 */
export async function seedDemoPlatformAdmin(db: Kysely<DB>, asOf: Date): Promise<void> {
  await db
    .insertInto('users')
    .values({
      email: DEMO_PLATFORM_ADMIN.email,
      email_normalized: DEMO_PLATFORM_ADMIN.email,
      password_hash: await hash(DEMO_PLATFORM_ADMIN.password, PASSWORD_HASH_OPTIONS),
      name: 'Администратор платформы',
      email_verified_at: asOf,
      totp_secret: DEMO_PLATFORM_ADMIN_TOTP_SECRET,
      totp_enabled_at: asOf,
    })
    .onConflict((conflict) => conflict.column('email_normalized').doNothing())
    .execute();
  await db
    .insertInto('platform_admins')
    .columns(['user_id'])
    .expression((eb) =>
      eb.selectFrom('users').select('id').where('email_normalized', '=', DEMO_PLATFORM_ADMIN.email),
    )
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .execute();
}

export async function clearAllData(database: Database): Promise<void> {
  await database.execScript(`truncate ${TABLES_IN_DELETE_ORDER.join(', ')}`);
}

export async function seedDemo(
  database: Database,
  options: DemoOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const db = database.db;
  const untyped = db as unknown as Kysely<unknown>;
  const random = new Random(options.seed);
  const periods = demoPeriods(options.asOf);
  const chunkRows = database.kind === 'postgres' ? 20_000 : 5_000;

  const organizationIds: Record<OrganizationKey, string> = { housing: random.uuid(), isp: random.uuid() };
  await db
    .insertInto('organizations')
    .values([
      { id: organizationIds.housing, ...ORGANIZATIONS.housing },
      { id: organizationIds.isp, ...ORGANIZATIONS.isp },
    ])
    .execute();

  const serviceIds = new Map<string, string>();
  const serviceRows = (['housing', 'isp'] as const).flatMap((organization) =>
    (organization === 'housing' ? HOUSING_SERVICES : ISP_SERVICES).map((service, order) => {
      const id = random.uuid();
      serviceIds.set(service.code, id);
      const { price: _price, ...fields } = service;
      return { id, organization_id: organizationIds[organization], sort_order: order, ...fields };
    }),
  );
  await db.insertInto('services').values(serviceRows).execute();
  await db
    .insertInto('tariffs')
    .values(
      tariffRows([...HOUSING_SERVICES, ...ISP_SERVICES], periods).map((row) => ({
        service_id: serviceIds.get(row.serviceCode)!,
        valid_from: row.validFrom,
        price: row.price,
      })),
    )
    .execute();

  const buildingIds: Record<OrganizationKey, string[]> = { housing: [], isp: [] };
  const buildingRows = (['housing', 'isp'] as const).flatMap((organization) =>
    Array.from({ length: buildingCount(options.accounts, organization) }, (_, index) => {
      const id = random.uuid();
      buildingIds[organization].push(id);
      return {
        id,
        organization_id: organizationIds[organization],
        address: buildingAddress(organization, index),
      };
    }),
  );
  await bulkInsert(
    untyped,
    'buildings',
    [
      { name: 'id', type: 'uuid', value: (row) => row.id },
      { name: 'organization_id', type: 'uuid', value: (row) => row.organization_id },
      { name: 'address', type: 'text', value: (row) => row.address },
    ],
    buildingRows,
    chunkRows,
  );

  const [demoHash, operatorHash, generatedHash] = await Promise.all([
    hash(DEMO_SUBSCRIBER.password, PASSWORD_HASH_OPTIONS),
    hash(DEMO_OPERATOR.password, PASSWORD_HASH_OPTIONS),
    hash(GENERATED_USER_PASSWORD, PASSWORD_HASH_OPTIONS),
  ]);
  const demoUserId = random.uuid();
  const operatorUserId = random.uuid();
  await db
    .insertInto('users')
    .values([
      {
        id: demoUserId,
        email: DEMO_SUBSCRIBER.email,
        email_normalized: DEMO_SUBSCRIBER.email,
        password_hash: demoHash,
        name: 'Анна Демидова',
        email_verified_at: options.asOf,
      },
      {
        id: operatorUserId,
        email: DEMO_OPERATOR.email,
        email_normalized: DEMO_OPERATOR.email,
        password_hash: operatorHash,
        name: 'Оператор УК',
        email_verified_at: options.asOf,
        // Staff need two-factor; the demo operator's secret is public (README) so the demo works at once.
        totp_secret: DEMO_OPERATOR_TOTP_SECRET,
        totp_enabled_at: options.asOf,
      },
    ])
    .execute();
  await db
    .insertInto('staff')
    .values({ user_id: operatorUserId, organization_id: organizationIds.housing, role: 'operator' })
    .execute();
  await seedDemoPlatformAdmin(db, options.asOf);

  // PostgreSQL loads several chunks at once (one connection each); PGlite is one session anyway.
  const parallel = database.kind === 'postgres' ? 3 : 1;
  const accountsPerChunk = Math.max(50, Math.floor(chunkRows / 60));
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  for (let start = 0; start < options.accounts; start += accountsPerChunk) {
    const end = Math.min(options.accounts, start + accountsPerChunk);
    const accounts: DemoAccount[] = [];
    for (let index = start; index < end; index++) accounts.push(generateAccount(options, index));
    const task = writeAccounts(untyped, accounts, {
      organizationIds,
      buildingIds,
      serviceIds,
      demoUserId,
      generatedHash,
      asOf: options.asOf,
      chunkRows,
    }).then(() => {
      inFlight.delete(task);
      written += accounts.length;
      onProgress(written, options.accounts);
    });
    inFlight.add(task);
    if (inFlight.size >= parallel) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  const marker: SeedMarker = {
    accounts: options.accounts,
    seed: options.seed,
    asOf: options.asOf.toISOString(),
    completedAt: new Date().toISOString(),
  };
  await db
    .insertInto('instance_settings')
    .values({ key: SEED_MARKER, value: JSON.stringify(marker) })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(marker) }))
    .execute();
  await sql`analyze`.execute(db);
}

interface WriteContext {
  organizationIds: Record<OrganizationKey, string>;
  buildingIds: Record<OrganizationKey, string[]>;
  serviceIds: Map<string, string>;
  demoUserId: string;
  generatedHash: string;
  asOf: Date;
  chunkRows: number;
}

async function writeAccounts(
  db: Kysely<unknown>,
  accounts: DemoAccount[],
  context: WriteContext,
): Promise<void> {
  const { chunkRows } = context;
  await bulkInsert(
    db,
    'premises',
    [
      { name: 'id', type: 'uuid', value: (a: DemoAccount) => a.premises.id },
      {
        name: 'building_id',
        type: 'uuid',
        value: (a: DemoAccount) => context.buildingIds[a.organization][a.buildingIndex],
      },
      { name: 'number', type: 'text', value: (a: DemoAccount) => a.premises.number },
      { name: 'area', type: 'numeric', value: (a: DemoAccount) => a.premises.area },
      { name: 'residents', type: 'smallint', value: (a: DemoAccount) => a.premises.residents },
    ],
    accounts,
    chunkRows,
  );
  await bulkInsert(
    db,
    'accounts',
    [
      { name: 'id', type: 'uuid', value: (a: DemoAccount) => a.id },
      {
        name: 'organization_id',
        type: 'uuid',
        value: (a: DemoAccount) => context.organizationIds[a.organization],
      },
      { name: 'number', type: 'text', value: (a: DemoAccount) => a.number },
      { name: 'premises_id', type: 'uuid', value: (a: DemoAccount) => a.premises.id },
      { name: 'holder_name', type: 'text', value: (a: DemoAccount) => a.holderName },
    ],
    accounts,
    chunkRows,
  );

  const users = accounts.flatMap((a) => (a.user ? [{ ...a.user, accountId: a.id }] : []));
  await bulkInsert(
    db,
    'users',
    [
      { name: 'id', type: 'uuid', value: (u: (typeof users)[number]) => u.id },
      { name: 'email', type: 'text', value: (u: (typeof users)[number]) => u.email },
      { name: 'email_normalized', type: 'text', value: (u: (typeof users)[number]) => u.email },
      { name: 'password_hash', type: 'text', value: () => context.generatedHash },
      { name: 'name', type: 'text', value: (u: (typeof users)[number]) => u.name },
      { name: 'email_verified_at', type: 'timestamptz', value: () => context.asOf.toISOString() },
    ],
    users,
    chunkRows,
  );
  const members = [
    ...users.map((u) => ({ accountId: u.accountId, userId: u.id })),
    ...accounts
      .filter((a) => DEMO_SUBSCRIBER_ACCOUNT_INDEXES.includes(a.index))
      .map((a) => ({ accountId: a.id, userId: context.demoUserId })),
  ];
  await bulkInsert(
    db,
    'account_members',
    [
      { name: 'account_id', type: 'uuid', value: (m: (typeof members)[number]) => m.accountId },
      { name: 'user_id', type: 'uuid', value: (m: (typeof members)[number]) => m.userId },
      { name: 'role', type: 'text', value: () => 'owner' },
    ],
    members,
    chunkRows,
  );

  const charges = accounts.flatMap((a) => a.charges.map((c) => ({ ...c, accountId: a.id })));
  type Charge = (typeof charges)[number];
  await bulkInsert(
    db,
    'charges',
    [
      { name: 'account_id', type: 'uuid', value: (c: Charge) => c.accountId },
      { name: 'period', type: 'date', value: (c: Charge) => `${c.period}-01` },
      { name: 'service_id', type: 'uuid', value: (c: Charge) => context.serviceIds.get(c.serviceCode) },
      { name: 'volume', type: 'numeric', value: (c: Charge) => c.volume },
      { name: 'tariff', type: 'numeric', value: (c: Charge) => c.tariff },
      { name: 'amount', type: 'bigint', value: (c: Charge) => c.amount },
      { name: 'recalculation', type: 'bigint', value: (c: Charge) => c.recalculation },
      { name: 'benefit', type: 'bigint', value: (c: Charge) => c.benefit },
      { name: 'total', type: 'bigint', value: (c: Charge) => c.total },
    ],
    charges,
    chunkRows,
  );

  const statements = accounts.flatMap((a) => a.statements.map((s) => ({ ...s, accountId: a.id })));
  type StatementRow = (typeof statements)[number];
  const money = (name: keyof StatementRow & string) => ({
    name,
    type: 'bigint',
    value: (s: StatementRow) => s[name],
  });
  await bulkInsert(
    db,
    'statements',
    [
      { name: 'account_id', type: 'uuid', value: (s: StatementRow) => s.accountId },
      { name: 'period', type: 'date', value: (s: StatementRow) => `${s.period}-01` },
      money('opening'),
      money('charged'),
      money('recalculation'),
      money('benefit'),
      money('penalties'),
      money('paid'),
      money('closing'),
      { name: 'due_date', type: 'date', value: (s: StatementRow) => s.dueDate },
    ],
    statements,
    chunkRows,
  );

  const payments = accounts.flatMap((a) => a.payments.map((p) => ({ ...p, accountId: a.id })));
  type PaymentRow = (typeof payments)[number];
  await bulkInsert(
    db,
    'payments',
    [
      { name: 'id', type: 'uuid', value: (p: PaymentRow) => p.id },
      { name: 'account_id', type: 'uuid', value: (p: PaymentRow) => p.accountId },
      { name: 'amount', type: 'bigint', value: (p: PaymentRow) => p.amount },
      { name: 'source', type: 'text', value: (p: PaymentRow) => p.source },
      { name: 'status', type: 'text', value: () => 'credited' },
      { name: 'external_id', type: 'text', value: (p: PaymentRow) => `demo-${p.id.slice(0, 8)}` },
      { name: 'paid_at', type: 'timestamptz', value: (p: PaymentRow) => p.paidAt.toISOString() },
      { name: 'credited_at', type: 'timestamptz', value: (p: PaymentRow) => p.paidAt.toISOString() },
    ],
    payments,
    chunkRows,
  );

  const meters = accounts.flatMap((a) => a.meters.map((m) => ({ ...m, accountId: a.id })));
  type MeterRow = (typeof meters)[number];
  await bulkInsert(
    db,
    'meters',
    [
      { name: 'id', type: 'uuid', value: (m: MeterRow) => m.id },
      { name: 'account_id', type: 'uuid', value: (m: MeterRow) => m.accountId },
      { name: 'resource', type: 'text', value: (m: MeterRow) => m.resource },
      { name: 'serial_number', type: 'text', value: (m: MeterRow) => m.serialNumber },
      { name: 'registers', type: 'smallint', value: (m: MeterRow) => m.registers },
      {
        name: 'register_names',
        type: 'text',
        cast: 'value::text[]',
        value: (m: MeterRow) => (m.registerNames ? `{${m.registerNames.join(',')}}` : null),
      },
      { name: 'digits', type: 'smallint', value: (m: MeterRow) => m.digits },
      { name: 'installed_at', type: 'date', value: (m: MeterRow) => m.installedAt },
      { name: 'verified_until', type: 'date', value: (m: MeterRow) => m.verifiedUntil },
    ],
    meters,
    chunkRows,
  );
  // One submission per meter and period, included in that period's charges; a value per register.
  const submissions = meters.flatMap((m) => {
    const byPeriod = new Map<
      string,
      { id: string; meterId: string; period: string; submittedAt: Date; source: string }
    >();
    for (const r of m.readings)
      if (!byPeriod.has(r.period))
        byPeriod.set(r.period, {
          id: r.submissionId,
          meterId: m.id,
          period: r.period,
          submittedAt: r.submittedAt,
          source: r.source,
        });
    return [...byPeriod.values()];
  });
  type SubmissionRow = (typeof submissions)[number];
  await bulkInsert(
    db,
    'reading_submissions',
    [
      { name: 'id', type: 'uuid', value: (r: SubmissionRow) => r.id },
      { name: 'meter_id', type: 'uuid', value: (r: SubmissionRow) => r.meterId },
      { name: 'period', type: 'date', value: (r: SubmissionRow) => `${r.period}-01` },
      { name: 'source', type: 'text', value: (r: SubmissionRow) => r.source },
      { name: 'status', type: 'text', value: () => 'included' },
      { name: 'included_in', type: 'date', value: (r: SubmissionRow) => `${r.period}-01` },
      { name: 'submitted_at', type: 'timestamptz', value: (r: SubmissionRow) => r.submittedAt.toISOString() },
    ],
    submissions,
    chunkRows,
  );
  const readings = meters.flatMap((m) => m.readings);
  type ReadingRow = (typeof readings)[number];
  await bulkInsert(
    db,
    'readings',
    [
      { name: 'submission_id', type: 'uuid', value: (r: ReadingRow) => r.submissionId },
      { name: 'register', type: 'smallint', value: (r: ReadingRow) => r.register },
      { name: 'value', type: 'numeric', value: (r: ReadingRow) => r.value },
    ],
    readings,
    chunkRows,
  );
}
