/** A KPI: one figure for the last year in view, its change against the year before, and the
 *  trend over the years. Built on the same generated SQL as the analyses.
 *  When the table has quarters or months and the last year does not have all of them yet,
 *  the change is "so với cùng kỳ": against the same quarters (months) of the year before,
 *  not against a whole year. */
import type { Table } from 'apache-arrow';
import { LEVELS } from '../domain/classification';
import { factSource, type SemanticModel } from '../domain/semantic-model';
import type { Labels } from '../sql/analysis';
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
