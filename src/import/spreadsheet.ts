/** Excel and OpenDocument workbooks (`.xlsx`, the old binary `.xls`, `.ods`, and the HTML
 *  tables some systems save as `.xls`): the chosen sheet becomes CSV text, so title lines,
 *  sections, totals, footers and number styles are handled exactly as for a CSV export.
 *  The reader (SheetJS) is large and loads on first use only. */
import Papa from 'papaparse';
import { ImportError, type ImportSource } from './import-source';
import { stripExtension } from './naming';

type Cell = string | number | boolean | Date | null | undefined;
interface Range {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SpreadsheetConversion {
  source: ImportSource;
  /** Sheets holding data, hidden ones left out (unless every sheet is hidden). */
  sheets: string[];
  sheet: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The CSV made from a sheet uses `;`, as Excel does on a Vietnamese Windows, and writes
 *  numbers the Vietnamese way without groups (`92,5`, `1053`): numbers typed as text in the
 *  same column (`1.053`, `44,5`) then read in one style with them. */
export const SHEET_DELIMITER = ';';

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell).replace('.', ',') : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // A leading apostrophe is Excel's mark for "text", not part of the value.
  return cell.replace(/^'(?=[\d.,\s-]+$)/, '');
}

/** Merged cells show one value over the whole area. Down a column (a unit spanning two rows,
 *  a header cell spanning both header lines) every row shows it, so it is copied down; across a
 *  row (a section label, a header over several columns) it stays in the first cell, as Excel's
 *  own CSV export has it. */
export function fillMerges(data: Cell[][], merges: Range[]): Cell[][] {
  for (const m of merges) {
    const value = data[m.s.r]?.[m.s.c];
    if (value === null || value === undefined || value === '') continue;
    for (let r = m.s.r + 1; r <= m.e.r; r++) {
      const row = (data[r] ??= []);
      if (row[m.s.c] === null || row[m.s.c] === undefined || row[m.s.c] === '') row[m.s.c] = value;
    }
  }
  return data;
}

const filledCells = (data: Cell[][]) => data.reduce((n, row) => n + row.filter((c) => c !== null && c !== undefined && c !== '').length, 0);

function problemOf(error: unknown): ImportError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (/password-protected|ECMA-376 Encrypted/i.test(message)) return new ImportError('password', '');
  return null;
}

/** Converts one sheet (by default the visible one holding the most data) to a CSV source that
 *  keeps the workbook's name for messages and the table name. */
export async function spreadsheetAsCsv(input: ImportSource, sheet: string | null = null): Promise<SpreadsheetConversion> {
  const XLSX = await import('@e965/xlsx');
  const bytes = input.source instanceof Uint8Array ? input.source : new Uint8Array(await input.source.arrayBuffer());
  let book: import('@e965/xlsx').WorkBook;
  try {
    // Cached values of formulas, dates as dates; no formulas, styles or HTML kept.
    book = XLSX.read(bytes, { type: 'array', cellDates: true, UTC: true, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false });
  } catch (error) {
    const known = problemOf(error);
    if (known) throw new ImportError(known.problem, input.name);
    // The reader's own words (`Unsupported ZIP Compression method NaN`) tell a person nothing.
    throw new ImportError('damaged-sheet', input.name, error instanceof Error ? error.message : String(error));
  }
  const hidden = new Set((book.Workbook?.Sheets ?? []).filter((s) => s.Hidden).map((s) => s.name));
  const all = book.SheetNames.map((name) => {
    const ws = book.Sheets[name];
    const isChart = !ws || (ws as { '!type'?: string })['!type'] === 'chart';
    const data = !isChart && ws['!ref'] ? (XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true }) as Cell[][]) : [];
    return { name, isChart, hidden: hidden.has(name), data, merges: (ws?.['!merges'] ?? []) as Range[] };
  });
  const withData = all.filter((s) => !s.isChart && filledCells(s.data) > 0);
  if (withData.length === 0) throw new ImportError(all.some((s) => s.isChart) ? 'chart-only' : 'no-columns', input.name);
  const visible = withData.filter((s) => !s.hidden);
  const offered = visible.length > 0 ? visible : withData;
  const chosen = offered.find((s) => s.name === sheet) ?? [...offered].sort((a, b) => filledCells(b.data) - filledCells(a.data))[0]!;
  const rows = fillMerges(chosen.data, chosen.merges).map((row) => Array.from(row ?? [], cellText));
  const text = Papa.unparse(rows, { delimiter: SHEET_DELIMITER, newline: '\n' });
  const out = new TextEncoder().encode(text + '\n');
  return {
    source: { name: `${stripExtension(input.name)}.csv`, size: out.byteLength, source: out, originalName: input.name },
    sheets: offered.map((s) => s.name),
    sheet: chosen.name,
  };
}
