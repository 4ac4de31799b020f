/** One sheet (or file) holding several tables one under another, each with its own title and
 *  header: cut into parts, so each can load as a table of its own instead of the second's
 *  header and units becoming rows of the first. */
import Papa from 'papaparse';
import type { ImportSource } from './import-source';
import { decodeHead, detectEncoding } from './encoding';
import { guessDelimiter } from './layout';
import { isFigure } from './report-body';
import { REPORT_BODY_MAX_BYTES } from './report-shape';
import { foldVietnamese, stripExtension } from './naming';

export interface ReportPart {
  /** The part's title line (empty when it has none). */
  title: string;
  source: ImportSource;
}

const filled = (r: string[]) => r.filter((c) => c.trim() !== '');
const isEmpty = (r: string[] | undefined) => !r || filled(r).length === 0;
const fold = (c: string) => foldVietnamese(c).toLowerCase().replace(/\s+/g, ' ').trim();

/** A header line: two or more text cells, no figures, with figures on the next non-empty line. */
function headerAt(rows: string[][], i: number): boolean {
  const cells = filled(rows[i]!);
  if (cells.length < 2 || cells.some(isFigure)) return false;
  for (let k = i + 1; k < rows.length && k < i + 4; k++) if (!isEmpty(rows[k])) return filled(rows[k]!).some(isFigure);
  return false;
}

/** The first line of a part: its title lines above the header, back to the empty line. */
function partStart(rows: string[][], header: number): number {
  let start = header;
  while (start > 0 && !isEmpty(rows[start - 1]) && filled(rows[start - 1]!).length <= 2 && !filled(rows[start - 1]!).some(isFigure)) start--;
  return start;
}

/** Indexes of the first line of every part (one entry: a single table). */
export function findParts(rows: string[][]): number[] {
  const first = rows.findIndex((_, i) => headerAt(rows, i));
  if (first < 0) return [0];
  const header = new Set(filled(rows[first]!).map(fold));
  const starts = [0];
  for (let i = first + 2; i < rows.length; i++) {
    const cells = filled(rows[i]!);
    // Another header like the first (most cells the same), with an empty line above its block.
    if (!headerAt(rows, i) || cells.filter((c) => header.has(fold(c))).length < Math.max(2, cells.length / 2)) continue;
    const start = partStart(rows, i);
    if (start > starts.at(-1)! && isEmpty(rows[start - 1])) starts.push(start);
  }
  return starts;
}

/** Cuts a text file into its parts; one part (the file itself) when it holds one table. */
export async function splitParts(input: ImportSource): Promise<ReportPart[]> {
  const single = [{ title: '', source: input }];
  if (input.size > REPORT_BODY_MAX_BYTES) return single;
  const bytes = input.source instanceof Uint8Array ? input.source : new Uint8Array(await input.source.arrayBuffer());
  const text = decodeHead(bytes, detectEncoding(bytes.subarray(0, 4096)));
  const delimiter = guessDelimiter(text, (t, d) => Papa.parse<string[]>(t, { preview: 200, delimiter: d }).data);
  const rows = Papa.parse<string[]>(text, { delimiter }).data;
  const starts = findParts(rows);
  if (starts.length < 2) return single;
  const name = input.originalName ?? input.name;
  return starts.map((start, k) => {
    const part = rows.slice(start, starts[k + 1] ?? rows.length);
    const out = new TextEncoder().encode(Papa.unparse(part, { delimiter, newline: '\n' }) + '\n');
    const header = part.findIndex((_, i) => headerAt(part, i));
    const title = part.slice(0, Math.max(0, header)).map((r) => filled(r).join(' ')).filter((l) => l !== '').join(' — ');
    // The first part keeps the file's name; the others are named after it, numbered.
    const suffix = k === 0 ? '' : ` (${k + 1})`;
    const ext = name.slice(stripExtension(name).length);
    return {
      title,
      source: { name: `${stripExtension(input.name)}${suffix}.csv`, size: out.byteLength, source: out, originalName: k === 0 ? name : `${stripExtension(name)}${suffix}${ext}` },
    };
  });
}
