/** Unzips a workbook file or a spreadsheet while counting what actually comes out, so a file
 *  that lies about its sizes is stopped as the bytes come, not after: the total, the number of
 *  entries, and any entry growing far past the size of the whole file end it. Runs in a worker
 *  in the browser (workbook/unpack.worker.ts, import/spreadsheet.worker.ts); the input is
 *  pushed in slices so progress can be said between them. */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { joinBytes } from './bytes';

export interface UnzipLimits {
  /** Bytes out, all entries together. */
  maxTotal: number;
  maxEntries: number;
  /** One entry may grow to this many times the whole file's size (and to 32 MB regardless). */
  maxRatio: number;
}

export class UnzipLimitError extends Error {
  constructor(readonly limit: 'total' | 'entries' | 'ratio') {
    super(`over the ${limit} limit`);
    this.name = 'UnzipLimitError';
  }
}

/** A slice of deflate inflates to at most ~1,000 times its size in one step: 64 KB keeps a
 *  step under ~66 MB. */
const SLICE = 64 * 1024;
const FLOOR = 32 * 1024 ** 2;

export function unzipLimited(bytes: Uint8Array, limits: UnzipLimits, onProgress?: (fraction: number) => void): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  const perEntry = Math.max(FLOOR, bytes.length * limits.maxRatio);
  // First what the zip's directory declares (nothing is inflated: every entry is filtered out),
  // which also finds a file cut short; then what really comes out.
  let declared = 0;
  let listed = 0;
  unzipSync(bytes, {
    filter: (f) => {
      declared += f.originalSize;
      if (++listed > limits.maxEntries) throw new UnzipLimitError('entries');
      if (declared > limits.maxTotal) throw new UnzipLimitError('total');
      if (f.originalSize > perEntry) throw new UnzipLimitError('ratio');
      return false;
    },
  });
  let total = 0;
  let count = 0;
  const unzip = new Unzip((file) => {
    if (++count > limits.maxEntries) throw new UnzipLimitError('entries');
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Thrown from here, a failure leaves `push` at once: nothing more is inflated.
    file.ondata = (error, data, final) => {
      if (error) throw error;
      size += data.length;
      total += data.length;
      if (total > limits.maxTotal) throw new UnzipLimitError('total');
      if (size > perEntry) throw new UnzipLimitError('ratio');
      chunks.push(data);
      if (final) entries[file.name] = joinBytes(chunks);
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(UnzipInflate);
  for (let at = 0; at < bytes.length; at += SLICE) {
    const end = Math.min(bytes.length, at + SLICE);
    unzip.push(bytes.subarray(at, end), end === bytes.length);
    onProgress?.(end / bytes.length);
  }
  return entries;
}
