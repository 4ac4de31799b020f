/** Deciding how to import a file from its first bytes only: kind, encoding, separator, title
 *  lines, header, year. `revisePlan` applies what the user changes in the preview. */
import Papa from 'papaparse';
import { ImportError, type ImportSource } from './import-source';
import { decodeHead, detectEncoding, type Encoding } from './encoding';
import { decideKind } from './file-kind';
import type { ImportPlan } from './import-plan';
import { analyseLayout, guessDelimiter } from './layout';
import { tableNameFor } from './naming';

export const HEAD_BYTES = 256 * 1024;
/** Real report exports have tens of columns; Excel stops at 16,384. Far more is not a table
 *  anyone can read, and would take the engine minutes: refused up front. */
export const MAX_COLUMNS = 2_000;

export async function readHead(input: ImportSource, bytes = HEAD_BYTES): Promise<Uint8Array> {
  // A copy: registering bytes with the engine transfers (detaches) the original buffer.
  if (input.source instanceof Uint8Array) return input.source.slice(0, bytes);
  return new Uint8Array(await input.source.slice(0, bytes).arrayBuffer());
}

/** Reads the head of a file and decides how to import it. Throws ImportError for files that
 *  cannot be tables (empty, binary, unknown). */
export async function planImport(input: ImportSource, takenNames: Iterable<string>): Promise<ImportPlan> {
  const head = await readHead(input);
  const decision = decideKind(input.name, input.size, head);
  const fileName = input.originalName ?? input.name;
  if ('problem' in decision) throw new ImportError(decision.problem, fileName);
  const plan: ImportPlan = {
    fileName,
    kind: decision.kind,
    tableName: tableNameFor(fileName, takenNames),
    encoding: 'utf-8',
    delimiter: '',
    headerRow: 0,
    headerLines: 1,
    dataStartLine: null,
    columns: null,
    titleLines: [],
    rowNumberColumn: null,
    year: null,
    addYearColumn: false,
    keepTotals: false,
    sections: true,
    dropFooter: true,
    keptRows: [],
    appendTo: null,
    styles: {},
    unpivot: null,
    sheet: null,
    sheets: [],
  };
  if (decision.kind !== 'csv') return plan;
  plan.encoding = detectEncoding(head);
  const text = decodeHead(head, plan.encoding);
  const planned = applyLayout(plan, text);
  if (widestLine(text, planned.delimiter || guessDelimiter(completeLines(text), parseHead)) > MAX_COLUMNS) throw new ImportError('too-many-columns', fileName);
  // A text file with no line break in its first 256 KB is not a table export.
  if (input.size > HEAD_BYTES && !head.includes(0x0a) && !head.includes(0x0d)) throw new ImportError('no-lines', fileName, String(HEAD_BYTES / 1024));
  return planned;
}

const parseHead = (t: string, delimiter: string) => Papa.parse<string[]>(t, { preview: 200, delimiter }).data;

/** The most fields on any of the first lines. */
function widestLine(text: string, delimiter: string): number {
  return Math.max(0, ...parseHead(completeLines(text), delimiter).map((r) => r.length));
}

/** Re-reads the layout of the head text for the plan's separator (after the user changes it). */
export function applyLayout(plan: ImportPlan, headText: string, forced?: { headerRow?: number; headerLines?: 1 | 2 }): ImportPlan {
  const text = completeLines(headText);
  const guessed = plan.delimiter || guessDelimiter(text, parseHead);
  const rows = parseHead(text, guessed);
  const layout = analyseLayout(rows);
  const headerRow = forced?.headerRow ?? layout.headerRow;
  const headerLines = forced?.headerLines ?? layout.headerLines;
  const report = headerRow > 0 || headerLines > 1 || forced !== undefined;
  const delimiter = plan.delimiter || (report ? guessed : '');
  const next: ImportPlan = {
    ...plan,
    delimiter,
    headerRow,
    headerLines,
    titleLines: layout.titleLines,
    rowNumberColumn: layout.rowNumberColumn,
    year: layout.yearFromTitle,
  };
  next.addYearColumn = layout.yearFromTitle !== null;
  if (!report) return { ...next, dataStartLine: null, columns: null };
  const relaid = forced ? analyseLayout(rows.slice(headerRow)) : layout;
  const columns = forced ? (headerLines === 2 ? relaid.columns : (rows[headerRow] ?? []).map((c) => c.trim())) : layout.columns;
  // Physical lines before the first data row: one per parsed row, plus newlines inside quotes.
  const dataStartLine = rows
    .slice(0, headerRow + headerLines)
    .reduce((lines, row) => lines + 1 + row.reduce((n, cell) => n + (cell.match(/\n/g) ?? []).length, 0), 0);
  return { ...next, dataStartLine, columns };
}

/** The head of a file ends mid-line; keep whole lines only. */
export function completeLines(text: string): string {
  const last = text.lastIndexOf('\n');
  return last > 0 ? text.slice(0, last + 1) : text;
}

/** What the user may change in the preview; the layout is read again where it depends on it. */
export interface PlanChange {
  encoding?: Encoding;
  delimiter?: string;
  headerRow?: number;
  headerLines?: 1 | 2;
}

export function revisePlan(plan: ImportPlan, head: Uint8Array, change: PlanChange): ImportPlan {
  const next: ImportPlan = { ...plan, encoding: change.encoding ?? plan.encoding, delimiter: change.delimiter ?? plan.delimiter };
  const forced =
    change.headerRow !== undefined || change.headerLines !== undefined
      ? { headerRow: change.headerRow ?? plan.headerRow, headerLines: change.headerLines ?? plan.headerLines }
      : undefined;
  const revised = applyLayout({ ...next, styles: {} }, decodeHead(head, next.encoding), forced);
  // The user's own choices that the layout does not decide stay as they were.
  // Lines put back are rows of the file as parsed: another separator or encoding parses anew.
  return {
    ...revised,
    tableName: plan.tableName,
    keepTotals: plan.keepTotals,
    sections: plan.sections,
    dropFooter: plan.dropFooter,
    keptRows: change.encoding || change.delimiter !== undefined ? [] : plan.keptRows,
    addYearColumn: revised.year !== null && plan.addYearColumn,
  };
}
