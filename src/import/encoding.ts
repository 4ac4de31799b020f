/** Text encodings of real exports: UTF-8 (with or without BOM), UTF-16 "Unicode text",
 *  Windows-1258 (Vietnamese code page, tones as combining marks) and Windows-1252.
 *  DuckDB reads UTF-8 only, so anything else is transcoded here, streaming, into a UTF-8 Blob. */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'windows-1252';
export const ENCODINGS: Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'windows-1252'];

// Windows-1258 bytes for the five combining tone marks, and for ă â ê ô ơ ư đ (upper and lower).
const TONE_MARKS = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
const VIETNAMESE_LETTERS = new Set([0xc3, 0xe3, 0xc2, 0xe2, 0xca, 0xea, 0xd4, 0xf4, 0xd5, 0xf5, 0xdd, 0xfd, 0xd0, 0xf0]);
const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const utf16 = utf16WithoutBom(head);
  if (utf16) return utf16;
  if (isValidUtf8(head)) return 'utf-8';
  return looksVietnamese1258(head) ? 'windows-1258' : 'windows-1252';
}

/** Mostly-ASCII UTF-16 text has a NUL in every other byte. */
function utf16WithoutBom(head: Uint8Array): Encoding | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.4 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.4 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

function isValidUtf8(head: Uint8Array): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Tone-mark bytes right after a letter, or the letters ă ơ ư đ…, are Vietnamese in 1258. */
function looksVietnamese1258(head: Uint8Array): boolean {
  let tones = 0;
  let letters = 0;
  let high = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x80) continue;
    high++;
    if (TONE_MARKS.has(b) && i > 0 && (isAsciiLetter(head[i - 1]!) || VIETNAMESE_LETTERS.has(head[i - 1]!))) tones++;
    else if (VIETNAMESE_LETTERS.has(b)) letters++;
  }
  return tones >= 2 || (high > 0 && (tones + letters) / high > 0.5);
}

/** Keeps the decoded text's last characters back while they may still combine with the next
 *  chunk (a base letter followed by combining marks must be normalised together). */
function safeSplit(text: string): number {
  let i = text.length;
  const floor = Math.max(0, text.length - 32);
  while (i > floor && /\p{M}/u.test(text[i - 1]!)) i--;
  return Math.max(floor, i - 1);
}

const FLUSH_BYTES = 16 * 1024 * 1024;

/** Streams `file` through a decoder into a UTF-8, NFC Blob. Chunks are folded into the Blob
 *  as they come, so the browser (not the JS heap) holds the converted copy of a big file. */
export async function transcodeToUtf8(
  file: Blob,
  encoding: Encoding,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<Blob> {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const reader = file.stream().getReader();
  let out = new Blob([]);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let carry = '';
  let read = 0;
  const push = (text: string) => {
    const bytes = encoder.encode(text.normalize('NFC'));
    pending.push(bytes);
    pendingBytes += bytes.byteLength;
    if (pendingBytes >= FLUSH_BYTES) {
      out = new Blob([out, ...(pending as BlobPart[])]);
      pending = [];
      pendingBytes = 0;
    }
  };
  for (;;) {
    if (options.signal?.aborted) {
      await reader.cancel();
      throw new DOMException('cancelled', 'AbortError');
    }
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    const text = carry + decoder.decode(value, { stream: true });
    const cut = safeSplit(text);
    push(text.slice(0, cut));
    carry = text.slice(cut);
    options.onProgress?.(file.size > 0 ? read / file.size : 1);
  }
  push(carry + decoder.decode());
  return new Blob([out, ...(pending as BlobPart[])], { type: 'text/csv' });
}

/** Decodes the first bytes of a file for layout analysis (never the whole file). */
export function decodeHead(head: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '').normalize('NFC');
}
