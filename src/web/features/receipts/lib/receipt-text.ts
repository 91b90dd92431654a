// A receipt's numbers as text: exact decimals with a comma, each line's arithmetic written out so
// the subscriber can check it, and the meter rows grouped by device.
import type { ReceiptLine, ReceiptMeter } from '../../../../shared/api/receipts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatDecimal } from '../../../lib/format.ts';

const NBSP = '\u00a0';

/** `3.250` → `3,250`: a volume keeps the decimals it was measured with. */
export function formatVolume(volume: string): string {
  return formatDecimal(volume, volume.split('.')[1]?.length ?? 0);
}

/** Rubles per unit, at least to the kopeck: `45.670000` → `45,67`, `3124.557` → `3 124,557`. */
export function formatTariff(tariff: string): string {
  return formatDecimal(tariff, 2);
}

/** `3,250 м³ × 45,67 ₽ = 148,43 ₽`; a service billed without a volume: `650,00 ₽ / мес.` */
export function chargeFormula(line: ReceiptLine): string {
  const tariff = `${formatTariff(line.tariff)}${NBSP}₽`;
  if (line.volume === null) return `${tariff} / ${line.unit}`;
  // A long formula may wrap before "×" or "=", never inside a number or between a sign and it.
  return `${formatVolume(line.volume)}${NBSP}${line.unit} ×${NBSP}${tariff} =${NBSP}${formatMoney(line.charged)}`;
}

/** `148,43 ₽ − 12,00 ₽ − 20,00 ₽ = 116,43 ₽`; null when the line was neither recalculated nor discounted. */
export function adjustmentFormula(line: ReceiptLine): string | null {
  if (line.recalculation === 0 && line.benefit === 0) return null;
  let text = formatMoney(line.charged);
  if (line.recalculation !== 0) {
    text += ` ${line.recalculation < 0 ? '−' : '+'}${NBSP}${formatMoney(Math.abs(line.recalculation))}`;
  }
  if (line.benefit !== 0) text += ` −${NBSP}${formatMoney(line.benefit)}`;
  return `${text} =${NBSP}${formatMoney(line.total)}`;
}

/** A reading as printed: `12 345,5` (trailing zeros go, as on the meters page). */
export function formatReading(value: string): string {
  return formatDecimal(value);
}

export interface MeterGroup {
  meterId: string;
  resource: ReceiptMeter['resource'];
  serialNumber: string;
  registers: ReceiptMeter[];
}

/** One group per device, in the receipt's order; a multi-tariff meter's registers stay together. */
export function groupMeters(meters: readonly ReceiptMeter[]): MeterGroup[] {
  const groups = new Map<string, MeterGroup>();
  for (const meter of meters) {
    const group = groups.get(meter.meterId);
    if (group) group.registers.push(meter);
    else
      groups.set(meter.meterId, {
        meterId: meter.meterId,
        resource: meter.resource,
        serialNumber: meter.serialNumber,
        registers: [meter],
      });
  }
  for (const group of groups.values()) group.registers.sort((a, b) => a.register - b.register);
  return [...groups.values()];
}

/** `день` → `День`: register names arrive in lower case, as printed inside a sentence. */
export function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
