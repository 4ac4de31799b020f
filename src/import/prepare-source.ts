/** Before planning: unpack `.csv.gz`, and turn an Excel sheet into CSV text. */
import { decompressIfGzip } from './decompress';
import { decideKind } from './file-kind';
import { ImportError, type ImportSource } from './import-source';
import { readHead } from './plan-file';
import { xlsxAsCsv } from './xlsx';

export interface PreparedSource {
  source: ImportSource;
  /** Sheets of an Excel workbook, and the one converted. */
  sheets: string[];
  sheet: string | null;
}

export async function prepareSource(input: ImportSource, sheet: string | null = null): Promise<PreparedSource> {
  let source: ImportSource;
  try {
    source = await decompressIfGzip(input);
  } catch (error) {
    throw new ImportError('read-failed', input.name, error instanceof Error ? error.message : String(error));
  }
  const head = await readHead(source, 8);
  const decision = decideKind(source.name, source.size, head);
  if ('kind' in decision && decision.kind === 'xlsx') return xlsxAsCsv(source, sheet);
  return { source, sheets: [], sheet: null };
}
