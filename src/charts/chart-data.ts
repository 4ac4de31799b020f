/** Arrow result → the plain rows Plot draws, capped so a huge result cannot freeze the page. */
import type { Table } from 'apache-arrow';
import { columnsOf, numericValue, rawValue } from '../results/columns';
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
  const n = Math.min(table.numRows, MAX_CHART_ROWS);
  const out: ChartDatum[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const xv = xs?.get(r);
    const x =
      xCol.kind === 'date' || xCol.kind === 'timestamp'
        ? new Date(Number(xv))
        : xCol.kind === 'number' && !xCol.plain
          ? (numericValue(xv) ?? 0)
          : rawValue(xv, xCol.kind);
    out[r] = { x, y: numericValue(ys?.get(r)), color: cs ? rawValue(cs.get(r), columns[ci]!.kind) : null };
  }
  return spec.lastOf ? lastOnly(table, spec.lastOf, out) : out;
}

/** The rows whose `column` holds its largest value (the last year). */
function lastOnly(table: Table, column: string, data: ChartDatum[]): ChartDatum[] {
  const i = table.schema.fields.findIndex((f) => f.name === column);
  const v = i >= 0 ? table.getChildAt(i) : null;
  if (!v) return data;
  const values = data.map((_, r) => numericValue(v.get(r)));
  const max = values.reduce<number>((m, x) => (x !== null && x > m ? x : m), -Infinity);
  return Number.isFinite(max) ? data.filter((_, r) => values[r] === max) : data;
}

/** The value of `lastOf` the chart shows (for its caption), or null. */
export function lastValue(table: Table, spec: ChartSpec): number | null {
  if (!spec.lastOf) return null;
  const i = table.schema.fields.findIndex((f) => f.name === spec.lastOf);
  const v = i >= 0 ? table.getChildAt(i) : null;
  if (!v) return null;
  let max: number | null = null;
  for (let r = 0; r < table.numRows; r++) {
    const x = numericValue(v.get(r));
    if (x !== null && (max === null || x > max)) max = x;
  }
  return max;
}

/** Bar charts with more categories (or bars) than this cannot be read and take seconds to
 *  draw: the chart asks for a filter instead. */
export const MAX_BAR_CATEGORIES = 200;
export const MAX_BARS = 2000;

/** How many distinct x values a bar chart of `data` would have, when that is too many. */
export function tooManyBars(data: ChartDatum[], spec: ChartSpec): number | null {
  if (spec.type === 'line' || spec.type === 'heat') return null;
  const xs = new Set(data.map((d) => (d.x instanceof Date ? d.x.getTime() : d.x)));
  return xs.size > MAX_BAR_CATEGORIES || data.length > MAX_BARS ? xs.size : null;
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
