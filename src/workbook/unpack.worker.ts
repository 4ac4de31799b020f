/** Unzips a workbook file off the page's thread (see unpack-off-the-page.ts). */
import { unzipWorkbook, WorkbookFileError } from './workbook-file';

self.onmessage = (e: MessageEvent<{ bytes: Uint8Array }>) => {
  try {
    let said = 0;
    const entries = unzipWorkbook(e.data.bytes, (fraction) => {
      // A few progress messages, not one per slice.
      if (fraction - said < 0.02 && fraction < 1) return;
      said = fraction;
      self.postMessage({ progress: fraction });
    });
    self.postMessage({ entries }, { transfer: [...new Set(Object.values(entries).map((b) => b.buffer as ArrayBuffer))] });
  } catch (error) {
    if (error instanceof WorkbookFileError) self.postMessage({ problem: error.problem, detail: error.detail });
    else self.postMessage({ problem: 'damaged', detail: error instanceof Error ? error.message : String(error) });
  }
};
