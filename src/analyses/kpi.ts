/** A KPI: one figure for the last year in view, its change against the year before, and the
 *  trend over the years. Built on the same generated SQL as the analyses. */
import type { Table } from 'apache-arrow';
import { LEVELS } from '../domain/classification';
import type { SemanticModel } from '../domain/semantic-model';
import type { Labels } from '../sql/analysis';
import { buildAnalysis, defaultMeasure, tablesFor, type AnalysisOptions, type BuiltAnalysis } from './catalogue';

export interface KpiFigures {
  /** What is counted (the measure's or the level's name). */
  label: string;
  year: number;
  value: number;
  previousYear: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  /** Value per year, oldest first. */
  series: { year: number; value: number }[];
}

/** The yearly series behind a KPI. Classification counts the units rated at the top level;
 *  the others add up the analysis's measure over the whole province. */
export function buildKpi(o: AnalysisOptions, model: SemanticModel, labels: Labels): BuiltAnalysis {
  if (o.kind === 'classification') return { ...buildAnalysis({ ...o, view: 'distribution' }, model, labels), chart: null };
  const table = o.table && model.tables[o.table] ? o.table : (tablesFor(o.kind, model)[0] ?? null);
  const measure = o.kind === 'custom' || !table ? o.measure : (o.measure ?? defaultMeasure(o.kind, model, table));
  const yearly: AnalysisOptions = { ...o, kind: 'custom', view: 'custom', table, measure, aggregate: o.kind === 'custom' ? o.aggregate : 'sum', dims: ['year'], compare: 'none', top: 0 };
  return { ...buildAnalysis(yearly, model, labels), chart: null };
}

/** The figures of a KPI from its query's rows (year first; a level column for classification). */
export function kpiFigures(table: Table, o: Pick<AnalysisOptions, 'kind'>, labels: Labels): KpiFigures | null {
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  const top = LEVELS[0]!.name;
  const byYear = new Map<number, number>();
  let label = '';
  for (const row of rows) {
    const year = Number(row[labels.year]);
    if (!Number.isFinite(year)) continue;
    let value: unknown;
    if (o.kind === 'classification') {
      label = top;
      if (row[labels.level] !== top) {
        if (!byYear.has(year)) byYear.set(year, 0);
        continue;
      }
      value = row[labels.count];
    } else {
      const measure = Object.keys(row).find((k) => k !== labels.year);
      label = measure ?? '';
      value = measure ? row[measure] : null;
    }
    byYear.set(year, (byYear.get(year) ?? 0) + (value === null || value === undefined ? 0 : Number(value)));
  }
  const series = [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
  const last = series.at(-1);
  if (!last) return null;
  const before = series.find((s) => s.year === last.year - 1) ?? null;
  const change = before ? last.value - before.value : null;
  return {
    label,
    year: last.year,
    value: last.value,
    previousYear: before?.year ?? null,
    previous: before?.value ?? null,
    change,
    changePct: before && before.value !== 0 && change !== null ? Math.round((1000 * change) / before.value) / 10 : null,
    series,
  };
}
