/** A KPI: one figure for the last year in view, its change against the year before, and the
 *  trend over the years. Built on the same generated SQL as the analyses.
 *  When the table has quarters or months and the last year does not have all of them yet,
 *  the change is "so với cùng kỳ": against the same quarters (months) of the year before,
 *  not against a whole year. */
import type { Table } from 'apache-arrow';
import { LEVELS } from '../domain/classification';
import { factSource, type SemanticModel } from '../domain/semantic-model';
import { wordsKey } from '../domain/text-key';
import { compareVi } from '../format/collate';
import { unitYearsQuery, type BuiltQuery, type Labels } from '../sql/analysis';
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

function readGrid(table: Table, o: Pick<AnalysisOptions, 'kind'>, labels: Labels, period: string | null): { grid: Grid; label: string } {
  const top = LEVELS[0]!.name;
  const grid: Grid = new Map();
  let label = '';
  const add = (year: number, p: number | '', value: unknown) => {
    const periods = grid.get(year) ?? new Map<number | '', number>();
    grid.set(year, periods);
    periods.set(p, (periods.get(p) ?? 0) + (value === null || value === undefined ? 0 : Number(value)));
  };
  for (const r of table.toArray()) {
    const row = r.toJSON() as Record<string, unknown>;
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
export function kpiFigures(table: Table, o: Pick<AnalysisOptions, 'kind'>, labels: Labels, period: string | null = null): KpiFigures | null {
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

/** Whether the two years of a KPI are like for like: the units that reported each year. */
export interface KpiCoverage {
  /** Unit types whose reporting units differ between the years: how many reported in each. */
  changes: { unitType: string; before: number; now: number; districtLevelEnded: boolean }[];
  /** The figure over the units that reported in both years (null: the same units did). */
  likeForLike: { units: number; value: number; previous: number; change: number; changePct: number | null } | null;
}

/** The query behind a KPI's coverage (null: no unit column, or no year before to compare). */
export function buildKpiCoverage(o: AnalysisOptions, model: SemanticModel, f: KpiFigures): BuiltQuery | null {
  if (f.previousYear === null) return null;
  const table = tableOf(o, model);
  const source = factSource(model, table);
  if (!source?.unit || !source.year) return null;
  const measure = o.kind === 'classification' ? null : o.kind === 'custom' ? o.measure : (o.measure ?? defaultMeasure(o.kind, model, table));
  return unitYearsQuery({ source, measure, topLevel: o.kind === 'classification', filters: o.filters, view: o.unitView, years: [f.previousYear, f.year] });
}

/** Compares the units that reported in the KPI's two years (the year before counted over the
 *  same quarters when the last year is under way), and sums the units of both years. */
export function kpiCoverage(table: Table, f: KpiFigures): KpiCoverage {
  const only = f.samePeriods ? new Set(f.samePeriods) : null;
  const years = new Map<number, Map<string, { type: string; v: number }>>();
  for (const r of table.toArray()) {
    const row = r.toJSON() as { year: number; period: string | null; unit_key: string; unit_type: string | null; v: unknown; n: unknown };
    const year = Number(row.year);
    if (year === f.previousYear && only && row.period !== null && !only.has(Number(row.period))) continue;
    const units = years.get(year) ?? new Map<string, { type: string; v: number }>();
    years.set(year, units);
    const unit = units.get(row.unit_key) ?? { type: row.unit_type ?? '', v: 0 };
    unit.v += row.v === null || row.v === undefined ? 0 : Number(row.v);
    units.set(row.unit_key, unit);
  }
  const before = years.get(f.previousYear ?? NaN) ?? new Map<string, { type: string; v: number }>();
  const now = years.get(f.year) ?? new Map<string, { type: string; v: number }>();
  const types = [...new Set([...before.values(), ...now.values()].map((u) => u.type))];
  const count = (m: Map<string, { type: string }>, type: string) => [...m.values()].filter((u) => u.type === type).length;
  const keysOf = (m: Map<string, { type: string }>, type: string) => [...m].filter(([, u]) => u.type === type).map(([k]) => k).sort().join('\u0000');
  const changes = types
    .filter((type) => keysOf(before, type) !== keysOf(now, type))
    .map((unitType) => ({ unitType, before: count(before, unitType), now: count(now, unitType), districtLevelEnded: f.year >= 2025 && /cap huyen/.test(wordsKey(unitType)) }))
    .sort((a, b) => compareVi(a.unitType, b.unitType));
  if (changes.length === 0) return { changes, likeForLike: null };
  const both = [...now.keys()].filter((k) => before.has(k));
  const value = both.reduce((a, k) => a + now.get(k)!.v, 0);
  const previous = both.reduce((a, k) => a + before.get(k)!.v, 0);
  const change = value - previous;
  return { changes, likeForLike: { units: both.length, value, previous, change, changePct: previous !== 0 ? Math.round((1000 * change) / previous) / 10 : null } };
}
