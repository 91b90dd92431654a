// The services of the receipt: a table from the laptop width up; below it the same table shows only
// the service (with its arithmetic written out) and the line's total, which reads as a list.
import { useTranslation } from 'react-i18next';
import type { ReceiptLine } from '../../../../shared/api/receipts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { adjustmentFormula, chargeFormula, formatTariff, formatVolume } from '../lib/receipt-text.ts';

/** Zero recalculations and benefits read better as a dash. */
function optionalMoney(kopecks: number): string {
  return kopecks === 0 ? '—' : formatMoney(kopecks);
}

const spacerCells = ['unit', 'volume', 'tariff', 'charged', 'recalculation', 'benefit'] as const;

interface ReceiptLinesProps {
  lines: readonly ReceiptLine[];
  caption: string;
}

export function ReceiptLines({ lines, caption }: ReceiptLinesProps) {
  const { t } = useTranslation();
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  return (
    <div className="receipt-scroll">
      <table className="receipt-lines" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">{t('receipts.view.service')}</th>
            <th scope="col">{t('receipts.view.unit')}</th>
            <th scope="col">{t('receipts.view.volume')}</th>
            <th scope="col">{t('receipts.view.tariff')}</th>
            <th scope="col">{t('receipts.view.charged')}</th>
            <th scope="col">{t('receipts.view.recalculation')}</th>
            <th scope="col">{t('receipts.view.benefit')}</th>
            <th scope="col">{t('receipts.view.total')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const adjustment = adjustmentFormula(line);
            return (
              <tr key={line.serviceCode}>
                <th scope="row" data-cell="service">
                  <span className="receipt-service">{line.serviceName}</span>
                  <span className="receipt-formula" data-testid="receipt-line-formula">
                    {chargeFormula(line)}
                  </span>
                  {adjustment && (
                    <span className="receipt-formula" data-testid="receipt-line-adjustment">
                      {adjustment}
                    </span>
                  )}
                </th>
                <td data-cell="unit">{line.unit}</td>
                <td data-cell="volume" className="money">
                  {line.volume === null ? '—' : formatVolume(line.volume)}
                </td>
                <td data-cell="tariff" className="money">
                  {formatTariff(line.tariff)}
                </td>
                <td data-cell="charged" className="money">
                  {formatMoney(line.charged)}
                </td>
                <td data-cell="recalculation" className="money">
                  {optionalMoney(line.recalculation)}
                </td>
                <td data-cell="benefit" className="money">
                  {optionalMoney(-line.benefit)}
                </td>
                <td data-cell="total" className="money" data-testid="receipt-line-total">
                  {formatMoney(line.total)}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" data-cell="service">
              {t('receipts.view.servicesTotal')}
            </th>
            {/* Empty cells instead of a colSpan: on phones they hide with their columns. */}
            {spacerCells.map((cell) => (
              <td key={cell} data-cell={cell} />
            ))}
            <td data-cell="total" className="money">
              {formatMoney(total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
