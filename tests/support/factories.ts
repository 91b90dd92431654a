// Test data builders: the smallest valid rows, with overrides for what a test is about.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';

let sequence = 0;
const next = () => ++sequence;

export async function buildOrganization(
  db: Kysely<DB>,
  overrides: { kind?: 'housing' | 'isp'; short_name?: string } = {},
) {
  const id = randomUUID();
  const n = next();
  await db
    .insertInto('organizations')
    .values({
      id,
      kind: overrides.kind ?? 'housing',
      name: `ООО «Тестовая УК ${n}»`,
      short_name: overrides.short_name ?? `УК ${n}`,
      inn: '7707083893',
      bank_name: 'ПАО СБЕРБАНК',
      bic: '044525225',
      settlement_account: '40702810138250123017',
      correspondent_account: '30101810400000000225',
    })
    .execute();
  return { id };
}

export async function buildUser(db: Kysely<DB>, overrides: { email?: string; password?: string } = {}) {
  const id = randomUUID();
  const email = overrides.email ?? `user-${next()}-${id.slice(0, 6)}@example.test`;
  const password = overrides.password ?? 'correct horse battery staple';
  await db
    .insertInto('users')
    .values({ id, email, email_normalized: email.toLowerCase(), password_hash: await hashPassword(password) })
    .execute();
  return { id, email, password };
}

export async function buildAccount(
  db: Kysely<DB>,
  organizationId: string,
  options: { members?: { userId: string; role?: 'owner' | 'member' | 'viewer' }[]; number?: string } = {},
) {
  const id = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id,
      organization_id: organizationId,
      number: options.number ?? String(next()).padStart(8, '0'),
    })
    .execute();
  for (const member of options.members ?? []) {
    await db
      .insertInto('account_members')
      .values({ account_id: id, user_id: member.userId, role: member.role ?? 'owner' })
      .execute();
  }
  return { id };
}
