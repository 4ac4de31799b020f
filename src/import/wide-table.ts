/** Wide report tables (one column per field or per year) → long form (unit, field/year, value).
 *  Detection is a pure function over the loaded columns; DuckDB's UNPIVOT does the work. */
import type { ColumnInfo } from '../engine/catalog';
import { findYear } from './layout';

export interface Unpivot {
  /** The wide columns (final names). */
  columns: string[];
  /** Name of the new column holding the former column names (`Năm`, `Lĩnh vực`). */
  keyName: string;
  /** Name of the new column holding the values (`Số mô hình`). */
  valueName: string;
  /** Text before ` - ` shared by the wide columns, dropped from the key values. */
  prefix: string;
  /** Key values are years: stored as integers. */
  years: boolean;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/;

export function detectWide(columns: ColumnInfo[]): Unpivot | null {
  const numeric = columns.filter((c) => NUMERIC.test(c.type));
  const yearly = numeric.filter((c) => findYear(c.name) !== null && /^\D*(19|20)\d{2}\D*$/.test(c.name));
  if (yearly.length >= 3) {
    return { columns: yearly.map((c) => c.name), keyName: 'Năm', valueName: 'Giá trị', prefix: '', years: true };
  }
  const byPrefix = new Map<string, string[]>();
  for (const c of numeric) {
    const at = c.name.indexOf(' - ');
    if (at > 0) byPrefix.set(c.name.slice(0, at), [...(byPrefix.get(c.name.slice(0, at)) ?? []), c.name]);
  }
  const [prefix, names] = [...byPrefix.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  if (names.length >= 3) return { columns: names, keyName: 'Lĩnh vực', valueName: prefix, prefix, years: false };
  return null;
}
