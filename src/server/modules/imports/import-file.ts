// Reading an uploaded file as rows of named cells, whatever form it came in: CSV (UTF-8 or
// Windows-1251, `;` or `,`, both detected), XLSX (the first worksheet), or JSON (an array of objects,
// or `{ "rows": [...] }`). Rows come out one at a time with the number a person would look for:
// the line of the CSV, the row of the sheet, the item of the JSON array (from 1).
import ExcelJS from 'exceljs';

export type ImportFormat = 'csv' | 'xlsx' | 'json';
export type CellValue = string | number | boolean | null;

export interface FileRow {
  /** As the operator finds it: CSV line / sheet row (the header is 1), JSON item (from 1). */
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export interface ReadFile {
  format: ImportFormat;
  encoding: 'utf-8' | 'windows-1251' | null;
  delimiter: ';' | ',' | null;
  /** Column names as given, normalized (trimmed, lower case, ё → е, dots dropped, spaces → _). */
  columns: string[];
  rows: Iterable<FileRow>;
}

export class ImportFileError extends Error {
  constructor(
    readonly reason: 'empty' | 'not_json' | 'json_shape' | 'not_xlsx' | 'no_header',
    message: string,
  ) {
    super(message);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function detectFormat(content: Buffer, hint?: string | null): ImportFormat {
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (hint === 'json') return 'json';
  const first = content
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

export function normalizeColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\./g, ' ')
    .trim()
    .replace(/[\s-]+/g, '_');
}

export async function readImportFile(content: Buffer, formatHint?: string | null): Promise<ReadFile> {
  if (content.length === 0) throw new ImportFileError('empty', 'The file is empty.');
  const format = detectFormat(content, formatHint);
  if (format === 'xlsx') return readXlsx(content);
  if (format === 'json') return readJson(content);
  return readCsv(content);
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise Windows-1251 — Excel's "CSV". */
export function decodeText(content: Buffer): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(content), encoding: 'windows-1251' };
  }
}

/** The delimiter of the header line: whichever of `;` and `,` occurs more often outside quotes. */
export function detectDelimiter(headerLine: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : commas > 0 ? ',' : ';';
}

/**
 * RFC 4180 records, fed a piece of text at a time: quoted fields may hold delimiters, doubled quotes
 * and line breaks. Yields each complete record with the line it starts on; a record cut off at the
 * end of a piece waits for the next (or ends the file when `final`). Empty lines are skipped.
 */
export class CsvReader {
  private pending = '';
  private line = 1;

  constructor(private readonly delimiter: string) {}

  *push(piece: string, final: boolean): Generator<{ line: number; fields: string[] }> {
    const text = this.pending + piece;
    const { delimiter } = this;
    const length = text.length;
    let position = 0;
    while (position < length) {
      const recordStart = position;
      const startLine = this.line;
      let line = this.line;
      const fields: string[] = [];
      let field = '';
      let complete = false;
      for (;;) {
        if (text[position] === '"') {
          position++;
          let closed = false;
          for (;;) {
            const quote = text.indexOf('"', position);
            if (quote === -1 || (quote === length - 1 && !final)) {
              position = length;
              break;
            }
            const chunk = text.slice(position, quote);
            for (let index = chunk.indexOf('\n'); index !== -1; index = chunk.indexOf('\n', index + 1))
              line++;
            field += chunk;
            if (text[quote + 1] === '"') {
              field += '"';
              position = quote + 2;
            } else {
              position = quote + 1;
              closed = true;
              break;
            }
          }
          if (!closed && !final) break;
        }
        // Up to the next delimiter or line end (text after a closing quote is kept, as Excel does).
        let next = position;
        while (next < length) {
          const char = text[next];
          if (char === delimiter || char === '\n' || char === '\r') break;
          next++;
        }
        field += text.slice(position, next);
        position = next;
        if (position >= length && !final) break;
        fields.push(field);
        field = '';
        const char = text[position];
        if (char === delimiter) {
          position++;
          continue;
        }
        if (char === '\r') {
          if (position + 1 >= length && !final) break;
          position++;
        }
        if (text[position] === '\n') position++;
        if (char === '\r' || char === '\n') line++;
        complete = true;
        break;
      }
      if (!complete) {
        this.pending = text.slice(recordStart);
        return;
      }
      this.line = line;
      if (fields.length === 1 && fields[0] === '') continue;
      yield { line: startLine, fields };
    }
    this.pending = '';
  }
}

/** All records of a whole text (tests, small files). */
export function* csvRecords(text: string, delimiter: string): Generator<{ line: number; fields: string[] }> {
  yield* new CsvReader(delimiter).push(text, true);
}

/** Where an uploaded file's bytes come from: numbered chunks, read one at a time. */
export interface ChunkSource {
  count: number;
  read(seq: number): Promise<Buffer>;
}

async function wholeFile(source: ChunkSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let seq = 0; seq < source.count; seq++) parts.push(await source.read(seq));
  return Buffer.concat(parts);
}

/**
 * Opens a stored upload for reading. CSV is streamed a chunk at a time (a month of charges never
 * sits in memory as one string); XLSX and JSON are read whole.
 */
export async function openImportFile(
  source: ChunkSource,
  format: ImportFormat,
  encoding: 'utf-8' | 'windows-1251' | null,
): Promise<{ format: ImportFormat; columns: string[]; rows: AsyncIterable<FileRow> | Iterable<FileRow> }> {
  if (source.count === 0) throw new ImportFileError('empty', 'The file is empty.');
  if (format !== 'csv') {
    const read = await readImportFile(await wholeFile(source), format);
    return { format: read.format, columns: read.columns, rows: read.rows };
  }
  const decoder = new TextDecoder(encoding ?? 'utf-8');
  let reader: CsvReader | null = null;
  async function* records(): AsyncGenerator<{ line: number; fields: string[] }> {
    let first = true;
    for (let seq = 0; seq < source.count; seq++) {
      let text = decoder.decode(await source.read(seq), { stream: true });
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        const lineEnd = text.search(/\r?\n/);
        reader = new CsvReader(detectDelimiter(lineEnd === -1 ? text : text.slice(0, lineEnd)));
        first = false;
      }
      yield* reader!.push(text, false);
    }
    if (reader) yield* (reader as CsvReader).push(decoder.decode(), true);
  }
  const iterator = records();
  const header = await iterator.next();
  if (header.done) throw new ImportFileError('no_header', 'The file has no header line.');
  const columns = header.value.fields.map(normalizeColumnName);
  return {
    format: 'csv',
    columns,
    rows: (async function* () {
      for await (const record of { [Symbol.asyncIterator]: () => iterator }) yield csvRow(record, columns);
    })(),
  };
}

function csvRow(record: { line: number; fields: string[] }, columns: string[]): FileRow {
  const cells: Record<string, CellValue> = {};
  columns.forEach((column, index) => {
    cells[column] = record.fields[index] ?? null;
  });
  if (record.fields.length > columns.length) cells['#extra'] = record.fields.slice(columns.length).join(';');
  return { rowNumber: record.line, cells };
}

function readCsv(content: Buffer): ReadFile {
  const { text: decoded, encoding } = decodeText(content);
  const text = decoded.replace(/^\uFEFF/, '');
  const firstLineEnd = text.search(/\r?\n/);
  const delimiter = detectDelimiter(firstLineEnd === -1 ? text : text.slice(0, firstLineEnd));
  const records = csvRecords(text, delimiter);
  const header = records.next();
  if (header.done) throw new ImportFileError('no_header', 'The file has no header line.');
  const columns = header.value.fields.map(normalizeColumnName);
  return {
    format: 'csv',
    encoding,
    delimiter,
    columns,
    rows: (function* () {
      for (const record of records) yield csvRow(record, columns);
    })(),
  };
}

function readJson(content: Buffer): ReadFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportFileError('not_json', 'The file is not valid JSON.');
  }
  const items = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object'
      ? (parsed as { rows?: unknown }).rows
      : null;
  if (!Array.isArray(items))
    throw new ImportFileError('json_shape', 'Expected an array of rows, or an object with "rows": [...].');
  const columns = new Set<string>();
  for (const item of items.slice(0, 1000))
    if (item && typeof item === 'object' && !Array.isArray(item))
      for (const key of Object.keys(item)) columns.add(normalizeColumnName(key));
  return {
    format: 'json',
    encoding: 'utf-8',
    delimiter: null,
    columns: [...columns],
    rows: (function* () {
      for (const [index, item] of items.entries()) {
        const cells: Record<string, CellValue> = {};
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          for (const [key, value] of Object.entries(item as Record<string, unknown>))
            cells[normalizeColumnName(key)] =
              value === null || ['string', 'number', 'boolean'].includes(typeof value)
                ? (value as CellValue)
                : JSON.stringify(value);
        } else {
          cells['#row'] = JSON.stringify(item) ?? 'undefined';
        }
        yield { rowNumber: index + 1, cells };
      }
    })(),
  };
}

function cellText(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) {
    // Excel dates carry no time zone; exceljs reads them as UTC.
    const day = String(value.getUTCDate()).padStart(2, '0');
    const month = String(value.getUTCMonth() + 1).padStart(2, '0');
    return `${day}.${month}.${value.getUTCFullYear()}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

async function readXlsx(content: Buffer): Promise<ReadFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('not_xlsx', 'The file looks like XLSX but cannot be read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new ImportFileError('no_header', 'The first sheet is empty.');
  const headerRow = sheet.getRow(1);
  const columns: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, column) => {
    columns[column - 1] = normalizeColumnName(String(cellText(cell.value) ?? ''));
  });
  const rows: FileRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, CellValue> = {};
    let any = false;
    columns.forEach((column, index) => {
      const value = cellText(row.getCell(index + 1).value);
      if (value !== null && value !== '') any = true;
      cells[column] = value;
    });
    if (any) rows.push({ rowNumber, cells });
  });
  return { format: 'xlsx', encoding: null, delimiter: null, columns, rows };
}
