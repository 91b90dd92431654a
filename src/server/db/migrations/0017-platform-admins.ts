// Platform admins (issue 7): people who run the instance itself — create organizations, invite
// their first staff, watch health and the job queue. Above organizations, so not a staff role.
// Staff invitations get their own token kind: accepting one adds a staff row, not an account member.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table platform_admins (
      user_id uuid primary key references users (id),
      created_at timestamptz not null default now()
    );
    alter table tokens drop constraint tokens_kind_check;
    alter table tokens add constraint tokens_kind_check
      check (kind in ('registration', 'password_reset', 'invitation', 'email_change', 'staff_invitation'));
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    delete from tokens where kind = 'staff_invitation';
    alter table tokens drop constraint tokens_kind_check;
    alter table tokens add constraint tokens_kind_check
      check (kind in ('registration', 'password_reset', 'invitation', 'email_change'));
    drop table platform_admins;
  `,
  );
}
