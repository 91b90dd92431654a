// How far a batch has come, as one bar. The number of rows is known only once checking has read
// the whole file, so checking fills the first half without a total (striped, moving) and applying
// fills the second half row by row; a finished batch is full.
import type { ImportBatch } from '../../../../shared/api/imports.ts';

export interface ImportProgress {
  /** 0–100, whole numbers. */
  percent: number;
  color: 'blue' | 'teal' | 'orange' | 'red';
  /** The stage has no known end yet. */
  moving: boolean;
}

export function importProgress(
  batch: Pick<ImportBatch, 'status' | 'rowsRead' | 'rowsApplied'>,
): ImportProgress {
  switch (batch.status) {
    case 'queued':
      return { percent: 0, color: 'blue', moving: true };
    case 'checking':
      return { percent: 25, color: 'blue', moving: true };
    case 'applying': {
      const share = batch.rowsRead > 0 ? Math.min(1, batch.rowsApplied / batch.rowsRead) : 0;
      // Never 100 before the batch says it is applied.
      return { percent: Math.min(99, 50 + Math.floor(share * 50)), color: 'blue', moving: true };
    }
    case 'applied':
      return { percent: 100, color: 'teal', moving: false };
    case 'rejected':
      return { percent: 100, color: 'orange', moving: false };
    case 'failed':
      return { percent: 100, color: 'red', moving: false };
  }
}
