// Charges of one period (the lines of a receipt): account, service, volume, tariff, amount,
// recalculation, benefit, total. A file holds one period and replaces it whole for the organization.
import { sql } from 'kysely';
import type { BulkColumn } from '../../../db/bulk-insert.ts';
import {
  ACCOUNT_COLUMN,
  accountOf,
  type ImportKindDefinition,
  loadAccountIds,
  loadServiceIds,
  PERIOD_COLUMN,
  samePeriod,
} from '../import-kind.ts';
import { deletePeriod, replaceStagedPeriod } from './staged-period.ts';

export interface ChargeRow {
  rowNumber: number;
  accountId: string;
  period: string;
  serviceId: string;
  volume: string | null;
  tariff: string;
  amount: number;
  recalculation: number;
  benefit: number;
  total: number;
}

interface Context {
  accounts: Map<string, string>;
  services: Map<string, string>;
  period: string | null;
  seen: Set<string>;
}

/** The charges row's columns, as staged and as inserted. */
const COLUMNS: BulkColumn<ChargeRow>[] = [
  { name: 'account_id', type: 'uuid', value: (row) => row.accountId },
  { name: 'period', type: 'date', value: (row) => `${row.period}-01` },
  { name: 'service_id', type: 'uuid', value: (row) => row.serviceId },
  { name: 'volume', type: 'numeric', value: (row) => row.volume },
  { name: 'tariff', type: 'numeric', value: (row) => row.tariff },
  { name: 'amount', type: 'bigint', value: (row) => row.amount },
  { name: 'recalculation', type: 'bigint', value: (row) => row.recalculation },
  { name: 'benefit', type: 'bigint', value: (row) => row.benefit },
  { name: 'total', type: 'bigint', value: (row) => row.total },
];

export const chargesKind: ImportKindDefinition<ChargeRow, Context> = {
  kind: 'charges',
  columns: [
    ACCOUNT_COLUMN,
    PERIOD_COLUMN,
    { name: 'service', aliases: ['услуга', 'код_услуги', 'service_code'], required: true },
    { name: 'volume', aliases: ['объем', 'количество'], required: false },
    { name: 'tariff', aliases: ['тариф'], required: false },
    { name: 'amount', aliases: ['начислено', 'сумма'], required: true },
    { name: 'recalculation', aliases: ['перерасчет'], required: false },
    { name: 'benefit', aliases: ['льгота'], required: false },
    { name: 'total', aliases: ['итого', 'к_оплате'], required: false },
  ],
  async load(db, organizationId) {
    const [accounts, services] = await Promise.all([
      loadAccountIds(db, organizationId),
      loadServiceIds(db, organizationId),
    ]);
    return { accounts, services, period: null, seen: new Set() };
  },
  check(reader, context) {
    const accountId = accountOf(reader, context.accounts);
    const period = samePeriod(reader, context);
    const code = reader.text('service', { required: true, max: 40 });
    const serviceId = code
      ? (context.services.get(code) ?? reader.issue('service', 'unknown_service'))
      : undefined;
    const volume = reader.decimal('volume', { required: false, precision: 14, scale: 4 });
    const tariff = reader.decimal('tariff', { required: false, precision: 16, scale: 6 });
    const amount = reader.money('amount', { required: true });
    const recalculation = reader.money('recalculation', { required: false });
    const benefit = reader.money('benefit', { required: false, nonNegative: true });
    const total = reader.money('total', { required: false });
    if (
      accountId === undefined ||
      period === undefined ||
      serviceId === undefined ||
      volume === undefined ||
      tariff === undefined ||
      amount == null ||
      recalculation == null ||
      benefit == null ||
      total === undefined
    )
      return undefined;
    const expected = amount + recalculation - benefit;
    if (reader.raw('total') !== null && String(reader.raw('total')).trim() !== '' && total !== expected) {
      reader.issue('total', 'total_mismatch', { expected });
      return undefined;
    }
    const key = `${accountId}|${serviceId}`;
    if (context.seen.has(key)) {
      reader.issue('service', 'duplicate_in_file');
      return undefined;
    }
    context.seen.add(key);
    return {
      rowNumber: reader.row.rowNumber,
      accountId,
      period,
      serviceId,
      volume,
      tariff: tariff ?? '0',
      amount,
      recalculation,
      benefit,
      total: expected,
    };
  },
  staging: {
    table: 'import_staging_charges',
    columns: [{ name: 'row_number', type: 'integer', value: (row) => row.rowNumber }, ...COLUMNS],
  },
  direct: {
    table: 'charges',
    columns: COLUMNS,
    clearPeriod: (trx, organizationId, context) =>
      deletePeriod(trx, 'charges', organizationId, context.period!),
  },
  async apply(trx, context, batch, _rows, progress) {
    return replaceStagedPeriod(trx, batch, progress, {
      period: context.period!,
      table: 'charges',
      insert: (from, to) => sql`insert into charges
          (account_id, period, service_id, volume, tariff, amount, recalculation, benefit, total)
        select account_id, period, service_id, volume, tariff, amount, recalculation, benefit, total
        from import_staging_charges
        where import_id = ${batch.id} and row_number >= ${from} and row_number < ${to}`,
      staging: 'import_staging_charges',
    });
  },
};
