// Writing CSV that Excel and 1С open as they are: ";" between fields, CRLF between lines, a header
// row, UTF-8 with a byte order mark (Excel's sign of UTF-8) or Windows-1251 without one.
import { Readable } from 'node:stream';
import type { ExportEncoding } from '../../../shared/api/exports.ts';
import { encodeWindows1251 } from '../readings/windows-1251.ts';

/**
 * One field: text a spreadsheet would take for a formula (=, +, -, @ first) gets a leading
 * apostrophe; a field with the separator, a quote or a line break is quoted, quotes doubled.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const text = /^[=+@-]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (fields: (string | null)[]) => `${fields.map(csvField).join(';')}\r\n`;

/** Kopecks as rubles with a comma (12345 → "123,45"), as Russian spreadsheets read numbers. */
export function rublesWithComma(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

/** A streamed CSV file: the header, then each page of lines as it is read. */
export function csvStream(
  header: string[],
  pages: AsyncIterable<string[]>,
  encoding: ExportEncoding,
): Readable {
  const encode = (text: string) =>
    encoding === 'windows-1251' ? encodeWindows1251(text) : Buffer.from(text, 'utf8');
  async function* chunks(): AsyncGenerator<Buffer> {
    if (encoding === 'utf-8') yield Buffer.from([0xef, 0xbb, 0xbf]);
    yield encode(`${header.join(';')}\r\n`);
    for await (const lines of pages) yield encode(lines.join(''));
  }
  return Readable.from(chunks());
}

/** A streamed JSON document `{...head, [key]: [items…]}` (always UTF-8). */
export function jsonStream(head: Record<string, unknown>, key: string, pages: AsyncIterable<unknown[]>) {
  async function* chunks(): AsyncGenerator<Buffer> {
    const opening = JSON.stringify({ ...head, [key]: [] });
    yield Buffer.from(opening.slice(0, -2));
    let first = true;
    for await (const items of pages) {
      if (items.length === 0) continue;
      const text = items.map((item) => JSON.stringify(item)).join(',');
      yield Buffer.from(first ? text : `,${text}`);
      first = false;
    }
    yield Buffer.from(']}');
  }
  return Readable.from(chunks());
}
