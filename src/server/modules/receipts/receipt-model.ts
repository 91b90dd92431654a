// The receipt (ЕПД) of one (account, period) as data, built from the statement, charges, readings
// and the organization's bank details (DOMAIN.md "Charges and the payment document"). Pure: the
// JSON, the HTML page and the PDF all print exactly this, so their totals cannot disagree.
import { createHash } from 'node:crypto';
import type { Receipt, ReceiptLine, ReceiptMeter } from '../../../shared/api/receipts.ts';
import { encodePaymentQr } from '../../../shared/payment-qr.ts';
import { addMonths, daysInMonth, type Period } from '../../../shared/period.ts';
import { METER_UNITS, registerNames } from '../readings/reading-rules.ts';
import type { ReceiptSource } from './receipts.repository.ts';

/**
 * Part of every data version: raise it when the PDF's layout changes, so stored PDFs are drawn
 * again instead of served in the old layout.
 */
export const RECEIPT_LAYOUT = 1;

const REGISTER_LABELS: Record<string, string> = {
  day: 'день',
  night: 'ночь',
  peak: 'пик',
  semi_peak: 'полупик',
};

/** Kopecks as rubles with a decimal point and no grouping: 14843 → "148.43", −5 → "-0.05". */
export function rublesText(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

function formulaOf(line: ReceiptSource['lines'][number]): string {
  const recalculation = `${line.recalculation < 0 ? '−' : '+'} ${rublesText(Math.abs(line.recalculation))}`;
  const total = `${rublesText(line.charged)} ${recalculation} − ${rublesText(line.benefit)} = ${rublesText(line.total)}`;
  return line.volume === null
    ? total
    : `${line.volume} × ${line.tariff} = ${rublesText(line.charged)}; ${total}`;
}

/** The last day of a month as YYYY-MM-DD. */
function lastDay(period: Period): string {
  return `${period}-${String(daysInMonth(period)).padStart(2, '0')}`;
}

/**
 * ISP: the last day the money covers the monthly services. An advance of k whole months reaches k
 * months past the period; a debt of up to k months means service was paid only until k months before
 * its end.
 */
export function paidUntil(period: Period, closing: number, monthly: number): string | null {
  if (monthly <= 0) return null;
  const months = closing <= 0 ? Math.floor(-closing / monthly) : -Math.ceil(closing / monthly);
  return lastDay(addMonths(period, months));
}

function metersOf(source: ReceiptSource): ReceiptMeter[] {
  return source.meters.flatMap((meter) =>
    registerNames(meter).map((name, index): ReceiptMeter => {
      const register = index + 1;
      const valueIn = (submission: ReceiptSource['meters'][number]['current']) =>
        submission?.values.find((entry) => entry.register === register)?.value ?? null;
      const previous = valueIn(meter.previous);
      const current = valueIn(meter.current);
      return {
        meterId: meter.id,
        resource: meter.resource,
        serialNumber: meter.serialNumber,
        register,
        registerName: name ? (REGISTER_LABELS[name] ?? null) : null,
        unit: METER_UNITS[meter.resource],
        previous: previous === null ? null : { period: meter.previous!.period, value: previous },
        current:
          current === null
            ? null
            : {
                period: meter.current!.period,
                value: current,
                estimated: meter.current!.source === 'estimated',
              },
      };
    }),
  );
}

/**
 * A value for the QR code: its separator and line breaks become spaces. Addresses and names come
 * from billing imports; one odd character must not take a person's receipt down.
 */
function qrText(value: string): string {
  return value
    .replace(/[|\r\n]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function buildReceipt(source: ReceiptSource): Receipt {
  const { organization, account, statement } = source;
  const period = statement.period;
  const amountDue = Math.max(0, statement.closing);
  const [year, month] = period.split('-');
  const lines: ReceiptLine[] = source.lines.map((line) => ({ ...line, formula: formulaOf(line) }));
  const qrPayload = encodePaymentQr({
    Name: qrText(organization.name.length <= 160 ? organization.name : organization.shortName),
    PersonalAcc: organization.settlementAccount,
    BankName: qrText(organization.bankName),
    BIC: organization.bic,
    CorrespAcc: organization.correspondentAccount,
    ...(organization.kpp ? { KPP: organization.kpp } : {}),
    PayeeINN: organization.inn,
    Purpose: qrText(
      `${organization.kind === 'housing' ? 'Оплата ЖКУ' : 'Оплата услуг связи'} за ${month}.${year}, л/с ${account.number}`,
    ),
    ...(amountDue > 0 ? { Sum: amountDue } : {}),
    PersAcc: qrText(account.number),
    PaymPeriod: `${month}${year}`,
    ...(account.address && qrText(account.address)
      ? { PayerAddress: qrText(account.address).slice(0, 210) }
      : {}),
    TechCode: organization.kind === 'housing' ? '02' : '09',
  });
  const receipt: Omit<Receipt, 'dataVersion'> = {
    accountId: account.id,
    kind: organization.kind,
    period,
    payer: {
      accountNumber: account.number,
      holderName: account.holderName,
      address: account.address,
      area: organization.kind === 'housing' ? account.area : null,
      residents: account.residents,
    },
    payee: {
      name: organization.name,
      shortName: organization.shortName,
      inn: organization.inn,
      kpp: organization.kpp,
      bankName: organization.bankName,
      bic: organization.bic,
      settlementAccount: organization.settlementAccount,
      correspondentAccount: organization.correspondentAccount,
      address: organization.address,
      phone: organization.phone,
      email: organization.email,
    },
    dueDate: statement.dueDate,
    lines,
    totals: {
      opening: statement.opening,
      charged: statement.charged,
      recalculation: statement.recalculation,
      benefit: statement.benefit,
      penalties: statement.penalties,
      paid: statement.paid,
      closing: statement.closing,
      amountDue,
    },
    meters: organization.kind === 'housing' ? metersOf(source) : [],
    paidUntil:
      organization.kind === 'isp'
        ? paidUntil(
            period,
            statement.closing,
            // The monthly price: one-off recalculations are not part of it.
            lines.reduce((sum, line) => sum + line.charged - line.benefit, 0),
          )
        : null,
    qrPayload,
  };
  const dataVersion = createHash('sha256')
    .update(JSON.stringify({ layout: RECEIPT_LAYOUT, receipt }))
    .digest('hex')
    .slice(0, 20);
  return { ...receipt, dataVersion };
}
