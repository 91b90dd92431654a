// The columns of each kind of import as the operator sees them beside the upload form; the full
// description (aliases, formats, examples) is docs/import-formats.md, and the server's kind
// definitions (src/server/modules/imports/kinds/) are what is actually checked.
import type { supportedImportKinds } from '../../../../shared/api/imports.ts';

export type SupportedImportKind = (typeof supportedImportKinds)[number];

export const importColumns: Record<SupportedImportKind, { required: string[]; optional: string[] }> = {
  accounts: {
    required: ['account', 'address'],
    optional: ['premises', 'area', 'residents', 'holder', 'els', 'izhku', 'status'],
  },
  services: {
    required: ['code', 'name', 'unit', 'kind'],
    optional: ['okei', 'tariff', 'valid_from'],
  },
  charges: {
    required: ['account', 'period', 'service', 'amount'],
    optional: ['volume', 'tariff', 'recalculation', 'benefit', 'total'],
  },
  statements: {
    required: ['account', 'period', 'opening', 'charged', 'closing', 'due_date'],
    optional: ['recalculation', 'benefit', 'penalties', 'paid'],
  },
  payments: {
    required: ['account', 'amount', 'paid_at', 'channel', 'external_id'],
    optional: ['reference'],
  },
};

/** What the file input offers; the server recognises the format by the bytes anyway. */
export const IMPORT_FILE_ACCEPT = [
  '.csv',
  '.xlsx',
  '.json',
  'text/csv',
  'application/json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');
