// Organization settings of the operator console (issue 7): branding (accent colour, logo), receipt
// options, the support deadline and office hours. The KPP check follows the FNS format, where the
// reason code (characters 5–6) may be capital Latin letters; every KPP stored so far still passes.
import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table organizations
      add column accent_color text check (accent_color ~ '^#[0-9a-f]{6}$'),
      add column logo_file_id uuid references stored_files (id),
      add column receipt_show_qr boolean not null default true,
      add column receipt_note text check (length(receipt_note) between 1 and 500),
      add column support_deadline_days smallint not null default 2
        check (support_deadline_days between 1 and 30),
      add column office_hours text check (length(office_hours) between 1 and 500);

    alter table organizations drop constraint organizations_kpp_check;

    alter table organizations
      add constraint organizations_kpp_check check (kpp ~ '^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table organizations drop constraint organizations_kpp_check;

    alter table organizations add constraint organizations_kpp_check check (kpp ~ '^[0-9]{9}$');

    alter table organizations
      drop column accent_color,
      drop column logo_file_id,
      drop column receipt_show_qr,
      drop column receipt_note,
      drop column support_deadline_days,
      drop column office_hours;
  `,
  );
}
