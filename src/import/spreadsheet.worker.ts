/** Reads a workbook off the page's thread (see spreadsheet.ts): a large or hostile file keeps
 *  this worker busy, never the page, and the page can stop it. */
import * as XLSX from '@e965/xlsx';
import { MAX_SHEET_BYTES, readSpreadsheet } from './spreadsheet';
import { unzipLimited, UnzipLimitError } from '../util/unzip-limited';

/** Sheet XML compresses well, but not 200 times over 32 MB: beyond that it is a bomb. */
const LIMITS = { maxTotal: MAX_SHEET_BYTES, maxEntries: 10_000, maxRatio: 200 };

self.onmessage = (e: MessageEvent<{ bytes: Uint8Array; sheet: string | null }>) => {
  const { bytes, sheet } = e.data;
  // The reader inflates everything at once whatever the zip declares: first count what really
  // comes out (a few hundred ms for an ordinary report), stopping a bomb early.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      unzipLimited(bytes, LIMITS);
    } catch (error) {
      if (error instanceof UnzipLimitError) return self.postMessage({ ok: false, problem: 'too-large', detail: String(MAX_SHEET_BYTES / 1024 ** 2) });
      // Not a readable zip: the reader says what it is.
    }
  }
  self.postMessage(readSpreadsheet(XLSX, bytes, sheet));
};
