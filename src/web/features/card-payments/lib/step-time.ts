// When a step of a card payment happened, to the second, in the browser's time zone: the seconds
// show that crediting follows the bank's answer at once.
import { formatLocalDate } from '../../../lib/format.ts';

const pad = (value: number) => String(value).padStart(2, '0');

/** `25.11.2026 14:05:09`; English keeps the house date: `25 Nov 2026, 14:05:09`. */
export function formatStepTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  // A no-break space: the date and the time stay on one line.
  return `${formatLocalDate(iso, locale)}${locale.startsWith('en') ? ',' : ''}\u00a0${time}`;
}
