/** Turns a report's text into plain rows for the engine: the header once, every unit once with
 *  its sections as columns, the total and subtotal lines marked (so the engine can check them
 *  against the units, then leave them out), the footer and section lines gone. */
import Papa from 'papaparse';
import type { ImportPlan } from './import-plan';
import { analyseBody, hasReportBody, leftOutLines, sectionColumnName, type BodyAnalysis, type BodyLine, type LineKind } from './report-body';
import { guessDelimiter } from './layout';
import { BODY_COLUMNS } from '../sql/report-body';

/** Above this a file is a system export, not a report someone typed: it is read as a plain
 *  table (total lines still dropped by the engine), without reading it line by line here. */
export const REPORT_BODY_MAX_BYTES = 4 * 1024 * 1024;

/** A line kept out of the table, as the preview lists it. */
export interface LeftOutLine {
  /** Index among the parsed rows (what the person puts back by). */
  row: number;
  /** Line number in the file, from 1. */
  line: number;
  kind: Exclude<LineKind, 'unit'> | 'title';
  text: string;
}

export interface ReshapedReport {
  text: string;
  delimiter: string;
  /** Header of `text`: the file's columns, then the section columns, then bookkeeping. */
  columns: string[];
  sectionColumns: string[];
  analysis: BodyAnalysis;
  leftOut: LeftOutLine[];
  footerLines: string[];
  found: Record<'section' | 'subtotal' | 'total' | 'footer', number>;
  /** Row index → line number in the file. */
  lineOf: (row: number) => number;
}

const parse = (text: string, delimiter: string) => Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;

/** Physical line numbers: a quoted cell may hold line breaks. */
function lineNumbers(rows: string[][]): number[] {
  const out: number[] = [];
  let line = 1;
  for (const r of rows) {
    out.push(line);
    line += 1 + r.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  return out;
}

const isFigureLike = (c: string) => /^[-+]?[\d.,\s]+%?$/.test(c.trim()) && /\d/.test(c);

/** Null when the file is a plain table (nothing but units under its header). */
export function reshapeReport(text: string, plan: ImportPlan): ReshapedReport | null {
  const delimiter = plan.delimiter || guessDelimiter(text, (t, d) => Papa.parse<string[]>(t, { preview: 200, delimiter: d }).data);
  const rows = parse(text, delimiter);
  // Papa gives a last empty row for the final line break.
  if (rows.length > 0 && rows.at(-1)!.every((c) => c === '')) rows.pop();
  const bodyStart = plan.dataStartLine === null ? 1 : plan.headerRow + plan.headerLines;
  const header = plan.columns ?? (rows[0] ?? []).map((c) => c.trim());
  // A first line of figures is data, not a header: such a file is left to the engine's reader.
  const headerCells = header.filter((c) => c !== '');
  if (headerCells.length === 0 || headerCells.filter(isFigureLike).length > headerCells.length / 2) return null;
  const width = Math.max(header.length, ...rows.slice(bodyStart, bodyStart + 200).map((r) => r.length));
  const analysis = analyseBody(rows, { bodyStart, width, rowNumberColumn: plan.rowNumberColumn });
  if (!hasReportBody(analysis)) return null;

  const lines = lineNumbers(rows);
  const lineOf = (row: number) => lines[row] ?? row + 1;
  const left = leftOutLines(analysis, plan);
  const leftRows = new Set(left.map((l) => l.row));
  const kept = new Set(plan.keptRows);
  const sections = new Map(analysis.lines.filter((l) => l.kind === 'section').map((l) => [l.row, l]));
  const levels = plan.sections ? analysis.sectionLevels : 0;
  const sectionColumns = Array.from({ length: levels }, (_, i) => sectionColumnName(i + 1));
  const measures = new Set(analysis.measureColumns);
  const padded = (cells: string[]) => Array.from({ length: width }, (_, j) => cells[j] ?? '');
  const columns = [...padded(header), ...sectionColumns, BODY_COLUMNS.kind, BODY_COLUMNS.row, BODY_COLUMNS.scope, BODY_COLUMNS.scopes];

  const out: string[][] = [columns];
  const sectionCells = (line: BodyLine) => {
    const cells = new Array<string>(levels).fill('');
    for (const s of line.sections ?? []) {
      const section = sections.get(s);
      if (section && section.level! <= levels) cells[section.level! - 1] = section.label ?? '';
    }
    return cells;
  };
  for (const line of analysis.lines) {
    if (line.kind === 'empty') continue;
    const cells = padded(rows[line.row]!);
    const scopes = `|${(line.sections ?? []).join('|')}|`;
    if (!leftRows.has(line.row)) {
      // A unit, or a line the person chose to keep as a row.
      out.push([...cells, ...sectionCells(line), 'unit', String(line.row), '', scopes]);
    } else if (line.kind === 'total' || line.kind === 'subtotal' || (line.kind === 'section' && line.carriesTotal && !kept.has(line.row))) {
      // Kept for the check of the file's own totals, then left out: only its figures, so its
      // label (`Tổng cộng` in the STT column) does not turn a number column into text.
      const scope = line.scope === null || line.scope === undefined ? '' : String(line.scope);
      const figures = cells.map((c, j) => (measures.has(j) ? c : ''));
      out.push([...figures, ...new Array<string>(levels).fill(''), line.kind, String(line.row), scope, '']);
    }
  }
  const leftOut: LeftOutLine[] = [...left, ...analysis.lines.filter((l) => l.kind === 'empty')]
    .sort((a, b) => a.row - b.row)
    .map((l) => ({ row: l.row, line: lineOf(l.row), kind: l.kind as LeftOutLine['kind'], text: l.text }));
  return {
    text: Papa.unparse(out, { delimiter, newline: '\n' }) + '\n',
    delimiter,
    columns,
    sectionColumns,
    analysis,
    leftOut,
    footerLines: analysis.lines.filter((l) => l.kind === 'footer').map((l) => l.text),
    found: {
      section: analysis.lines.filter((l) => l.kind === 'section').length,
      subtotal: analysis.lines.filter((l) => l.kind === 'subtotal').length,
      total: analysis.lines.filter((l) => l.kind === 'total').length,
      footer: analysis.lines.filter((l) => l.kind === 'footer').length,
    },
    lineOf,
  };
}
