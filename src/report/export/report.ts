/** What the Word and PowerPoint exports write, gathered once from the dashboard: per page its
 *  title, filters in words, notes and sources; per block its title, sentences, and a chart
 *  image, a table or a KPI figure. Plain data, so both writers (and tests) share it. */
import type { Table } from 'apache-arrow';
import type { ChartSpec } from '../../charts/chart-spec';
import type { Block } from '../../dashboards/dashboard';
import { formatNumber } from '../../format/number';
import { columnsOf, displayValue, rawValue } from '../../results/columns';

/** The sentences stated under a block, from the rows it drew (an analysis's or SQL block's
 *  result; a KPI's yearly series). The exports take them through this one function. */
export type SentencesFor = (block: Block, rows: Record<string, unknown>[]) => string[];

export interface ReportImage {
  png: Uint8Array;
  /** CSS pixels of the drawn chart (the PNG holds `scale` times as many). */
  width: number;
  height: number;
}

export interface ReportTable {
  columns: string[];
  /** Right-aligned columns (measures). */
  numeric: boolean[];
  /** Cells as people read them: vi-VN numbers (`1.053`, `44,5`) in Vietnamese. */
  rows: string[][];
  /** Rows left out beyond the cap, 0 when all are there. */
  more: number;
}

export interface ReportKpi {
  /** "Số mô hình · 2024". */
  label: string;
  /** "1.053". */
  value: string;
  /** "▲ tăng 5 so với 2023" as shown on the page, or ''. */
  change: string;
}

export interface ReportBlock {
  id: string;
  kind: 'chart' | 'table' | 'kpi' | 'note' | 'empty';
  title: string;
  sentences: string[];
  /** The chart; for a heat table (kind 'table') its picture, which slides show. */
  image?: ReportImage;
  table?: ReportTable;
  kpi?: ReportKpi;
  /** note blocks: the text, one paragraph per entry; a failed block: why. */
  paragraphs?: string[];
  /** Grid size on the page (twelfths, rows), for laying out slides. */
  w: number;
  h: number;
}

export interface ReportPage {
  id: string;
  title: string;
  /** The page's filters in words, or ''. */
  filters: string;
  /** The page's speaker notes. */
  notes: string;
  /** Source files (or tables) of the page's blocks. */
  sources: string[];
  blocks: ReportBlock[];
}

export interface Report {
  title: string;
  /** "Xuất lúc …". */
  stamp: string;
  lang: 'vi' | 'en';
  pages: ReportPage[];
}

/** A result as a table of readable cells, at most `max` rows. */
export function tableOf(table: Table, locale: 'vi' | 'en', max = 200): ReportTable {
  const columns = columnsOf(table);
  const shown = Math.min(table.numRows, max);
  const rows = Array.from({ length: shown }, (_, r) => columns.map((c, i) => displayValue(table.getChildAt(i)?.get(r), c, locale)));
  return { columns: columns.map((c) => c.name), numeric: columns.map((c) => c.kind === 'number' && !c.plain), rows, more: table.numRows - shown };
}

/** A heat table as people read it on the page: one row per colour value (units), one column
 *  per x value (years), the figure in each cell. */
export function heatTableOf(table: Table, spec: ChartSpec, locale: 'vi' | 'en', max = 200): ReportTable {
  const columns = columnsOf(table);
  const at = (name: string | null) => (name === null ? -1 : columns.findIndex((c) => c.name === name));
  const xi = at(spec.x);
  const yi = at(spec.y);
  const ci = at(spec.color);
  if (xi < 0 || yi < 0 || ci < 0) return tableOf(table, locale, max);
  const read = (r: number, i: number) => rawValue(table.getChildAt(i)?.get(r), columns[i]!.kind);
  const xs: string[] = [];
  const rowKeys: string[] = [];
  const cells = new Map<string, string>();
  for (let r = 0; r < table.numRows; r++) {
    const x = read(r, xi);
    const row = read(r, ci);
    if (!xs.includes(x)) xs.push(x);
    if (!rowKeys.includes(row)) rowKeys.push(row);
    cells.set(`${row}\u0000${x}`, displayValue(table.getChildAt(yi)?.get(r), columns[yi]!, locale));
  }
  const shown = rowKeys.slice(0, max);
  return {
    columns: [spec.color!, ...xs],
    numeric: [false, ...xs.map(() => true)],
    rows: shown.map((row) => [row, ...xs.map((x) => cells.get(`${row}\u0000${x}`) ?? '')]),
    more: rowKeys.length - shown.length,
  };
}

/** "1.053" / "1,053". */
export const figure = (v: number, locale: 'vi' | 'en') => formatNumber(v, locale);

/** Sources in words: each table's file when it was loaded from one, else the table's name. */
export function sourcesOf(tables: Iterable<string>, fileOf: (table: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const s = fileOf(t) ?? t;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
