/** Reading an analysis's result rows: the column names (in the language the query was built
 *  in), numbers (DuckDB gives BIGINT as bigint), years. */
import { analysisLabels } from '../analyses/labels';
import type { Labels } from '../sql/analysis';
import type { Lang } from './sentence';

export type Row = Record<string, unknown>;

/** The labels the rows were written with: those whose year (or level, unit) column they
 *  have, else the sentences' language. */
export function labelsOf(rows: Row[], lang: Lang): Labels {
  const keys = new Set(rows.flatMap((r) => Object.keys(r)));
  for (const l of [lang, lang === 'vi' ? 'en' : 'vi'] as const) {
    const labels = analysisLabels(l);
    if ([labels.year, labels.unit, labels.level, labels.movement].some((k) => keys.has(k))) return labels;
  }
  return analysisLabels(lang);
}

export function numberOf(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : null;
}

export const textOf = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** The years of the rows, oldest first. */
export function yearsOf(rows: Row[], yearColumn: string): number[] {
  return [...new Set(rows.map((r) => numberOf(r[yearColumn])).filter((y): y is number => y !== null))].sort((a, b) => a - b);
}

export const sumOf = (rows: Row[], column: string) => rows.reduce((a, r) => a + (numberOf(r[column]) ?? 0), 0);

/** The columns of the rows that are not in `except` and hold numbers. */
export function numericColumns(rows: Row[], except: (string | null | undefined)[]): string[] {
  const first = rows[0];
  if (!first) return [];
  // Typed numbers only: a period or category column comes as text ('1'), and is not a measure.
  const isNum = (v: unknown) => typeof v === 'number' || typeof v === 'bigint';
  return Object.keys(first).filter((k) => !except.includes(k) && rows.some((r) => isNum(r[k])) && rows.every((r) => r[k] === null || r[k] === undefined || isNum(r[k])));
}

/** The rows with the largest (or smallest) value of `column`, ties all kept. */
export function extremes(rows: Row[], column: string, which: 'max' | 'min'): { rows: Row[]; value: number } | null {
  let best: number | null = null;
  for (const r of rows) {
    const v = numberOf(r[column]);
    if (v === null) continue;
    if (best === null || (which === 'max' ? v > best : v < best)) best = v;
  }
  if (best === null) return null;
  return { rows: rows.filter((r) => numberOf(r[column]) === best), value: best };
}

/** The first column that is no label and holds text: the period or category of a view. */
export function textDimension(rows: Row[], labels: string[]): string | null {
  const first = rows[0];
  if (!first) return null;
  return Object.keys(first).find((k) => !labels.includes(k) && rows.some((r) => typeof r[k] === 'string')) ?? null;
}
