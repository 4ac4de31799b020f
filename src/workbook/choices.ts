/** The choices a person makes while working — the tab open, the analysis set up on the Phân
 *  tích tab, how the SQL result is sorted and charted — as plain data saved with the workbook,
 *  so a reload (or the workbook file) brings the same view back. Read defensively: a file
 *  from another version, or hand-edited, falls back to the defaults field by field. */
import { ANALYSIS_KINDS, defaultAnalysisOptions, VIEWS, type AnalysisOptions } from '../analyses/catalogue';
import type { ChartSpec } from '../charts/chart-spec';
import { parseChart } from '../dashboards/dashboard';
import type { Aggregate, CompareMode, Dimension } from '../sql/analysis';

export type Tab = 'dashboard' | 'analyses' | 'sql' | 'semantics';
export const TABS: Tab[] = ['dashboard', 'analyses', 'sql', 'semantics'];

/** The SQL result's order, for the query it was chosen on (another query starts unsorted). */
export interface GridSort {
  sql: string;
  column: string;
  descending: boolean;
}

export interface WorkbookChoices {
  tab: Tab;
  analysis: AnalysisOptions;
  /** The analysis shown as a table instead of its chart. */
  analysisAsTable: boolean;
  gridSort: GridSort | null;
  /** The chart under the SQL result. */
  sqlChart: ChartSpec | null;
}

export function defaultChoices(): WorkbookChoices {
  return { tab: 'sql', analysis: defaultAnalysisOptions(), analysisAsTable: false, gridSort: null, sqlChart: null };
}

const AGGREGATES: Aggregate[] = ['sum', 'avg', 'min', 'max', 'count', 'countUnits'];
const COMPARES: CompareMode[] = ['none', 'change', 'share', 'rank', 'vsAverage', 'vsTotal'];
const DIMENSIONS: Dimension[] = ['year', 'period', 'unit', 'unitType', 'category', 'level'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T>(values: readonly T[], v: unknown, fallback: T): T => (values.includes(v as T) ? (v as T) : fallback);
const yearOrNull = (v: unknown) => (Number.isInteger(v) ? (v as number) : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function parseAnalysisOptions(v: unknown): AnalysisOptions {
  const d = defaultAnalysisOptions();
  if (!isObject(v)) return d;
  const kind = oneOf(ANALYSIS_KINDS, v.kind, d.kind);
  const views: readonly string[] = VIEWS[kind];
  const f = isObject(v.filters) ? v.filters : {};
  return {
    kind,
    view: (views.includes(v.view as string) ? v.view : views[0]) as AnalysisOptions['view'],
    table: typeof v.table === 'string' ? v.table : null,
    measure: typeof v.measure === 'string' ? v.measure : null,
    aggregate: oneOf(AGGREGATES, v.aggregate, d.aggregate),
    dims: Array.isArray(v.dims) ? DIMENSIONS.filter((x) => (v.dims as unknown[]).includes(x)) : d.dims,
    compare: oneOf(COMPARES, v.compare, d.compare),
    filters: {
      yearFrom: yearOrNull(f.yearFrom),
      yearTo: yearOrNull(f.yearTo),
      unitTypes: strings(f.unitTypes),
      units: strings(f.units),
      categories: strings(f.categories),
    },
    unitView: oneOf(['asWas', 'current'] as const, v.unitView, d.unitView),
    yearA: yearOrNull(v.yearA),
    yearB: yearOrNull(v.yearB),
    level: oneOf([1, 2, 3, 4], v.level, d.level),
    top: Number.isInteger(v.top) && (v.top as number) >= 0 && (v.top as number) <= 1000 ? (v.top as number) : d.top,
  };
}

export function parseChoices(v: unknown): WorkbookChoices {
  const d = defaultChoices();
  if (!isObject(v)) return d;
  const s = v.gridSort;
  return {
    tab: oneOf(TABS, v.tab, d.tab),
    analysis: parseAnalysisOptions(v.analysis),
    analysisAsTable: v.analysisAsTable === true,
    gridSort: isObject(s) && typeof s.sql === 'string' && typeof s.column === 'string' ? { sql: s.sql, column: s.column, descending: s.descending === true } : null,
    sqlChart: parseChart(v.sqlChart),
  };
}
