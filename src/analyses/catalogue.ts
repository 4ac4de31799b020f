/** The analyses a user can run without SQL: what each view computes, on which table, and the
 *  chart it shows by default. Each one is a generated query (sql/analysis.ts) on the
 *  semantic layer, so its SQL can be shown and opened in the editor. */
import type { ChartSpec } from '../charts/chart-spec';
import { LEVEL_COLORS } from '../charts/palette';
import { LEVELS } from '../domain/classification';
import { columnsWith, columnWith, tableKind } from '../domain/roles';
import { factSource, type SemanticModel } from '../domain/semantic-model';
import { wordsKey } from '../domain/text-key';
import type { SortKey } from '../results/sort-table';
import {
  belowLevelQuery,
  comparisonQuery,
  missingUnitsQuery,
  unitCoverageQuery,
  transitionMatrixQuery,
  transitionQuery,
  type Aggregate,
  type BuiltQuery,
  type CompareMode,
  type Dimension,
  type FactSource,
  type Filters,
  type Labels,
  type Measure,
  type UnitView,
  NO_FILTERS,
} from '../sql/analysis';

export type AnalysisKind = 'models' | 'classification' | 'reception' | 'custom';
export const ANALYSIS_KINDS: AnalysisKind[] = ['models', 'classification', 'reception', 'custom'];

export const VIEWS = {
  models: ['byUnit', 'change', 'byField', 'rank', 'share', 'missing'],
  classification: ['distribution', 'distributionPct', 'levelChange', 'transitions', 'matrix', 'score', 'below'],
  reception: ['byUnit', 'byPeriod', 'bySubject', 'sameTimeLastYear', 'top'],
  custom: ['custom'],
} as const satisfies Record<AnalysisKind, readonly string[]>;
export type AnalysisView = (typeof VIEWS)[AnalysisKind][number];

export interface AnalysisOptions {
  kind: AnalysisKind;
  view: AnalysisView;
  /** null: the table the analysis finds best suited. */
  table: string | null;
  /** The measure column compared (null: the analysis's default; for `custom`, count rows). */
  measure: string | null;
  aggregate: Aggregate;
  /** `custom` only. */
  dims: Dimension[];
  compare: CompareMode;
  filters: Filters;
  unitView: UnitView;
  /** Transitions: from year A to year B. */
  yearA: number | null;
  yearB: number | null;
  /** Units below this level (1 = Hoàn thành xuất sắc … 4). */
  level: number;
  top: number;
}

/** What a new analysis starts with: models per unit and year, all filters open. */
export function defaultAnalysisOptions(): AnalysisOptions {
  return {
    kind: 'models',
    view: 'byUnit',
    table: null,
    measure: null,
    aggregate: 'sum',
    dims: ['year', 'unit'],
    compare: 'none',
    filters: NO_FILTERS,
    unitView: 'asWas',
    yearA: null,
    yearB: null,
    level: 2,
    top: 10,
  };
}

export interface BuiltAnalysis {
  table: string;
  query: BuiltQuery;
  /** null: no chart suits it (a list of units); 'auto': the chart picks from the result. */
  chart: ChartSpec | 'auto' | null;
  /** The order the rows are shown in, applied in the page (sql/analysis orders text by code
   *  point): names in Vietnamese order, ranks and changes by value. Empty: as the query gives. */
  order: SortKey[];
  /** Change views: who reported in a year and the year before (sql/analysis unitYearsQuery),
   *  so the view can say when the two are not like for like. */
  coverage?: { query: (year: number) => BuiltQuery; periodLabel: string | null };
}

export class AnalysisUnavailable extends Error {
  constructor(readonly reason: 'noTable' | 'tableGone' | 'noYear' | 'noUnit' | 'noLevel' | 'noMeasure' | 'noYears') {
    super(reason);
    this.name = 'AnalysisUnavailable';
  }
}

const matches = (text: string, pattern: RegExp) => pattern.test(wordsKey(text));

/** Fact tables suited to an analysis, best first. */
export function tablesFor(kind: AnalysisKind, model: SemanticModel): string[] {
  const facts = Object.entries(model.tables).filter(([, t]) => tableKind(t.roles) === 'facts');
  const score = ([name, t]: (typeof facts)[number]): number => {
    const measures = columnsWith(t.roles, 'measure');
    switch (kind) {
      case 'models':
        return (matches(name, /mo hinh/) ? 2 : 0) + (measures.some((m) => matches(m, /mo hinh/)) ? 2 : 0) - (measures.length === 0 ? 9 : 0);
      case 'classification':
        return columnWith(t.roles, 'level') ? 4 : -9;
      case 'reception':
        return (matches(name, /tiep cong dan/) ? 2 : 0) + (measures.some((m) => matches(m, /luot tiep/)) ? 2 : 0) - (measures.length === 0 ? 9 : 0);
      case 'custom':
        return 0;
    }
  };
  return facts
    .map((f) => ({ name: f[0], s: score(f) }))
    .filter((f) => f.s >= 0)
    .sort((a, b) => b.s - a.s)
    .map((f) => f.name);
}

export function measuresOf(model: SemanticModel, table: string): string[] {
  const roles = model.tables[table]?.roles ?? {};
  return [...columnsWith(roles, 'measure'), ...columnsWith(roles, 'score')];
}

export function defaultMeasure(kind: AnalysisKind, model: SemanticModel, table: string): string | null {
  const measures = measuresOf(model, table);
  if (kind === 'models') return measures.find((m) => matches(m, /mo hinh/)) ?? measures[0] ?? null;
  if (kind === 'reception') return measures.find((m) => matches(m, /luot tiep/)) ?? measures[0] ?? null;
  if (kind === 'classification') return columnWith(model.tables[table]?.roles ?? {}, 'score');
  return null;
}

/** Reception shows turns, people and large delegations side by side, the chosen one first. */
function receptionMeasures(model: SemanticModel, table: string, first: string): Measure[] {
  const others = measuresOf(model, table).filter((m) => m !== first && matches(m, /luot|nguoi|doan/));
  return [first, ...others].map((column) => ({ column, aggregate: 'sum' as const, label: column }));
}

const need = <T>(value: T | null | undefined, reason: AnalysisUnavailable['reason']): T => {
  if (value === null || value === undefined) throw new AnalysisUnavailable(reason);
  return value;
};

/** The table an analysis runs on: the one it is bound to, or (not bound yet) the best suited.
 *  A bound table that is gone is said, never silently replaced by another. */
export function tableOf(o: Pick<AnalysisOptions, 'kind' | 'table'>, model: SemanticModel): string {
  if (o.table !== null) {
    if (!model.tables[o.table]) throw new AnalysisUnavailable('tableGone');
    return o.table;
  }
  return need(tablesFor(o.kind, model)[0], 'noTable');
}

/** Binds an analysis to the table it would run on now, so later imports never change it. */
export function bound(o: AnalysisOptions, model: SemanticModel): AnalysisOptions {
  if (o.table !== null) return o;
  const table = tablesFor(o.kind, model)[0];
  return table ? { ...o, table } : o;
}

export function buildAnalysis(o: AnalysisOptions, model: SemanticModel, labels: Labels): BuiltAnalysis {
  const table = tableOf(o, model);
  const source = need(factSource(model, table), 'noTable');
  const base = { source, filters: o.filters, view: o.unitView, labels };
  const built = (query: BuiltQuery, chart: BuiltAnalysis['chart'], order: SortKey[] = []): BuiltAnalysis => ({ table, query, chart, order });
  const withCoverage = (b: BuiltAnalysis, measure: string | null, topLevel = false): BuiltAnalysis =>
    source.unit ? { ...b, coverage: { query: (year) => unitCoverageQuery({ source, measure, topLevel, filters: o.filters, view: o.unitView, years: [year - 1, year], samePeriods: null }), periodLabel: source.period } } : b;
  const asc = (...columns: (string | null)[]): SortKey[] => columns.filter((c): c is string => !!c).map((column) => ({ column }));
  const byYearThen = (column: string, descending: boolean, ...then: (string | null)[]): SortKey[] => [{ column: labels.year }, { column, descending }, ...asc(...then)];
  const measureColumn = o.measure && measuresOf(model, table).includes(o.measure) ? o.measure : defaultMeasure(o.kind, model, table);
  const sumOf = (column: string | null): Measure => ({ column, aggregate: 'sum', label: column ?? labels.count });
  const chart = (type: ChartSpec['type'], x: string, y: string, color: string | null = null): ChartSpec => ({ type, x, y, color });
  const levels = { values: LEVELS.map((l) => l.name), colors: LEVEL_COLORS };
  const byLevel = (type: ChartSpec['type'], x: string, y: string, color: string): ChartSpec => ({ type, x, y, color, colorOrder: levels });
  const multiYear = o.filters.yearFrom === null || o.filters.yearTo === null || o.filters.yearFrom !== o.filters.yearTo;
  // Ranks, top-N and changes: one list sorted by value, for the last year shown.
  const lastYear = (type: ChartSpec['type'], x: string, y: string): ChartSpec => ({ type, x, y, color: null, lastOf: labels.year });
  // Unit × year: a table of figures (units as rows, years as columns); one year: sorted bars.
  const unitByYear = (y: string): ChartSpec => (multiYear ? { type: 'heat', x: labels.year, y, color: labels.unit } : lastYear('hbar', labels.unit, y));

  switch (o.kind) {
    case 'models': {
      need(source.unit, 'noUnit');
      need(source.year, 'noYear');
      const m = sumOf(need(measureColumn, 'noMeasure'));
      const compare = (dims: Dimension[], mode: CompareMode) => comparisonQuery({ ...base, measures: [m], dims, compare: mode });
      switch (o.view) {
        case 'change':
          return withCoverage(built(compare(['year', 'unit'], 'change'), lastYear('diverging', labels.unit, labels.change), byYearThen(labels.change, true, labels.unit)), m.column);
        case 'byField':
          return built(compare(['year', 'category'], 'share'), chart('stackedBar', labels.year, m.label, source.category), asc(labels.year, source.category));
        case 'rank':
          return built(compare(['year', 'unit'], 'rank'), lastYear('hbar', labels.unit, m.label), byYearThen(labels.rank, false, labels.unit));
        case 'share':
          return built(compare(['year', 'unit'], 'vsTotal'), lastYear('hbar', labels.unit, labels.share), byYearThen(labels.share, true, labels.unit));
        case 'missing':
          return built(missingUnitsQuery({ ...base, measure: m, presence: Object.keys(model.tables).map((t) => factSource(model, t)).filter((s): s is FactSource => !!s) }), null, asc(labels.year, labels.unitType, labels.unit));
        default:
          return built(compare(['year', 'unit'], 'none'), unitByYear(m.label), asc(labels.year, labels.unit));
      }
    }
    case 'classification': {
      need(source.level, 'noLevel');
      need(source.year, 'noYear');
      const count: Measure = { column: null, aggregate: 'count', label: labels.count };
      switch (o.view) {
        case 'distributionPct':
          return built(comparisonQuery({ ...base, measures: [count], dims: ['year', 'level'], compare: 'vsTotal' }), byLevel('stackedBar', labels.year, labels.share, labels.level));
        case 'levelChange':
          return withCoverage(built(comparisonQuery({ ...base, measures: [count], dims: ['year', 'level'], compare: 'change' }), byLevel('groupedBar', labels.year, labels.change, labels.level)), null, true);
        case 'transitions':
        case 'matrix': {
          const spec = { ...base, from: need(o.yearA, 'noYears'), to: need(o.yearB, 'noYears') };
          if (o.view === 'transitions') return built(transitionQuery(spec), null);
          return built(transitionMatrixQuery(spec), byLevel('groupedBar', `${labels.level} ${spec.from}`, labels.count, `${labels.level} ${spec.to}`));
        }
        case 'score': {
          const score = need(measureColumn, 'noMeasure');
          const dims: Dimension[] = source.unitType || source.unit ? ['year', 'unitType'] : ['year'];
          return built(
            comparisonQuery({ ...base, measures: [{ column: score, aggregate: 'avg', label: score }], dims, compare: 'none' }),
            chart('line', labels.year, score, dims.length > 1 ? labels.unitType : null),
          );
        }
        case 'below':
          return built(belowLevelQuery({ ...base, score: measureColumn, rank: o.level, scoreLabel: measureColumn ?? '' }), null);
        default:
          return built(comparisonQuery({ ...base, measures: [count], dims: ['year', 'level'], compare: 'vsTotal' }), byLevel('stackedBar', labels.year, labels.count, labels.level));
      }
    }
    case 'reception': {
      need(source.year, 'noYear');
      const first = need(measureColumn, 'noMeasure');
      const measures = receptionMeasures(model, table, first);
      const compare = (dims: Dimension[], mode: CompareMode, top?: number) => comparisonQuery({ ...base, measures, dims, compare: mode, top });
      const period = source.period ?? labels.year;
      switch (o.view) {
        case 'byPeriod':
          return built(compare(source.period ? ['year', 'period'] : ['year'], 'none'), chart('line', source.period ? period : labels.year, first, source.period ? labels.year : null));
        case 'bySubject':
          return built(compare(['year', 'category'], 'share'), chart('stackedBar', labels.year, first, source.category), asc(labels.year, source.category));
        case 'sameTimeLastYear':
          return withCoverage(built(compare(source.period ? ['year', 'period'] : ['year'], 'change'), chart('groupedBar', labels.year, labels.change, source.period)), first);
        case 'top':
          need(source.unit, 'noUnit');
          return built(compare(['year', 'unit'], 'none', o.top), lastYear('hbar', labels.unit, first), byYearThen(first, true, labels.unit));
        default:
          need(source.unit, 'noUnit');
          return built(compare(['year', 'unit'], 'none'), unitByYear(first), asc(labels.year, labels.unit));
      }
    }
    case 'custom': {
      const measure: Measure = measureColumn ? { column: measureColumn, aggregate: o.aggregate, label: `${measureColumn}` } : { column: null, aggregate: 'count', label: labels.count };
      const usable = o.dims.filter((d) => (d === 'year' ? source.year : d === 'period' ? source.period : d === 'unit' || d === 'unitType' ? source.unit || source.unitType : d === 'category' ? source.category : source.level));
      return built(comparisonQuery({ ...base, measures: [measure], dims: usable, compare: o.compare, top: o.top > 0 ? o.top : undefined }), 'auto', customOrder(usable, o.compare, source, labels));
    }
  }
}

/** A custom analysis's rows: the groups in Vietnamese order, then by the comparison's value
 *  (rank, change, share), then the subject by name. Levels keep the query's order (best first). */
function customOrder(dims: Dimension[], compare: CompareMode, source: FactSource, labels: Labels): SortKey[] {
  if (dims.includes('level')) return [];
  const label: Record<Exclude<Dimension, 'level'>, string | null> = { year: labels.year, period: source.period, unit: labels.unit, unitType: labels.unitType, category: source.category };
  const subject = (['unit', 'category', 'unitType', 'period'] as const).find((d) => dims.includes(d)) ?? null;
  const groups = dims.filter((d): d is Exclude<Dimension, 'level'> => d !== 'level' && d !== subject);
  const keys: SortKey[] = groups.map((d) => label[d]).filter((c): c is string => !!c).map((column) => ({ column }));
  if (compare === 'rank') keys.push({ column: labels.rank });
  else if (compare === 'change' && dims.includes('year')) keys.push({ column: labels.change, descending: true });
  else if (compare === 'share' || compare === 'vsTotal') keys.push({ column: labels.share, descending: true });
  const s = subject ? label[subject] : null;
  if (s) keys.push({ column: s });
  return keys;
}
