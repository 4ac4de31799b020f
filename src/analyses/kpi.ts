/** A KPI: one figure for the last year in view, its change against the year before, and the
 *  trend over the years. Built on the same generated SQL as the analyses.
 *  When the table has quarters or months and the last year does not have all of them yet,
 *  the change is "so với cùng kỳ": against the same quarters (months) of the year before,
 *  not against a whole year. */
import { plainRows } from '../results/columns';
import type { Table } from 'apache-arrow';
import { LEVELS } from '../domain/classification';
import { factSource, type SemanticModel } from '../domain/semantic-model';
import { wordsKey } from '../domain/text-key';
import type { MessageKey } from '../i18n/vi';
import { compareVi } from '../format/collate';
import { unitCoverageQuery, type BuiltQuery, type Labels } from '../sql/analysis';
import { buildAnalysis, defaultMeasure, tableOf, type AnalysisOptions, type BuiltAnalysis } from './catalogue';

export interface KpiFigures {
  /** What is counted (the measure's or the level's name). */
  label: string;
  year: number;
  value: number;
  previousYear: number | null;
  /** The year before: all of it, or its same periods when `samePeriods` is set. */
  previous: number | null;
  change: number | null;
  changePct: number | null;
  /** The quarters (months) the last year has, when it has fewer than the year before:
   *  `previous` covers only these. Null: whole years are compared. */
  samePeriods: number[] | null;
  /** The period column's name ("Quý", "Tháng"), when the table has one. */
  periodLabel: string | null;
  /** Value per year, oldest first (the last year as far as it goes). */
  series: { year: number; value: number }[];
}

export interface KpiQuery extends BuiltAnalysis {
  /** The period column of the result (year and period are both grouped), or null. */
  period: string | null;
}

/** The yearly series behind a KPI. Classification counts the units rated at the top level;
 *  the others add up the analysis's measure over the whole province, by year and period. */
export function buildKpi(o: AnalysisOptions, model: SemanticModel, labels: Labels): KpiQuery {
  if (o.kind === 'classification') return { ...buildAnalysis({ ...o, view: 'distribution' }, model, labels), chart: null, period: null };
  const table = tableOf(o, model);
  const measure = o.kind === 'custom' ? o.measure : (o.measure ?? defaultMeasure(o.kind, model, table));
  const period = factSource(model, table)?.period ?? null;
  const yearly: AnalysisOptions = { ...o, kind: 'custom', view: 'custom', table, measure, aggregate: o.kind === 'custom' ? o.aggregate : 'sum', dims: period ? ['year', 'period'] : ['year'], compare: 'none', top: 0 };
  return { ...buildAnalysis(yearly, model, labels), chart: null, period };
}

/** Value per year and period ('' when there are no periods). */
type Grid = Map<number, Map<number | '', number>>;

/** Rows as plain objects: from an Arrow table, or as given (the report writer has rows). */
const rowsOf = (table: Table | Record<string, unknown>[]): Record<string, unknown>[] => (Array.isArray(table) ? table : plainRows(table));

function readGrid(table: Table | Record<string, unknown>[], o: Pick<AnalysisOptions, 'kind'>, labels: Labels, period: string | null): { grid: Grid; label: string } {
  const top = LEVELS[0]!.name;
  const grid: Grid = new Map();
  let label = '';
  const add = (year: number, p: number | '', value: unknown) => {
    const periods = grid.get(year) ?? new Map<number | '', number>();
    grid.set(year, periods);
    periods.set(p, (periods.get(p) ?? 0) + (value === null || value === undefined ? 0 : Number(value)));
  };
  for (const row of rowsOf(table)) {
    const year = Number(row[labels.year]);
    if (!Number.isFinite(year)) continue;
    const p = period && row[period] !== null && Number.isFinite(Number(row[period])) ? Number(row[period]) : '';
    if (o.kind === 'classification') {
      label = top;
      add(year, p, row[labels.level] === top ? row[labels.count] : 0);
    } else {
      const measure = Object.keys(row).find((k) => k !== labels.year && k !== period);
      label = measure ?? '';
      add(year, p, measure ? row[measure] : null);
    }
  }
  return { grid, label };
}

const total = (periods: Map<number | '', number>, only?: Set<number | ''>) => [...periods].reduce((a, [p, v]) => (only && !only.has(p) ? a : a + v), 0);

/** The figures of a KPI from its query's rows (year, and period when `period` names one). */
export function kpiFigures(table: Table | Record<string, unknown>[], o: Pick<AnalysisOptions, 'kind'>, labels: Labels, period: string | null = null): KpiFigures | null {
  const { grid, label } = readGrid(table, o, labels, period);
  const series = [...grid].map(([year, periods]) => ({ year, value: total(periods) })).sort((a, b) => a.year - b.year);
  const last = series.at(-1);
  if (!last) return null;
  const lastPeriods = new Set([...grid.get(last.year)!.keys()].filter((p) => p !== ''));
  const before = grid.get(last.year - 1);
  const beforePeriods = [...(before?.keys() ?? [])].filter((p) => p !== '');
  // A year still under way: compare with the same quarters (months) of the year before.
  const partial = before !== undefined && lastPeriods.size > 0 && beforePeriods.some((p) => !lastPeriods.has(p));
  const previous = before ? total(before, partial ? lastPeriods : undefined) : null;
  const change = previous !== null ? last.value - previous : null;
  return {
    label,
    year: last.year,
    value: last.value,
    previousYear: before ? last.year - 1 : null,
    previous,
    change,
    changePct: previous !== null && previous !== 0 && change !== null ? Math.round((1000 * change) / previous) / 10 : null,
    samePeriods: partial ? [...lastPeriods].map(Number).sort((a, b) => a - b) : null,
    periodLabel: period,
    series,
  };
}

/** Whether the two years of a KPI are like for like: the units (and, with quarters or months,
 *  the periods) that reported each year. */
export interface KpiCoverage {
  /** Unit types whose reporting units differ between the years: how many reported in each. */
  changes: { unitType: string; before: number; now: number; districtLevelEnded: boolean }[];
  /** Units of a type that reported in both years but for fewer periods in the last one. */
  partial: { unitType: string; units: number; periods: number[]; districtLevelEnded: boolean }[];
  /** The figure over what reported in both years: the same units, and the same periods of
   *  them (null: the years are like for like already). */
  likeForLike: { units: number; value: number; previous: number; change: number; changePct: number | null } | null;
}

/** The query behind a KPI's coverage (null: no unit column, or no year before to compare). */
export function buildKpiCoverage(o: AnalysisOptions, model: SemanticModel, f: Pick<KpiFigures, 'year' | 'previousYear'> & Partial<Pick<KpiFigures, 'samePeriods'>>): BuiltQuery | null {
  if (f.previousYear === null) return null;
  const table = tableOf(o, model);
  const source = factSource(model, table);
  if (!source?.unit || !source.year) return null;
  const measure = o.kind === 'classification' ? null : o.kind === 'custom' ? o.measure : (o.measure ?? defaultMeasure(o.kind, model, table));
  return unitCoverageQuery({ source, measure, topLevel: o.kind === 'classification', filters: o.filters, view: o.unitView, years: [f.previousYear, f.year], samePeriods: f.samePeriods ?? null });
}

/** Compares the units that reported in the KPI's two years (the year before counted over the
 *  same quarters when the last year is under way), and sums the units of both years. */
export function kpiCoverage(table: Table | Record<string, unknown>[], f: Pick<KpiFigures, 'year' | 'previousYear' | 'samePeriods'>): KpiCoverage {
  // The query layer hands the same result to the note under a view and to its sentences:
  // worked out once (a change view at a million rows has ~70,000 unit-period rows).
  if (Array.isArray(table)) return table[0] && 'kind' in table[0] ? coverageFromSummary(table, f) : coverageOf(table, f);
  if (table.schema.fields.some((c) => c.name === 'kind')) return coverageFromSummary(plainRows(table), f);
  const key = JSON.stringify([f.year, f.previousYear, f.samePeriods]);
  const known = coverageMemo.get(table) ?? new Map<string, KpiCoverage>();
  coverageMemo.set(table, known);
  if (!known.has(key)) known.set(key, coverageOf(table, f));
  return known.get(key)!;
}

const coverageMemo = new WeakMap<Table, Map<string, KpiCoverage>>();

/** The same answer from the engine's summary (sql/analysis `unitCoverageQuery`, which has
 *  applied `samePeriods` already). */
function coverageFromSummary(rows: Record<string, unknown>[], f: Pick<KpiFigures, 'year'>): KpiCoverage {
  const ended = (type: string) => f.year >= 2025 && /cap huyen/.test(wordsKey(type));
  const of = (kind: string) => rows.filter((r) => r.kind === kind).sort((a, b) => compareVi(String(a.unit_type), String(b.unit_type)));
  const changes = of('type')
    .filter((r) => Number(r.differ) > 0)
    .map((r) => ({ unitType: String(r.unit_type), before: Number(r.before), now: Number(r.now), districtLevelEnded: ended(String(r.unit_type)) }));
  const partial = of('partial')
    .filter((r) => Number(r.units) > 0)
    .map((r) => ({ unitType: String(r.unit_type), units: Number(r.units), periods: listOf(r.periods), districtLevelEnded: ended(String(r.unit_type)) }));
  if (changes.length === 0 && partial.length === 0) return { changes, partial, likeForLike: null };
  const lfl = of('lfl')[0] ?? {};
  const value = Number(lfl.value ?? 0);
  const previous = Number(lfl.previous ?? 0);
  const change = value - previous;
  return { changes, partial, likeForLike: { units: Number(lfl.units ?? 0), value, previous, change, changePct: previous !== 0 ? Math.round((1000 * change) / previous) / 10 : null } };
}

const listOf = (v: unknown): number[] => (v && typeof (v as { toArray?: unknown }).toArray === 'function' ? Array.from((v as { toArray(): ArrayLike<number> }).toArray(), Number) : Array.isArray(v) ? v.map(Number) : []);

function coverageOf(table: Table | Record<string, unknown>[], f: Pick<KpiFigures, 'year' | 'previousYear' | 'samePeriods'>): KpiCoverage {
  const only = f.samePeriods ? new Set(f.samePeriods) : null;
  type Unit = { type: string; periods: Map<string, number> };
  const years = new Map<number, Map<string, Unit>>();
  for (const r of rowsOf(table)) {
    const row = r as { year: number; period: string | null; unit_key: string; unit_type: string | null; v: unknown };
    const year = Number(row.year);
    if (year === f.previousYear && only && row.period !== null && !only.has(Number(row.period))) continue;
    const units = years.get(year) ?? new Map<string, Unit>();
    years.set(year, units);
    const unit = units.get(row.unit_key) ?? { type: row.unit_type ?? '', periods: new Map<string, number>() };
    const p = row.period ?? '';
    unit.periods.set(p, (unit.periods.get(p) ?? 0) + (row.v === null || row.v === undefined ? 0 : Number(row.v)));
    units.set(row.unit_key, unit);
  }
  const before = years.get(f.previousYear ?? NaN) ?? new Map<string, Unit>();
  const now = years.get(f.year) ?? new Map<string, Unit>();
  const ended = (type: string) => f.year >= 2025 && /cap huyen/.test(wordsKey(type));
  const types = [...new Set([...before.values(), ...now.values()].map((u) => u.type))].sort(compareVi);
  const count = (m: Map<string, Unit>, type: string) => [...m.values()].filter((u) => u.type === type).length;
  const keysOf = (m: Map<string, Unit>, type: string) => [...m].filter(([, u]) => u.type === type).map(([k]) => k).sort().join('\u0000');
  const changes = types
    .filter((type) => keysOf(before, type) !== keysOf(now, type))
    .map((unitType) => ({ unitType, before: count(before, unitType), now: count(now, unitType), districtLevelEnded: ended(unitType) }));
  // Units in both years whose last year lacks periods the year before had.
  const both = [...now.keys()].filter((k) => before.has(k));
  const short = both.filter((k) => [...before.get(k)!.periods.keys()].some((p) => !now.get(k)!.periods.has(p)));
  const partial = types
    .map((unitType) => {
      const list = short.filter((k) => now.get(k)!.type === unitType);
      const periods = [...new Set(list.flatMap((k) => [...now.get(k)!.periods.keys()]))].map(Number).filter(Number.isFinite).sort((a, b) => a - b);
      return { unitType, units: list.length, periods, districtLevelEnded: ended(unitType) };
    })
    .filter((p) => p.units > 0);
  if (changes.length === 0 && partial.length === 0) return { changes, partial, likeForLike: null };
  // Like for like: each unit of both years over the periods it reported in both.
  let value = 0;
  let previous = 0;
  for (const k of both) {
    const a = before.get(k)!.periods;
    for (const [p, v] of now.get(k)!.periods)
      if (a.has(p)) {
        value += v;
        previous += a.get(p)!;
      }
  }
  const change = value - previous;
  return { changes, partial, likeForLike: { units: both.length, value, previous, change, changePct: previous !== 0 ? Math.round((1000 * change) / previous) / 10 : null } };
}

/** The coverage in words: which units (and periods) reported differently in the last year. */
export function coverageText(c: KpiCoverage, year: number, periodLabel: string | null, say: (key: MessageKey, params: Record<string, string | number>) => string, num: (n: number) => string): string {
  const periods = (p: number[]) => {
    const run = p.length > 1 && p.every((v, i) => i === 0 || v === p[i - 1]! + 1);
    return `${periodLabel ?? ''} ${run ? `${p[0]}–${p.at(-1)}` : p.join(', ')}`.trim();
  };
  return [
    ...c.changes.map((x) =>
      x.districtLevelEnded
        ? say('dashboard.kpi.districtsReported', { year, now: num(x.now), before: num(x.before) })
        : say('dashboard.kpi.reported', { year, now: num(x.now), before: num(x.before), type: x.unitType }),
    ),
    ...c.partial.map((x) => say(x.districtLevelEnded ? 'dashboard.kpi.districtsPartial' : 'dashboard.kpi.partial', { year, n: num(x.units), type: x.unitType, periods: periods(x.periods) })),
  ].join('; ');
}
