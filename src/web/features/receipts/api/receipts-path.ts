// The receipts' API addresses. The PDF address is also a plain download link: the session cookie
// goes with it, so no script has to fetch the file.
import type { Period } from '../../../../shared/period.ts';

export function receiptsApiPath(accountId: string): string {
  return `/api/v1/accounts/${encodeURIComponent(accountId)}/receipts`;
}

export function receiptApiPath(accountId: string, period: Period): string {
  return `${receiptsApiPath(accountId)}/${encodeURIComponent(period)}`;
}

export function receiptPdfUrl(accountId: string, period: Period): string {
  return `${receiptApiPath(accountId, period)}.pdf`;
}
