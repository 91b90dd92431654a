// The meters pages' addresses; METERS_PATH itself lives in lib/paths.ts (the dashboard links to it).
import { METERS_PATH } from '../../lib/paths.ts';

export function meterHistoryPath(meterId: string): string {
  return `${METERS_PATH}/${encodeURIComponent(meterId)}`;
}
