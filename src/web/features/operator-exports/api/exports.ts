// The operator's export files. Payments and subscribers are plain GET downloads (the browser streams
// them to disk with the session cookie); readings are batches: list them, export the period's new
// readings as one more, and download any batch again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportEncoding } from '../../../../shared/api/exports.ts';
import { exportsResponseSchema, readingExportSchema } from '../../../../shared/api/readings.ts';
import { apiRequest } from '../../../lib/api-client.ts';

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) parameters.set(key, value);
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

export function paymentsFileUrl(options: {
  organizationId?: string;
  period: string;
  encoding: ExportEncoding;
  format: 'csv' | 'json';
}): string {
  return withQuery('/api/v1/operator/exports/payments.csv', {
    organizationId: options.organizationId,
    period: options.period,
    format: options.format === 'json' ? 'json' : undefined,
    encoding: options.format === 'csv' ? options.encoding : undefined,
  });
}

export function subscribersFileUrl(options: { organizationId?: string; encoding: ExportEncoding }): string {
  return withQuery('/api/v1/operator/exports/subscribers.csv', {
    organizationId: options.organizationId,
    encoding: options.encoding,
  });
}

export function readingExportFileUrl(
  exportId: string,
  options: { organizationId?: string; encoding: ExportEncoding },
): string {
  return withQuery(`/api/v1/operator/reading-exports/${encodeURIComponent(exportId)}/file`, {
    organizationId: options.organizationId,
    encoding: options.encoding,
  });
}

const readingExportsKey = (organizationId: string | undefined) =>
  ['reading-exports', organizationId] as const;

export function useReadingExports(organizationId: string | undefined) {
  return useQuery({
    queryKey: readingExportsKey(organizationId),
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/operator/reading-exports', {
        query: { organizationId },
        schema: exportsResponseSchema,
        signal,
      }),
  });
}

export function useCreateReadingExport(organizationId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (period: string) =>
      apiRequest('/api/v1/operator/reading-exports', {
        method: 'POST',
        body: { organizationId, period },
        schema: readingExportSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: readingExportsKey(organizationId) }),
  });
}
