// Services and tariffs: the organization's catalogue as the billing has it — a code, a name, the
// unit, how it is charged, and the price from a month on. A service is created or updated by its
// code; a price is one per service and month (a new month adds a tariff, the same month replaces it).
import { sql } from 'kysely';
import type { ImportKindDefinition } from '../import-kind.ts';

export interface ServiceRow {
  code: string;
  name: string;
  unit: string;
  kind: 'metered' | 'area' | 'per_person' | 'fixed';
  okei: string | null;
  price: string | null;
  validFrom: string | null;
}

interface Context {
  seenServices: Map<string, ServiceRow>;
  seenTariffs: Set<string>;
}

const SERVICE_KINDS = ['metered', 'area', 'per_person', 'fixed'] as const;

export const servicesKind: ImportKindDefinition<ServiceRow, Context> = {
  kind: 'services',
  columns: [
    { name: 'code', aliases: ['код', 'код_услуги'], required: true },
    { name: 'name', aliases: ['наименование', 'услуга'], required: true },
    { name: 'unit', aliases: ['ед_изм', 'единица'], required: true },
    { name: 'kind', aliases: ['способ_начисления', 'вид'], required: true },
    { name: 'okei', aliases: ['океи'], required: false },
    { name: 'tariff', aliases: ['тариф', 'цена'], required: false },
    { name: 'valid_from', aliases: ['действует_с', 'с_периода'], required: false },
  ],
  async load() {
    return { seenServices: new Map(), seenTariffs: new Set() };
  },
  check(reader, context) {
    const code = reader.text('code', { required: true, max: 40 });
    if (code && !/^[a-z][a-z0-9_]{0,39}$/.test(code))
      reader.issue('code', 'one_of', { allowed: 'a–z, 0–9, _' });
    const name = reader.text('name', { required: true, max: 200 });
    const unit = reader.text('unit', { required: true, max: 20 });
    const kind = reader.oneOf('kind', SERVICE_KINDS, null);
    const okei = reader.text('okei', { required: false, max: 3 });
    if (okei && !/^\d{3}$/.test(okei)) reader.issue('okei', 'length_exact', { length: 3 });
    const price = reader.decimal('tariff', { required: false, precision: 16, scale: 6 });
    const hasValidFrom = String(reader.raw('valid_from') ?? '').trim() !== '';
    const validFrom = hasValidFrom || price ? reader.period('valid_from') : null;
    if (
      !code ||
      !name ||
      !unit ||
      !kind ||
      okei === undefined ||
      price === undefined ||
      validFrom === undefined
    )
      return undefined;
    if (!reader.ok) return undefined;
    const row: ServiceRow = { code, name, unit, kind, okei, price, validFrom };
    // A service may come on several rows (one per price); its description must agree.
    const earlier = context.seenServices.get(code);
    if (earlier && (earlier.name !== name || earlier.unit !== unit || earlier.kind !== kind))
      return reader.issue('name', 'duplicate_in_file');
    context.seenServices.set(code, row);
    if (validFrom) {
      const key = `${code}|${validFrom}`;
      if (context.seenTariffs.has(key)) return reader.issue('valid_from', 'duplicate_in_file');
      context.seenTariffs.add(key);
    }
    return row;
  },
  async apply(trx, context, batch, rows, progress) {
    const services = [...context.seenServices.values()];
    const upserted = await sql<{
      inserted: boolean;
    }>`insert into services (organization_id, code, name, unit, kind, okei)
      select ${batch.organizationId}::uuid, t.code, t.name, t.unit, t.kind, t.okei
      from unnest(${services.map((row) => row.code)}::text[], ${services.map((row) => row.name)}::text[],
        ${services.map((row) => row.unit)}::text[], ${services.map((row) => row.kind)}::text[],
        ${services.map((row) => row.okei)}::text[]) as t(code, name, unit, kind, okei)
      on conflict (organization_id, code) do update
        set name = excluded.name, unit = excluded.unit, kind = excluded.kind, okei = excluded.okei
      returning (xmax = 0) as inserted`.execute(trx);
    const priced = rows.filter((row) => row.price !== null && row.validFrom !== null);
    const tariffs = await sql`insert into tariffs (service_id, valid_from, price)
      select s.id, t.valid_from, t.price
      from unnest(${priced.map((row) => row.code)}::text[], ${priced.map((row) => `${row.validFrom}-01`)}::date[],
        ${priced.map((row) => row.price)}::numeric[]) as t(code, valid_from, price)
      join services s on s.organization_id = ${batch.organizationId} and s.code = t.code
      on conflict (service_id, valid_from) do update set price = excluded.price`.execute(trx);
    const created = upserted.rows.filter((row) => row.inserted).length;
    await progress(rows.length);
    return {
      applied: rows.length,
      result: {
        created,
        updated: upserted.rows.length - created,
        tariffs: Number(tariffs.numAffectedRows ?? 0),
      },
    };
  },
};
