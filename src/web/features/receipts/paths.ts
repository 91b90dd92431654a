// The receipts pages' addresses; RECEIPTS_PATH and receiptPath live in lib/paths.ts because the
// dashboard, the charges page and the navigation link to them.
import { isPeriod, type Period } from '../../../shared/period.ts';

/** A `:period` route parameter that is a real month, or null (the page then says "no receipt"). */
export function periodParam(value: string | undefined): Period | null {
  return value !== undefined && isPeriod(value) ? value : null;
}
