/** Excel workbooks: the chosen sheet becomes CSV text, so title lines, two-line headers, total
 *  lines and number styles are handled exactly as for a CSV export. The reader
 *  (read-excel-file) loads on first use only. */
import Papa from 'papaparse';
import { ImportError, type ImportSource } from './import-source';
import { stripExtension } from './naming';

type Cell = string | number | boolean | Date | null;
interface Sheet {
  sheet: string;
  data: Cell[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates as ISO text (DuckDB reads them as DATE); numbers as plain digits. */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  return String(cell);
}

const filledCells = (s: Sheet) => s.data.reduce((n, row) => n + row.filter((c) => c !== null && c !== '').length, 0);

export interface XlsxConversion {
  source: ImportSource;
  sheets: string[];
  sheet: string;
}

/** Converts one sheet (by default the one holding the most data) to a CSV source that keeps
 *  the workbook's name for messages and the table name. */
export async function xlsxAsCsv(input: ImportSource, sheet: string | null = null): Promise<XlsxConversion> {
  let sheets: Sheet[];
  try {
    const { default: readXlsxFile } = await import('read-excel-file/universal');
    const blob = input.source instanceof Uint8Array ? new Blob([input.source as BlobPart]) : input.source;
    sheets = (await readXlsxFile(blob)) as unknown as Sheet[];
  } catch (error) {
    throw new ImportError('read-failed', input.name, error instanceof Error ? error.message : String(error));
  }
  if (sheets.length === 0) throw new ImportError('no-columns', input.name);
  const chosen = sheets.find((s) => s.sheet === sheet) ?? [...sheets].sort((a, b) => filledCells(b) - filledCells(a))[0]!;
  const text = Papa.unparse(chosen.data.map((row) => row.map(cellText)), { newline: '\n' });
  const bytes = new TextEncoder().encode(text + '\n');
  return {
    source: { name: `${stripExtension(input.name)}.csv`, size: bytes.byteLength, source: bytes, originalName: input.name },
    sheets: sheets.map((s) => s.sheet),
    sheet: chosen.sheet,
  };
}
