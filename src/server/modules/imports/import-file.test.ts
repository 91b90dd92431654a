// Reading uploads: CSV records come out the same however the file is cut into chunks (quotes,
// doubled quotes, line breaks inside quotes, CRLF split between chunks, multi-byte letters split
// between chunks); the delimiter and the encoding are detected; money and dates parse exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../readings/windows-1251.ts';
import {
  type ChunkSource,
  CsvReader,
  csvRecords,
  decodeText,
  detectDelimiter,
  normalizeColumnName,
  openImportFile,
} from './import-file.ts';
import { parseDateText, parsePeriodText, parseSignedRubles } from './import-row.ts';

function quote(field: string): string {
  return /[";\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

const field = fc.string({
  unit: fc.constantFrom('a', 'Ж', ';', '"', '\n', '\r\n', ' ', '1', ','),
  maxLength: 8,
});
const table = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 });

function chunksOf(bytes: Buffer, cuts: number[]): ChunkSource {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) pieces.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return { count: pieces.length, read: async (seq) => pieces[seq]! };
}

describe('CSV reading', () => {
  it('gives the same records however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.nat(), { maxLength: 10 }), async (rows, cuts) => {
        const header = ['a', 'b', 'c', 'd'];
        // Rows made entirely of one empty field are skipped by design, so keep two columns at least.
        const text = `${[header, ...rows].map((row) => row.map(quote).join(';')).join('\r\n')}\r\n`;
        const whole = [...csvRecords(text, ';')].map((record) => record.fields);
        const file = await openImportFile(chunksOf(Buffer.from(text, 'utf8'), cuts), 'csv', 'utf-8');
        const streamed: string[][] = [];
        for await (const row of file.rows)
          streamed.push(Object.values(row.cells).filter((value): value is string => value !== null));
        expect(file.columns).toEqual(header);
        expect(whole.slice(1).map((fields) => fields.slice(0, 4))).toEqual(
          rows.map((row) => row.slice(0, 4)),
        );
        expect(streamed.map((row) => row.slice(0, rows[0]!.length))).toEqual(
          whole.slice(1).map((fields) => fields.slice(0, rows[0]!.length).concat()),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('numbers rows by the line they start on, counting line breaks inside quotes', () => {
    const records = [...new CsvReader(';').push('a;b\r\n1;"x\ny"\r\n2;z\n', true)];
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('matches column headings as billing programs write them', () => {
    expect(
      ['Лицевой счёт', ' ЛС ', 'Ед. изм.', 'due-date', '\uFEFFaccount'].map(normalizeColumnName),
    ).toEqual(['лицевой_счет', 'лс', 'ед_изм', 'due_date', 'account']);
  });

  it('detects the delimiter from the header and Windows-1251 from invalid UTF-8', () => {
    expect(detectDelimiter('account;address;"a,b"')).toBe(';');
    expect(detectDelimiter('account,address,area')).toBe(',');
    const cp1251 = encodeWindows1251('Лицевой счёт;ФИО\r\n1;Ёлкин\r\n');
    expect(decodeText(cp1251)).toEqual({ text: 'Лицевой счёт;ФИО\r\n1;Ёлкин\r\n', encoding: 'windows-1251' });
    expect(decodeText(Buffer.from('Лицевой счёт', 'utf8')).encoding).toBe('utf-8');
  });
});

describe('cell values', () => {
  it('reads rubles exactly, signed, with spaces and commas', () => {
    expect(parseSignedRubles('1 234,56')).toBe(123456);
    expect(parseSignedRubles('-300')).toBe(-30000);
    expect(parseSignedRubles('−0,5')).toBe(-50);
    expect(parseSignedRubles('0.1')).toBe(10);
    expect(parseSignedRubles('1,234')).toBeUndefined();
    expect(parseSignedRubles('десять')).toBeUndefined();
    expect(parseSignedRubles('1e3')).toBeUndefined();
  });

  it('reads periods and calendar dates, refusing impossible ones', () => {
    expect(parsePeriodText('11.2026')).toBe('2026-11');
    expect(parsePeriodText('2026-11-01')).toBe('2026-11');
    expect(parsePeriodText('13.2026')).toBeUndefined();
    expect(parseDateText('29.02.2028')).toBe('2028-02-29');
    expect(parseDateText('29.02.2027')).toBeUndefined();
    expect(parseDateText('2026-11-31')).toBeUndefined();
  });
});
