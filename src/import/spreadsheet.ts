/** Excel and OpenDocument workbooks (`.xlsx`, the old binary `.xls`, `.ods`, and the HTML
 *  tables some systems save as `.xls`): the chosen sheet becomes CSV text, so title lines,
 *  sections, totals, footers and number styles are handled exactly as for a CSV export.
 *  The reader (SheetJS) is large: it loads on first use only, in a worker of its own. */
import Papa from 'papaparse';
import { unzipSync } from 'fflate';
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

/** What reading a workbook gives: its sheets with data, the one chosen, and that sheet as CSV. */
export type SheetReading = { ok: true; sheets: string[]; sheet: string; csv: string } | { ok: false; problem: 'password' | 'chart-only' | 'no-columns' | 'damaged-sheet' | 'too-large'; detail: string };

/** Reads a workbook and converts one sheet (by default the visible one holding the most data).
 *  Pure apart from the reader it is given, so it runs the same in a worker and in tests. */
export function readSpreadsheet(XLSX: typeof import('@e965/xlsx'), bytes: Uint8Array, sheet: string | null): SheetReading {
  let book: import('@e965/xlsx').WorkBook;
  try {
    // Cached values of formulas, dates as dates; no formulas, styles or HTML kept.
    book = XLSX.read(bytes, { type: 'array', cellDates: true, UTC: true, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password-protected|ECMA-376 Encrypted/i.test(message)) return { ok: false, problem: 'password', detail: '' };
    // The reader's own words (`Unsupported ZIP Compression method NaN`) tell a person nothing.
    return { ok: false, problem: 'damaged-sheet', detail: message };
  }
  const hidden = new Set((book.Workbook?.Sheets ?? []).filter((s) => s.Hidden).map((s) => s.name));
  const all = book.SheetNames.map((name) => {
    const ws = book.Sheets[name];
    const isChart = !ws || (ws as { '!type'?: string })['!type'] === 'chart';
    const data = !isChart && ws['!ref'] ? (XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true }) as Cell[][]) : [];
    return { name, isChart, hidden: hidden.has(name), data, merges: (ws?.['!merges'] ?? []) as Range[] };
  });
  const withData = all.filter((s) => !s.isChart && filledCells(s.data) > 0);
  if (withData.length === 0) return { ok: false, problem: all.some((s) => s.isChart) ? 'chart-only' : 'no-columns', detail: '' };
  const visible = withData.filter((s) => !s.hidden);
  const offered = visible.length > 0 ? visible : withData;
  const chosen = offered.find((s) => s.name === sheet) ?? [...offered].sort((a, b) => filledCells(b.data) - filledCells(a.data))[0]!;
  const rows = fillMerges(chosen.data, chosen.merges).map((row) => Array.from(row ?? [], cellText));
  return { ok: true, sheets: offered.map((s) => s.name), sheet: chosen.name, csv: Papa.unparse(rows, { delimiter: SHEET_DELIMITER, newline: '\n' }) + '\n' };
}

/** Above this a workbook's declared content is refused before anything is inflated. */
export const MAX_SHEET_BYTES = 512 * 1024 ** 2;
/** A workbook that takes longer than this to read is given up (its worker is stopped). */
export const SHEET_READ_MS = 60_000;

/** What a zip-based workbook declares it unpacks to (0 for the old binary `.xls`). */
function declaredSize(bytes: Uint8Array): number {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 0;
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        return false;
      },
    });
  } catch {
    // Not a readable zip: the reader says so.
  }
  return total;
}

/** Reads the workbook in a worker, so the page keeps answering however large or hostile it is;
 *  in the same thread where there are no workers (tests in Node). */
function readOffThePage(bytes: Uint8Array, sheet: string | null, signal?: AbortSignal): Promise<SheetReading | 'timeout'> {
  if (typeof Worker === 'undefined') return import('@e965/xlsx').then((XLSX) => readSpreadsheet(XLSX, bytes, sheet));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./spreadsheet.worker.ts', import.meta.url), { type: 'module' });
    const done = (finish: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      finish();
    };
    const timer = setTimeout(() => done(() => resolve('timeout')), SHEET_READ_MS);
    const onAbort = () => done(() => reject(new DOMException('cancelled', 'AbortError')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<SheetReading>) => done(() => resolve(e.data));
    // A worker that dies (out of memory on a zip bomb) ends in a message, not a hang.
    worker.onerror = (e) => done(() => resolve({ ok: false, problem: 'damaged-sheet', detail: e.message || 'worker failed' }));
    worker.postMessage({ bytes, sheet });
  });
}

/** Converts one sheet to a CSV source that keeps the workbook's name for messages and the
 *  table name. */
export async function spreadsheetAsCsv(input: ImportSource, sheet: string | null = null, signal?: AbortSignal): Promise<SpreadsheetConversion> {
  const bytes = input.source instanceof Uint8Array ? input.source.slice() : new Uint8Array(await input.source.arrayBuffer());
  if (declaredSize(bytes) > MAX_SHEET_BYTES) throw new ImportError('too-large', input.name, String(MAX_SHEET_BYTES / 1024 ** 2));
  let reading: SheetReading | 'timeout';
  try {
    reading = await readOffThePage(bytes, sheet, signal);
  } catch {
    throw new ImportError('cancelled', input.name);
  }
  if (reading === 'timeout') throw new ImportError('too-large', input.name, String(MAX_SHEET_BYTES / 1024 ** 2));
  if (!reading.ok) throw new ImportError(reading.problem, input.name, reading.detail);
  const out = new TextEncoder().encode(reading.csv);
  return {
    source: { name: `${stripExtension(input.name)}.csv`, size: out.byteLength, source: out, originalName: input.name },
    sheets: reading.sheets,
    sheet: reading.sheet,
  };
}
