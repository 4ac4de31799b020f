/** Reads a workbook off the page's thread (see spreadsheet.ts): a large or hostile file keeps
 *  this worker busy, never the page, and the page can stop it. */
import * as XLSX from '@e965/xlsx';
import { readSpreadsheet } from './spreadsheet';

self.onmessage = (e: MessageEvent<{ bytes: Uint8Array; sheet: string | null }>) => {
  self.postMessage(readSpreadsheet(XLSX, e.data.bytes, e.data.sheet));
};
