/** Arrow result → the plain rows Plot draws, capped so a huge result cannot freeze the page. */
import type { Table } from 'apache-arrow';
import { columnValues, columnsOf, numericValue, rawValue } from '../results/columns';
import type { ChartSpec } from './chart-spec';

export const MAX_CHART_ROWS = 5000;

export interface ChartDatum {
  x: string | number | Date;
  y: number | null;
  color: string | null;
}

export function chartData(table: Table, spec: ChartSpec): ChartDatum[] {
  const columns = columnsOf(table);
  const index = (name: string) => columns.findIndex((c) => c.name === name);
  const xi = index(spec.x);
  const yi = index(spec.y);
  const ci = spec.color ? index(spec.color) : -1;
  // A spec naming columns the result does not have draws nothing rather than failing.
  if (xi < 0 || yi < 0) return [];
  const xCol = columns[xi]!;
  const xs = table.getChildAt(xi);
  const ys = table.getChildAt(yi);
  const cs = ci >= 0 ? table.getChildAt(ci) : null;
  // The last year is picked from every row before the cap: capped first, a result ordered by
  // year kept its earliest years only, and the chart drew one of them as "the last".
  const rows = spec.lastOf ? lastRows(table, spec.lastOf) : null;
  const n = Math.min(rows ? rows.length : table.numRows, MAX_CHART_ROWS);
  const out: ChartDatum[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i]! : i;
    const xv = xs?.get(r);
    const x =
      xCol.kind === 'date' || xCol.kind === 'timestamp'
        ? new Date(Number(xv))
        : xCol.kind === 'number' && !xCol.plain
          ? (numericValue(xv) ?? 0)
          : rawValue(xv, xCol.kind);
    out[i] = { x, y: numericValue(ys?.get(r)), color: cs ? rawValue(cs.get(r), columns[ci]!.kind) : null };
  }
  return out;
}

/** The rows whose `column` holds its largest value (the last year); null when the column is
 *  missing or holds no number (every row is drawn). */
function lastRows(table: Table, column: string): number[] | null {
  const values = numbersOf(table, column);
  const max = values ? largest(values) : null;
  if (max === null || !values) return null;
  const rows: number[] = [];
  for (let r = 0; r < values.length; r++) if (values[r] === max) rows.push(r);
  return rows;
}

/** The value of `lastOf` the chart shows (for its caption), or null. */
export function lastValue(table: Table, spec: Pick<ChartSpec, 'lastOf'>): number | null {
  const values = spec.lastOf ? numbersOf(table, spec.lastOf) : null;
  return values ? largest(values) : null;
}

/** A column's values as numbers (null: not a finite number), read once for every row. */
function numbersOf(table: Table, column: string): (number | null)[] | null {
  const i = table.schema.fields.findIndex((f) => f.name === column);
  return i < 0 ? null : columnValues(table, i).map(numericValue);
}

function largest(values: (number | null)[]): number | null {
  let max: number | null = null;
  for (const x of values) if (x !== null && (max === null || x > max)) max = x;
  return max;
}

/** Bar charts with more categories (or bars) than this cannot be read and take seconds to
 *  draw: the chart asks for a filter instead. */
export const MAX_BAR_CATEGORIES = 200;
export const MAX_BARS = 2000;
/** Rows of a heat table (units × years): more cannot be read on a screen, and 5,000 of them
 *  were 15,000 SVG elements (taking them down delayed the next view by ~90 ms). */
export const MAX_HEAT_ROWS = 200;

/** A chart that would be unreadable: how many values of which column it would need. */
export interface Crowding {
  n: number;
  column: string;
  kind: 'bars' | 'rows';
}

/** Whether `data` is too much for its chart: distinct x values of a bar chart, or rows of a heat
 *  table (its colour column, units, or else x); null when it can be drawn. */
export function tooCrowded(data: ChartDatum[], spec: ChartSpec): Crowding | null {
  if (spec.type === 'line') return null;
  const key = (x: ChartDatum['x']) => (x instanceof Date ? x.getTime() : x);
  if (spec.type === 'heat') {
    const rows = new Set(data.map((d) => (spec.color ? d.color : key(d.x))));
    return rows.size > MAX_HEAT_ROWS ? { n: rows.size, column: spec.color ?? spec.x, kind: 'rows' } : null;
  }
  const xs = new Set(data.map((d) => key(d.x)));
  return xs.size > MAX_BAR_CATEGORIES || data.length > MAX_BARS ? { n: xs.size, column: spec.x, kind: 'bars' } : null;
}

/** How many different non-null values each column holds (for the default chart). */
export function distinctCounter(table: Table): (column: string) => number {
  const memo = new Map<string, number>();
  return (column) => {
    let n = memo.get(column);
    if (n === undefined) {
      const v = table.getChild(column);
      const seen = new Set<unknown>();
      for (let r = 0; v && r < v.length && seen.size <= MAX_BAR_CATEGORIES; r++) {
        const x = v.get(r);
        if (x !== null && x !== undefined) seen.add(typeof x === 'object' ? String(x) : x);
      }
      n = seen.size;
      memo.set(column, n);
    }
    return n;
  };
}
