// Accounts and premises: the account number, the building's address and the flat, area, residents,
// holder, ЕЛС, ИЖКУ, status. An account of the file is created or updated (by number); accounts
// the file does not name are left as they are — closing one is a row with status "closed".
import { sql } from 'kysely';
import { ACCOUNT_COLUMN, type ImportKindDefinition } from '../import-kind.ts';

export interface AccountRow {
  number: string;
  address: string;
  premises: string | null;
  area: string | null;
  residents: number | null;
  holder: string | null;
  els: string | null;
  izhku: string | null;
  status: 'active' | 'closed';
}

interface Context {
  seen: Set<string>;
}

export const accountsKind: ImportKindDefinition<AccountRow, Context> = {
  kind: 'accounts',
  columns: [
    ACCOUNT_COLUMN,
    { name: 'address', aliases: ['адрес', 'адрес_дома'], required: true },
    { name: 'premises', aliases: ['помещение', 'квартира', 'кв'], required: false },
    { name: 'area', aliases: ['площадь'], required: false },
    { name: 'residents', aliases: ['проживает', 'жильцов', 'зарегистрировано'], required: false },
    { name: 'holder', aliases: ['владелец', 'фио', 'абонент'], required: false },
    { name: 'els', aliases: ['елс'], required: false },
    { name: 'izhku', aliases: ['ижку'], required: false },
    { name: 'status', aliases: ['статус'], required: false },
  ],
  async load() {
    return { seen: new Set() };
  },
  check(reader, context) {
    const number = reader.text('account', { required: true, max: 30 });
    const address = reader.text('address', { required: true, max: 500 });
    const premises = reader.text('premises', { required: false, max: 20 });
    const area = reader.decimal('area', { required: false, precision: 8, scale: 2 });
    const residents = reader.integer('residents', { required: false, min: 0, max: 100 });
    const holder = reader.text('holder', { required: false, max: 300 });
    const els = reader.exactLength('els', 10);
    const izhku = reader.exactLength('izhku', 13);
    const status = reader.oneOf('status', ['active', 'closed'] as const, 'active');
    if (area === '0') reader.issue('area', 'decimal_format', { scale: 2 });
    if (
      !number ||
      !address ||
      premises === undefined ||
      area === undefined ||
      residents === undefined ||
      holder === undefined ||
      els === undefined ||
      izhku === undefined ||
      !status ||
      !reader.ok
    )
      return undefined;
    if (context.seen.has(number)) return reader.issue('account', 'duplicate_in_file');
    context.seen.add(number);
    return { number, address, premises, area, residents, holder, els, izhku, status };
  },
  async apply(trx, _context, batch, rows, progress) {
    const organizationId = batch.organizationId;
    // Buildings by address: the ones missing are created.
    const addresses = [...new Set(rows.map((row) => row.address))];
    await sql`insert into buildings (organization_id, address)
      select ${organizationId}::uuid, address from unnest(${addresses}::text[]) as t(address)
      where not exists (select 1 from buildings b where b.organization_id = ${organizationId} and b.address = t.address)`.execute(
      trx,
    );
    // Premises (building, number); an empty area or residents cell keeps what the premises had.
    const withPremises = rows.filter((row) => row.premises !== null);
    await sql`insert into premises (building_id, number, area, residents)
      select b.id, t.number, coalesce(t.area, old.area), coalesce(t.residents, old.residents, 0)
      from unnest(${withPremises.map((row) => row.address)}::text[], ${withPremises.map((row) => row.premises)}::text[],
        ${withPremises.map((row) => row.area)}::numeric[], ${withPremises.map((row) => row.residents)}::smallint[])
        as t(address, number, area, residents)
      join buildings b on b.organization_id = ${organizationId} and b.address = t.address
      left join premises old on old.building_id = b.id and old.number = t.number
      on conflict (building_id, number) do update set area = excluded.area, residents = excluded.residents`.execute(
      trx,
    );
    const result = await sql<{ inserted: boolean }>`insert into accounts
        (organization_id, number, premises_id, holder_name, els, izhku, status)
      select ${organizationId}::uuid, t.number, p.id, t.holder, t.els, t.izhku, t.status
      from unnest(${rows.map((row) => row.number)}::text[], ${rows.map((row) => row.address)}::text[],
        ${rows.map((row) => row.premises)}::text[], ${rows.map((row) => row.holder)}::text[],
        ${rows.map((row) => row.els)}::text[], ${rows.map((row) => row.izhku)}::text[],
        ${rows.map((row) => row.status)}::text[]) as t(number, address, premises, holder, els, izhku, status)
      join buildings b on b.organization_id = ${organizationId} and b.address = t.address
      left join premises p on p.building_id = b.id and p.number = t.premises
      on conflict (organization_id, number) do update
        set premises_id = excluded.premises_id, holder_name = excluded.holder_name, els = excluded.els,
          izhku = excluded.izhku, status = excluded.status
      returning (xmax = 0) as inserted`.execute(trx);
    const created = result.rows.filter((row) => row.inserted).length;
    await progress(result.rows.length);
    return {
      applied: result.rows.length,
      result: { created, updated: result.rows.length - created, buildingsInFile: addresses.length },
    };
  },
};
