// Statements of one period (the totals of a receipt): opening, charged, recalculation, benefit,
// penalties, paid, closing and the due date. The closing balance must add up, as the database's
// own check requires. A file holds one period and replaces it whole for the organization.
import { sql } from 'kysely';
import { periodToDate } from '../../../../shared/period.ts';
import type { BulkColumn } from '../../../db/bulk-insert.ts';
import {
  ACCOUNT_COLUMN,
  accountOf,
  type ImportKindDefinition,
  loadAccountIds,
  PERIOD_COLUMN,
  samePeriod,
} from '../import-kind.ts';
import { deletePeriod, replaceStagedPeriod } from './staged-period.ts';

export interface StatementRow {
  rowNumber: number;
  accountId: string;
  period: string;
  opening: number;
  charged: number;
  recalculation: number;
  benefit: number;
  penalties: number;
  paid: number;
  closing: number;
  dueDate: string;
}

interface Context {
  accounts: Map<string, string>;
  period: string | null;
  seen: Set<string>;
}

/** The statements row's columns, as staged and as inserted. */
const COLUMNS: BulkColumn<StatementRow>[] = [
  { name: 'account_id', type: 'uuid', value: (row) => row.accountId },
  { name: 'period', type: 'date', value: (row) => `${row.period}-01` },
  { name: 'opening', type: 'bigint', value: (row) => row.opening },
  { name: 'charged', type: 'bigint', value: (row) => row.charged },
  { name: 'recalculation', type: 'bigint', value: (row) => row.recalculation },
  { name: 'benefit', type: 'bigint', value: (row) => row.benefit },
  { name: 'penalties', type: 'bigint', value: (row) => row.penalties },
  { name: 'paid', type: 'bigint', value: (row) => row.paid },
  { name: 'closing', type: 'bigint', value: (row) => row.closing },
  { name: 'due_date', type: 'date', value: (row) => row.dueDate },
];

export const statementsKind: ImportKindDefinition<StatementRow, Context> = {
  kind: 'statements',
  columns: [
    ACCOUNT_COLUMN,
    PERIOD_COLUMN,
    { name: 'opening', aliases: ['входящее_сальдо', 'сальдо_на_начало'], required: true },
    { name: 'charged', aliases: ['начислено'], required: true },
    { name: 'recalculation', aliases: ['перерасчет'], required: false },
    { name: 'benefit', aliases: ['льгота'], required: false },
    { name: 'penalties', aliases: ['пени'], required: false },
    { name: 'paid', aliases: ['оплачено'], required: false },
    { name: 'closing', aliases: ['исходящее_сальдо', 'сальдо_на_конец', 'к_оплате'], required: true },
    { name: 'due_date', aliases: ['срок_оплаты', 'оплатить_до'], required: true },
  ],
  async load(db, organizationId) {
    return { accounts: await loadAccountIds(db, organizationId), period: null, seen: new Set() };
  },
  check(reader, context) {
    const accountId = accountOf(reader, context.accounts);
    const period = samePeriod(reader, context);
    const opening = reader.money('opening', { required: true });
    const charged = reader.money('charged', { required: true });
    const recalculation = reader.money('recalculation', { required: false });
    const benefit = reader.money('benefit', { required: false, nonNegative: true });
    const penalties = reader.money('penalties', { required: false, nonNegative: true });
    const paid = reader.money('paid', { required: false, nonNegative: true });
    const closing = reader.money('closing', { required: true });
    const dueDate = reader.date('due_date', { required: true });
    if (
      accountId === undefined ||
      period === undefined ||
      opening == null ||
      charged == null ||
      recalculation == null ||
      benefit == null ||
      penalties == null ||
      paid == null ||
      closing == null ||
      !dueDate
    )
      return undefined;
    const expected = opening + charged + recalculation - benefit + penalties - paid;
    if (closing !== expected) return reader.issue('closing', 'closing_mismatch', { expected });
    if (dueDate <= periodToDate(period)) return reader.issue('due_date', 'due_date_before_period');
    if (context.seen.has(accountId)) return reader.issue('account', 'duplicate_in_file');
    context.seen.add(accountId);
    return {
      rowNumber: reader.row.rowNumber,
      accountId,
      period,
      opening,
      charged,
      recalculation,
      benefit,
      penalties,
      paid,
      closing,
      dueDate,
    };
  },
  staging: {
    table: 'import_staging_statements',
    columns: [{ name: 'row_number', type: 'integer', value: (row) => row.rowNumber }, ...COLUMNS],
  },
  direct: {
    table: 'statements',
    columns: COLUMNS,
    clearPeriod: (trx, organizationId, context) =>
      deletePeriod(trx, 'statements', organizationId, context.period!),
  },
  async apply(trx, context, batch, _rows, progress) {
    return replaceStagedPeriod(trx, batch, progress, {
      period: context.period!,
      table: 'statements',
      insert: (from, to) => sql`insert into statements
          (account_id, period, opening, charged, recalculation, benefit, penalties, paid, closing, due_date)
        select account_id, period, opening, charged, recalculation, benefit, penalties, paid, closing, due_date
        from import_staging_statements
        where import_id = ${batch.id} and row_number >= ${from} and row_number < ${to}`,
      staging: 'import_staging_statements',
    });
  },
};
