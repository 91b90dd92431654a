// An organization's own «Правила оплаты» (issue 6, item 5), one text per language. No row for a
// language means the portal's default rules are shown. The text is plain text (blank lines between
// paragraphs, "- " list items), never HTML: the web app renders it as text.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table payment_rules (
      organization_id uuid not null references organizations (id),
      locale text not null check (locale in ('ru', 'en')),
      body text not null check (length(body) between 1 and 20000),
      updated_by uuid references users (id),
      updated_at timestamptz not null default now(),
      primary key (organization_id, locale)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'drop table payment_rules;');
}
