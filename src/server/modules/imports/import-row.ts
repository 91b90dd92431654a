// Checking one row's cells: each reader returns the value, null for an empty optional cell, or
// undefined after recording why the cell is wrong (column, value as given, a stable reason code
// with its parameters). Messages are written from the codes in the operator's language later.
import { parseRubles } from '../../../shared/money.ts';
import { isPeriod } from '../../../shared/period.ts';
import type { CellValue, FileRow } from './import-file.ts';

export interface RowIssue {
  row: number;
  column: string;
  value: string;
  code: IssueCode;
  params?: Record<string, string | number>;
}

export type IssueCode =
  | 'required'
  | 'money_format'
  | 'money_negative'
  | 'integer_format'
  | 'decimal_format'
  | 'period_format'
  | 'date_format'
  | 'too_long'
  | 'length_exact'
  | 'one_of'
  | 'unknown_account'
  | 'unknown_service'
  | 'unknown_meter'
  | 'duplicate_in_file'
  | 'period_mixed'
  | 'total_mismatch'
  | 'closing_mismatch'
  | 'due_date_before_period'
  | 'unknown_column'
  | 'missing_column'
  | 'not_an_object'
  | 'card_payment_mismatch'
  | 'reading_digits'
  | 'file_unreadable'
  | 'empty_file'
  | 'control_character';

export type MoneyUnit = 'rubles' | 'kopecks';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it finds
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Text as given, but visible and storable (jsonb refuses NUL): control characters become U+FFFD. */
export function printable(text: string): string {
  return text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '\uFFFD');
}

/** How big a money cell may be: 100 billion rubles, far beyond any one account's bill. */
const MONEY_LIMIT = 10_000_000_000_000;

export function cellToText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Kopecks from rubles as people type them, signed (a prepayment is a negative balance): `-1 234,56`. */
export function parseSignedRubles(text: string): number | undefined {
  const trimmed = text.trim();
  const negative = /^[-−]/.test(trimmed);
  const kopecks = parseRubles(negative ? trimmed.slice(1) : trimmed);
  if (kopecks === null) return undefined;
  return negative ? -kopecks : kopecks;
}

/** `2026-11`, `2026-11-01`, `11.2026`, `01.11.2026` → `2026-11`. */
export function parsePeriodText(text: string): string | undefined {
  const value = text.trim();
  let match = /^(\d{4})-(\d{2})(?:-01)?$/.exec(value);
  if (match) return isPeriod(`${match[1]}-${match[2]}`) ? `${match[1]}-${match[2]}` : undefined;
  match = /^(?:01\.)?(\d{2})\.(\d{4})$/.exec(value);
  if (match) return isPeriod(`${match[2]}-${match[1]}`) ? `${match[2]}-${match[1]}` : undefined;
  return undefined;
}

/** `25.11.2026` or `2026-11-25` → `2026-11-25`, a real calendar day. */
export function parseDateText(text: string): string | undefined {
  const value = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
    if (!match) return undefined;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2200 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

export interface ColumnSpec {
  /** The name in the documentation and in reports. */
  name: string;
  /** Other names a billing export may use (Russian headings), normalized. */
  aliases: string[];
  required: boolean;
}

/** Maps the file's columns onto the kind's: each spec to the file column that names it. */
export function mapColumns(
  fileColumns: string[],
  specs: ColumnSpec[],
): { map: Map<string, string>; missing: string[]; unknown: string[] } {
  const map = new Map<string, string>();
  const known = new Set<string>();
  for (const spec of specs) {
    const found = [spec.name, ...spec.aliases].find((name) => fileColumns.includes(name));
    if (found) {
      map.set(spec.name, found);
      known.add(found);
    }
  }
  return {
    map,
    missing: specs.filter((spec) => spec.required && !map.has(spec.name)).map((spec) => spec.name),
    unknown: fileColumns.filter((column) => column !== '' && !known.has(column)),
  };
}

export class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    readonly row: FileRow,
    private readonly columns: Map<string, string>,
    private readonly moneyUnit: MoneyUnit,
  ) {}

  get ok(): boolean {
    return this.issues.length === 0;
  }

  raw(column: string): CellValue {
    const key = this.columns.get(column);
    return key === undefined ? null : (this.row.cells[key] ?? null);
  }

  issue(
    column: string,
    code: IssueCode,
    params?: Record<string, string | number>,
    value?: string,
  ): undefined {
    this.issues.push({
      row: this.row.rowNumber,
      column,
      value: printable((value ?? cellToText(this.raw(column))).slice(0, 200)),
      code,
      ...(params ? { params } : {}),
    });
    return undefined;
  }

  private present(column: string, required: boolean): string | null | undefined {
    const text = cellToText(this.raw(column)).trim();
    // PostgreSQL text cannot hold NUL; other control characters have no place in these cells either.
    if (CONTROL_CHARACTER.test(text)) return this.issue(column, 'control_character');
    if (text !== '') return text;
    return required ? this.issue(column, 'required') : null;
  }

  text(column: string, options: { required: boolean; max: number }): string | null | undefined {
    const text = this.present(column, options.required);
    if (!text) return text;
    if ([...text].length > options.max) return this.issue(column, 'too_long', { max: options.max });
    return text;
  }

  exactLength(column: string, length: number): string | null | undefined {
    const text = this.present(column, false);
    if (!text) return text;
    return [...text].length === length ? text : this.issue(column, 'length_exact', { length });
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], fallback: T | null): T | null | undefined {
    const text = this.present(column, fallback === null);
    if (text === null) return fallback;
    if (text === undefined) return undefined;
    const lower = text.toLowerCase();
    return (allowed as readonly string[]).includes(lower)
      ? (lower as T)
      : this.issue(column, 'one_of', { allowed: allowed.join(', ') });
  }

  money(column: string, options: { required: boolean; nonNegative?: boolean }): number | null | undefined {
    const raw = this.raw(column);
    let kopecks: number | undefined;
    if (typeof raw === 'number') {
      kopecks = this.moneyUnit === 'kopecks' && Number.isSafeInteger(raw) ? raw : undefined;
    } else {
      const text = this.present(column, options.required);
      if (text === null) return options.required ? undefined : 0;
      if (text === undefined) return undefined;
      kopecks = this.moneyUnit === 'rubles' ? parseSignedRubles(text) : undefined;
    }
    if (kopecks === undefined || Math.abs(kopecks) > MONEY_LIMIT)
      return this.issue(column, 'money_format', { unit: this.moneyUnit });
    if (options.nonNegative && kopecks < 0) return this.issue(column, 'money_negative');
    return kopecks;
  }

  integer(
    column: string,
    options: { required: boolean; min: number; max: number },
  ): number | null | undefined {
    const text = this.present(column, options.required);
    if (text === null || text === undefined) return text;
    const value = Number(text);
    return /^-?\d+$/.test(text) && value >= options.min && value <= options.max
      ? value
      : this.issue(column, 'integer_format', { min: options.min, max: options.max });
  }

  /** A non-negative decimal as PostgreSQL's numeric text, at most `scale` places after the point. */
  decimal(
    column: string,
    options: { required: boolean; precision: number; scale: number },
  ): string | null | undefined {
    const text = this.present(column, options.required);
    if (!text) return text;
    const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
    const match = /^(\d+)(?:\.(\d+))?$/.exec(compact);
    const whole = match?.[1]?.replace(/^0+(?=\d)/, '');
    const fraction = (match?.[2] ?? '').replace(/0+$/, '');
    if (
      !match ||
      !whole ||
      whole.length > options.precision - options.scale ||
      fraction.length > options.scale
    )
      return this.issue(column, 'decimal_format', { scale: options.scale });
    return fraction ? `${whole}.${fraction}` : whole;
  }

  period(column: string): string | undefined {
    const text = this.present(column, true);
    if (!text) return undefined;
    return parsePeriodText(text) ?? this.issue(column, 'period_format');
  }

  date(column: string, options: { required: boolean }): string | null | undefined {
    const text = this.present(column, options.required);
    if (!text) return text;
    return parseDateText(text) ?? this.issue(column, 'date_format');
  }
}
