// The live preview while the subscriber types: POST .../readings/preview saves nothing and says what
// the reading would count for, its consumption and cost, its warnings and errors. Debounced; an
// answer is shown only for the values now in the form, so a late answer to older input is ignored.
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type PreviewResponse, previewResponseSchema } from '../../../../shared/api/readings.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { readingsPath } from './readings-path.ts';

const DEBOUNCE_MS = 300;

/**
 * Not under the meters' key, whose refresh after a submission would ask again about the values
 * just sent. A preview is kept only while its values are in the form (gcTime 0), so none outlives
 * the previous reading it was calculated from.
 */
const previewKey = (accountId: string, meterId: string, values: string | null) =>
  ['accounts', accountId, 'reading-previews', meterId, values] as const;

export interface RegisterValue {
  register: number;
  value: string;
}

interface ReadingPreview {
  /** The answer for exactly the values in the form; undefined while typing or loading. */
  preview: PreviewResponse | undefined;
  /** A request for the current values is waiting or running. A failed preview shows nothing:
   * the submission itself reports what is wrong. */
  pending: boolean;
}

/** `values` null: some register is still empty, nothing to preview. */
export function useReadingPreview(
  accountId: string,
  meterId: string,
  values: readonly RegisterValue[] | null,
): ReadingPreview {
  // A string, so that a new array with the same values neither restarts the timer nor refetches.
  const current = values ? JSON.stringify(values) : null;
  const [debounced] = useDebouncedValue(current, DEBOUNCE_MS);
  const settled = debounced !== null && debounced === current;
  const query = useQuery({
    queryKey: previewKey(accountId, meterId, debounced),
    queryFn: ({ signal }) =>
      apiRequest(readingsPath(accountId, meterId, '/preview'), {
        method: 'POST',
        body: { values: JSON.parse(debounced ?? '[]') as RegisterValue[] },
        schema: previewResponseSchema,
        signal,
      }),
    enabled: debounced !== null,
    gcTime: 0,
  });
  return {
    preview: settled ? query.data : undefined,
    pending: current !== null && (!settled || query.isFetching),
  };
}
