/** Decides how to read a file from its name and first bytes, before the engine sees it. */

/** `spreadsheet`: Excel (`.xlsx`, `.xls`) and OpenDocument (`.ods`) workbooks. */
export type FileKind = 'csv' | 'parquet' | 'spreadsheet';

export type KindProblem = 'empty' | 'binary' | 'unsupported' | 'pdf';

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
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4 (xlsx and ods are zips)
/** OLE compound file: Excel 97–2003 `.xls`, and a password-protected `.xlsx`. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_SHEETS = new Set(['xlsx', 'xlsm', 'ods']);
const SHEETS = new Set([...ZIP_SHEETS, 'xls']);

/** Content wins over the extension: a Parquet file named `.csv` still loads as Parquet,
 *  and a binary file named `.csv` is refused instead of filling a table with noise. */
export function decideKind(fileName: string, size: number, head: Uint8Array): KindDecision {
  if (size === 0) return { problem: 'empty' };
  if (startsWith(head, PARQUET_MAGIC)) return { kind: 'parquet' };
  const ext = extensionOf(fileName);
  // A scan saved as PDF and renamed `.xls` is common enough to be named for what it is.
  if (startsWith(head, PDF_MAGIC)) return { problem: 'pdf' };
  if (startsWith(head, ZIP_MAGIC)) return ZIP_SHEETS.has(ext) ? { kind: 'spreadsheet' } : { problem: 'binary' };
  if (startsWith(head, CFB_MAGIC)) return SHEETS.has(ext) ? { kind: 'spreadsheet' } : { problem: 'binary' };
  if (ext === 'parquet') return { problem: 'binary' };
  if (looksBinary(head)) return { problem: 'binary' };
  // Reporting systems save HTML tables as `.xls`; others save tab-separated text so.
  if (SHEETS.has(ext)) return looksLikeHtml(head) ? { kind: 'spreadsheet' } : { kind: 'csv' };
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

function looksLikeHtml(head: Uint8Array): boolean {
  const start = new TextDecoder().decode(head.slice(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return start.startsWith('<');
}
