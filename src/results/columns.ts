/** How each column of an Arrow result is shown, exported and charted. */
import { DataType, type RecordBatch, type Table } from 'apache-arrow';
import { formatDate, formatNumber } from '../format/number';
import { foldVietnamese } from '../import/naming';

export type ColumnKind = 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other';

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  /** Years, quarters, codes and row numbers are numbers that must never be grouped (`2.024`). */
  plain: boolean;
}

const PLAIN_NUMBER_NAMES = /^(nam|year|quy|quarter|thang|month|stt|ma( .*)?|id|code)$/;

export function isPlainNumberName(name: string): boolean {
  return PLAIN_NUMBER_NAMES.test(foldVietnamese(name).toLowerCase().trim());
}

function kindOf(type: DataType): ColumnKind {
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return 'number';
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'text';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isBool(type)) return 'boolean';
  return 'other';
}

export function columnsOf(table: Table): ResultColumn[] {
  return table.schema.fields.map((f) => {
    const kind = kindOf(f.type);
    return { name: f.name, kind, plain: kind === 'number' && isPlainNumberName(f.name) };
  });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The value as data: no locale formatting, empty for NULL (CONTRACT `data-value`, CSV export). */
export function rawValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'date' && typeof value === 'number') return isoDate(value);
  if (kind === 'timestamp' && typeof value === 'number') {
    const d = new Date(value);
    return `${isoDate(value)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  if (typeof value === 'object') return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** The value for people to read, in the interface language's number and date style. */
export function displayValue(value: unknown, column: ResultColumn, locale: 'vi' | 'en'): string {
  if (value === null || value === undefined) return '';
  if (column.kind === 'number' && (typeof value === 'number' || typeof value === 'bigint')) {
    return column.plain ? String(value) : formatNumber(value, locale);
  }
  if (column.kind === 'date' && typeof value === 'number') return formatDate(value, locale);
  if (column.kind === 'timestamp' && typeof value === 'number') return formatDate(value, locale, true);
  if (column.kind === 'boolean') return value ? '✓' : '✗';
  return rawValue(value, column.kind);
}

/** A column's values in row order, read batch by batch (a row index into the whole table
 *  searches its batches first). */
export function columnValues(table: Table, index: number): unknown[] {
  const out: unknown[] = [];
  for (const batch of table.batches) {
    const vector = batch.getChildAt(index);
    for (let r = 0; r < batch.numRows; r++) out.push(vector?.get(r) ?? null);
  }
  return out;
}

/** Bytes of a result's Arrow buffers. */
export function tableBytes(table: Table): number {
  let total = 0;
  for (const batch of table.batches) total += batch.data.byteLength;
  return total;
}

export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/** The rows as plain objects, read column by column: Arrow's row proxies (`toArray()` then
 *  `toJSON()`) took 6 s for 62,500 rows of eleven columns on the page's thread. */
export function plainRows(table: Table): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  // Batch by batch: a value of a table of many batches is found by searching its batches.
  for (const batch of table.batches) appendRows(out, batch);
  return out;
}

/** The same, a few batches per task of the page, so a result of 300,000 rows read for its
 *  sentences does not hold the page for half a second. Stops (rejects) when `signal` aborts. */
export async function plainRowsInTurns(table: Table, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let turn = performance.now();
  for (const batch of table.batches) {
    if (performance.now() - turn > 12) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
      turn = performance.now();
    }
    appendRows(out, batch);
  }
  return out;
}

function appendRows(out: Record<string, unknown>[], batch: RecordBatch) {
  const from = out.length;
  for (let r = 0; r < batch.numRows; r++) out.push({});
  batch.schema.fields.forEach((field, c) => {
    const column = batch.getChildAt(c);
    for (let r = 0; r < batch.numRows; r++) out[from + r]![field.name] = column ? (column.get(r) ?? null) : null;
  });
}
