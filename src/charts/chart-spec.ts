/** What to draw from a result: chart type and which columns go on x, y and colour.
 *  The defaults aim for the chart a report would show with no clicks. */
import type { ResultColumn } from '../results/columns';

/** hbar: horizontal bars sorted by value (ranks, top-N); heat: a table of figures, x as columns
 *  and colour (units) as rows; diverging: horizontal bars either side of zero, sorted (change). */
/** dumbbell: two years of each unit (colour as rows, x the year, y the figure), a dot per year
 *  joined by a line, rows sorted by the later figure. */
export type ChartType = 'bar' | 'groupedBar' | 'stackedBar' | 'line' | 'hbar' | 'heat' | 'diverging' | 'dumbbell';
export const CHART_TYPES: ChartType[] = ['hbar', 'bar', 'groupedBar', 'stackedBar', 'line', 'heat', 'dumbbell', 'diverging'];

export interface ChartSpec {
  type: ChartType;
  x: string;
  y: string;
  color: string | null;
  /** A fixed order (and colours) for the colour series, e.g. classification levels best first;
   *  series not listed follow in the order they appear. */
  colorOrder?: { values: readonly string[]; colors: readonly string[] };
  /** Draw only the rows of the largest value of this column (the last year of a rank or a
   *  change: one sorted list reads better than one per year). */
  lastOf?: string;
}

/** `distinct`: how many different values a column holds (when known): a year with exactly
 *  two values and units in colour is drawn as a dumbbell, one row per unit. */
export function defaultChartSpec(columns: ResultColumn[], distinct?: (column: string) => number): ChartSpec | null {
  const measures = columns.filter((c) => c.kind === 'number' && !c.plain);
  const y = measures.at(-1) ?? columns.filter((c) => c.kind === 'number').at(-1);
  if (!y) return null;
  const rest = columns.filter((c) => c.name !== y.name);
  const time = rest.find((c) => c.plain || c.kind === 'date' || c.kind === 'timestamp');
  const category = rest.find((c) => c.kind === 'text' && c !== time);
  const x = time ?? category ?? rest[0];
  if (!x) return null;
  const color = rest.find((c) => c.kind === 'text' && c.name !== x.name) ?? null;
  const type: ChartType = x.kind === 'date' || x.kind === 'timestamp' ? 'line' : color ? 'groupedBar' : 'bar';
  const spec: ChartSpec = { type, x: x.name, y: y.name, color: color?.name ?? null };
  return type === 'groupedBar' ? twoYears(spec, columns, distinct) : spec;
}

/** Units × years over exactly two years: a dumbbell rather than a heat table or grouped bars
 *  (the chart of a change between two years, with both figures). Only the defaults change: a
 *  type the person chose is kept. */
export function twoYears(spec: ChartSpec, columns: ResultColumn[], distinct?: (column: string) => number): ChartSpec {
  const x = columns.find((c) => c.name === spec.x);
  const color = columns.find((c) => c.name === spec.color);
  if (!distinct || !x?.plain || color?.kind !== 'text' || spec.lastOf || spec.colorOrder) return spec;
  if (spec.type !== 'heat' && spec.type !== 'groupedBar') return spec;
  return distinct(spec.x) === 2 ? { ...spec, type: 'dumbbell' } : spec;
}

/** The chart an analysis's result is drawn with: its own (its units × years table over two
 *  years as a dumbbell; its grouped bars of levels or periods as they are), or, for a result
 *  that names none, the default. */
export function analysisSpec(chart: ChartSpec | 'auto' | null, columns: ResultColumn[], distinct: (column: string) => number): ChartSpec | null {
  if (chart === 'auto') return defaultChartSpec(columns, distinct);
  return chart?.type === 'heat' ? twoYears(chart, columns, distinct) : chart;
}

/** Keeps a spec valid when the result's columns change: unknown columns fall back to defaults. */
export function reconcileSpec(spec: ChartSpec | null, columns: ResultColumn[], distinct?: (column: string) => number): ChartSpec | null {
  const fallback = defaultChartSpec(columns, distinct);
  if (!spec || !fallback) return fallback;
  const names = new Set(columns.map((c) => c.name));
  if (!names.has(spec.x) || !names.has(spec.y)) return fallback;
  return { ...spec, color: spec.color && names.has(spec.color) ? spec.color : null };
}
