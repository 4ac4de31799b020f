/** Decides how to read a file from its name and first bytes, before the engine sees it. */

export type FileKind = 'csv' | 'parquet' | 'xlsx';

export type KindProblem = 'empty' | 'binary' | 'unsupported';

export type KindDecision = { kind: FileKind } | { problem: KindProblem };

const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'tab', 'dat']);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4 (xlsx is a zip)

/** Content wins over the extension: a Parquet file named `.csv` still loads as Parquet,
 *  and a binary file named `.csv` is refused instead of filling a table with noise. */
export function decideKind(fileName: string, size: number, head: Uint8Array): KindDecision {
  if (size === 0) return { problem: 'empty' };
  if (startsWith(head, PARQUET_MAGIC)) return { kind: 'parquet' };
  const ext = extensionOf(fileName);
  if (startsWith(head, ZIP_MAGIC)) return ext === 'xlsx' ? { kind: 'xlsx' } : { problem: 'binary' };
  if (ext === 'parquet') return { problem: 'binary' };
  if (looksBinary(head)) return { problem: 'binary' };
  if (TEXT_EXTENSIONS.has(ext) || ext === '') return { kind: 'csv' };
  return { problem: 'unsupported' };
}

/** UTF-16 text has NUL bytes too, but starts with a byte-order mark. */
export function looksBinary(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  let control = 0;
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}
