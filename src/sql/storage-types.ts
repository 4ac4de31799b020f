/** How each column is kept in the saved workbook. Parquet (through Arrow) holds most types as
 *  they are, but not all: INTERVAL and ENUM stop the writer, DECIMAL and HUGEINT come back as
 *  DOUBLE, UUID as text, BIT as bytes. Those columns are stored as DuckDB's own text for the
 *  value (exact) with their type kept beside it, and cast back when the workbook opens. */
import { ident } from './quote';
import type { ColumnInfo } from '../engine/catalog';

/** Types stored as text and cast back. A type name from a file goes into SQL only if it matches
 *  this exactly (an ENUM's values as properly quoted literals). */
const RESTORABLE = new RegExp(
  '^(' +
    [
      'DECIMAL\\(\\d{1,2},\\d{1,2}\\)',
      'HUGEINT',
      'UHUGEINT',
      'VARINT',
      'BIGNUM',
      'INTERVAL',
      'UUID',
      'BIT',
      'TIME WITH TIME ZONE',
      'TIMESTAMP WITH TIME ZONE',
      'TIMESTAMP_NS',
      'TIMESTAMP_MS',
      'TIMESTAMP_S',
      "ENUM\\('(?:[^']|'')*'(?:, '(?:[^']|'')*')*\\)",
    ].join('|') +
    ')$',
);

/** The same types inside a LIST, STRUCT, MAP or ARRAY: kept as text, and said. */
const FRAGILE_INSIDE = /(DECIMAL\(|HUGEINT|VARINT|BIGNUM|INTERVAL|UUID|\bBIT\b|WITH TIME ZONE|TIMESTAMP_(NS|MS|S)\b|ENUM\()/;

export type StoredAs = 'native' | 'text' | 'lossy';

export function storedAs(type: string): StoredAs {
  if (RESTORABLE.test(type)) return 'text';
  return FRAGILE_INSIDE.test(type) ? 'lossy' : 'native';
}

export const isRestorableType = (type: string) => RESTORABLE.test(type);

/** The rows of `table` as they are saved: fragile columns as text, the others as they are. */
export function selectForStorage(table: string, columns: ColumnInfo[]): string {
  const list = columns.map((c) => (storedAs(c.type) === 'native' ? ident(c.name) : `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}`));
  return `SELECT ${list.length > 0 ? list.join(', ') : '*'} FROM ${ident(table)}`;
}

/** Every column of `table` as text (when even the careful form could not be written). */
export function selectAllAsText(table: string, columns: ColumnInfo[]): string {
  return `SELECT ${columns.map((c) => `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}`).join(', ')} FROM ${ident(table)}`;
}

/** Puts a column stored as text back to its type (`type` already checked by isRestorableType). */
export function restoreColumnType(table: string, column: string, type: string): string {
  if (!isRestorableType(type)) throw new Error(`not a type that can be restored: ${type}`);
  return `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} SET DATA TYPE ${type}`;
}
