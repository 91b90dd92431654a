// Payments that reached the organization by other channels — the bank, its cash office, ГИС ЖКХ —
// and the card payments its billing saw, each with the billing's own id. A card payment Abonent
// already credited is matched, never added twice; a payment that looks like one already on the
// account (same amount within a day, another id) is added and flagged for the operator to look at.
import { sql } from 'kysely';
import type { PaymentSource } from '../../../db/schema.ts';
import { matchBillingPaymentIn } from '../../payments/billing-match.service.ts';
import { ACCOUNT_COLUMN, accountOf, type ImportKindDefinition, loadAccountIds } from '../import-kind.ts';
import type { RowReader } from '../import-row.ts';
import { parseDateText } from '../import-row.ts';

export interface PaymentRow {
  rowNumber: number;
  accountId: string;
  amount: number;
  /** `YYYY-MM-DD HH:MM:SS` in the organization's time zone, or an ISO instant with its offset. */
  paidAt: string;
  absolute: boolean;
  channel: PaymentSource;
  externalId: string;
  reference: string | null;
}

interface Context {
  accounts: Map<string, string>;
  seen: Set<string>;
}

const CHANNELS = ['bank', 'cash_office', 'gis_zhkh', 'card'] as const;
const CHANNEL_ALIASES: Record<string, PaymentSource> = {
  банк: 'bank',
  касса: 'cash_office',
  гис_жкх: 'gis_zhkh',
  'гис жкх': 'gis_zhkh',
  карта: 'card',
};

function paidAtOf(reader: RowReader): { paidAt: string; absolute: boolean } | undefined {
  const text = reader.text('paid_at', { required: true, max: 40 });
  if (!text) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (iso && !Number.isNaN(Date.parse(text))) return { paidAt: new Date(text).toISOString(), absolute: true };
  const match = /^(\S+)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const day = match ? parseDateText(match[1]!) : undefined;
  const [hours, minutes, seconds] = [
    Number(match?.[2] ?? 0),
    Number(match?.[3] ?? 0),
    Number(match?.[4] ?? 0),
  ];
  if (!day || hours > 23 || minutes > 59 || seconds > 59) {
    reader.issue('paid_at', 'date_format');
    return undefined;
  }
  const time = [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
  return { paidAt: `${day} ${time}`, absolute: false };
}

export const paymentsKind: ImportKindDefinition<PaymentRow, Context> = {
  kind: 'payments',
  columns: [
    ACCOUNT_COLUMN,
    { name: 'amount', aliases: ['сумма'], required: true },
    { name: 'paid_at', aliases: ['дата_оплаты', 'дата'], required: true },
    { name: 'channel', aliases: ['канал', 'источник'], required: true },
    { name: 'external_id', aliases: ['id_платежа', 'номер_платежа'], required: true },
    { name: 'reference', aliases: ['номер_заказа', 'order_id'], required: false },
  ],
  async load(db, organizationId) {
    return { accounts: await loadAccountIds(db, organizationId), seen: new Set() };
  },
  check(reader, context) {
    const accountId = accountOf(reader, context.accounts);
    const amount = reader.money('amount', { required: true, nonNegative: true });
    if (amount === 0) reader.issue('amount', 'money_negative');
    const paid = paidAtOf(reader);
    const rawChannel = String(reader.raw('channel') ?? '')
      .trim()
      .toLowerCase();
    const channel = CHANNEL_ALIASES[rawChannel] ?? reader.oneOf('channel', CHANNELS, null);
    const externalId = reader.text('external_id', { required: true, max: 100 });
    const reference = reader.text('reference', { required: channel === 'card', max: 100 });
    if (!accountId || !amount || !paid || !channel || !externalId || reference === undefined || !reader.ok)
      return undefined;
    const key = `${accountId}|${channel}|${externalId}`;
    if (context.seen.has(key)) return reader.issue('external_id', 'duplicate_in_file');
    context.seen.add(key);
    return { rowNumber: reader.row.rowNumber, accountId, amount, ...paid, channel, externalId, reference };
  },
  async apply(trx, _context, batch, rows, progress) {
    const flagged: { row: number; reason: string; cardPaymentId?: string }[] = [];
    const toAdd: PaymentRow[] = [];
    let matched = 0;
    for (const row of rows) {
      if (row.channel !== 'card' || !row.reference) {
        toAdd.push(row);
        continue;
      }
      const match = await matchBillingPaymentIn(trx, batch.organizationId, {
        reference: row.reference,
        amount: row.amount,
        externalId: row.externalId,
      });
      if (match.kind === 'matched') matched++;
      else if (match.kind === 'mismatch')
        flagged.push({
          row: row.rowNumber,
          reason: `card_${match.reason}`,
          cardPaymentId: match.cardPaymentId,
        });
      else toAdd.push(row);
    }
    const columns = sql`unnest(${toAdd.map((row) => row.rowNumber)}::integer[], ${toAdd.map((row) => row.accountId)}::uuid[],
        ${toAdd.map((row) => row.amount)}::bigint[], ${toAdd.map((row) => row.paidAt)}::text[],
        ${toAdd.map((row) => row.absolute)}::boolean[], ${toAdd.map((row) => row.channel)}::text[],
        ${toAdd.map((row) => row.externalId)}::text[])
        as t(row_number, account_id, amount, paid_at, absolute, source, external_id)
      join accounts a on a.id = t.account_id
      join organizations o on o.id = a.organization_id`;
    const paidAt = sql`case when t.absolute then t.paid_at::timestamptz else t.paid_at::timestamp at time zone o.timezone end`;
    // Probably the same money twice: one already on the account, same amount, within a day, another id.
    const lookalikes = await sql<{ row_number: number }>`select t.row_number from ${columns}
      where exists (select 1 from payments p where p.account_id = t.account_id and p.amount = t.amount
        and p.status = 'credited' and abs(extract(epoch from p.paid_at - ${paidAt})) <= 86400
        and (p.external_id is distinct from t.external_id or p.source <> t.source))`.execute(trx);
    for (const { row_number } of lookalikes.rows)
      flagged.push({ row: row_number, reason: 'probable_duplicate' });
    const inserted =
      await sql`insert into payments (account_id, amount, source, status, external_id, paid_at, credited_at)
      select t.account_id, t.amount, t.source, 'credited', t.external_id, ${paidAt}, now() from ${columns}
      on conflict (account_id, source, external_id) where external_id is not null do nothing`.execute(trx);
    const added = Number(inserted.numAffectedRows ?? 0);
    await progress(rows.length);
    flagged.sort((a, b) => a.row - b.row);
    return {
      applied: added + matched,
      result: { added, matchedCard: matched, alreadyImported: toAdd.length - added, flagged },
    };
  },
};
