/** Before planning: unpack `.csv.gz`, and turn a spreadsheet's sheet into CSV text. */
import { decompressIfGzip } from './decompress';
import { decideKind } from './file-kind';
import { ImportError, type ImportSource } from './import-source';
import { readHead } from './plan-file';
import { spreadsheetAsCsv } from './spreadsheet';
import { splitParts, type ReportPart } from './report-parts';

export interface PreparedSource {
  source: ImportSource;
  /** Sheets of an Excel workbook, and the one converted. */
  sheets: string[];
  sheet: string | null;
  /** Tables one under another in the sheet or file; `source` is the first. */
  parts: ReportPart[];
}

export async function prepareSource(input: ImportSource, sheet: string | null = null): Promise<PreparedSource> {
  let source: ImportSource;
  try {
    source = await decompressIfGzip(input);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('read-failed', input.name, error instanceof Error ? error.message : String(error));
  }
  const head = await readHead(source, 512);
  const decision = decideKind(source.name, source.size, head);
  if ('problem' in decision || decision.kind === 'parquet') return { source, sheets: [], sheet: null, parts: [{ title: '', source }] };
  const sheets = decision.kind === 'spreadsheet' ? await spreadsheetAsCsv(source, sheet) : { source, sheets: [], sheet: null };
  const parts = await splitParts(sheets.source);
  return { ...sheets, source: parts[0]!.source, parts };
}
