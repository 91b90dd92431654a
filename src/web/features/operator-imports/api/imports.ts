// Imports from the billing system: upload a file as a batch, follow the batch until it is applied
// or rejected (polled every half second), the recent batches, and the address of a batch's report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createImportResponseSchema,
  type ImportDetails,
  type ImportKind,
  type ImportStatus,
  importDetailsSchema,
  importsListResponseSchema,
} from '../../../../shared/api/imports.ts';
import { apiRequest } from '../../../lib/api-client.ts';

/** How often a batch in progress is asked about. */
export const IMPORT_POLL_MS = 500;

const finishedStatuses: readonly ImportStatus[] = ['applied', 'rejected', 'failed'];

export function isFinished(status: ImportStatus): boolean {
  return finishedStatuses.includes(status);
}

const importsKey = (organizationId: string) => ['operator', organizationId, 'imports'] as const;

export function useImports(organizationId: string) {
  return useQuery({
    queryKey: importsKey(organizationId),
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/operator/imports', {
        query: { organizationId, limit: '20' },
        schema: importsListResponseSchema,
        signal,
      }),
  });
}

/** One batch with its first bad rows; asked again every half second until it has finished. */
export function useImport(organizationId: string, importId: string | null, language: 'ru' | 'en') {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...importsKey(organizationId), importId, language],
    enabled: importId !== null,
    queryFn: async ({ signal }): Promise<ImportDetails> => {
      const details = await apiRequest(`/api/v1/operator/imports/${encodeURIComponent(importId ?? '')}`, {
        query: { organizationId, lang: language },
        schema: importDetailsSchema,
        signal,
      });
      // The list shows the status too: refresh it once the batch has ended.
      if (isFinished(details.status))
        void queryClient.invalidateQueries({ queryKey: importsKey(organizationId), exact: true });
      return details;
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && isFinished(status) ? false : IMPORT_POLL_MS;
    },
  });
}

/** Browsers often leave the type of a CSV or JSON file empty; the server wants one all the same. */
function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'application/octet-stream';
}

export function useUploadImport(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // The body is the file's own bytes (not a form): the server hashes them to spot a repeat.
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      apiRequest(`/api/v1/operator/imports/${kind}`, {
        method: 'POST',
        query: { organizationId, fileName: file.name.slice(0, 255) },
        body: file,
        headers: { 'Content-Type': contentTypeOf(file) },
        schema: createImportResponseSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importsKey(organizationId), exact: true }),
  });
}

/** Every bad row as CSV, reasons in `language`; a plain download with the session cookie. */
export function importReportUrl(organizationId: string, importId: string, language: 'ru' | 'en'): string {
  const query = new URLSearchParams({ organizationId, lang: language });
  return `/api/v1/operator/imports/${encodeURIComponent(importId)}/report.csv?${query}`;
}
