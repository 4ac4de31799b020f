/** A workbook file is unzipped in a worker: a file that unpacks slowly (or is made to) never
 *  holds the page, says how far it is, and stops at once when cancelled (the worker is ended).
 *  Where there are no workers (Node, the tests), it is unzipped in place. */
import { unzipWorkbook, WorkbookFileError, type WorkbookProblem } from './workbook-file';

export class UnpackCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UnpackCancelledError';
  }
}

type Reply = { progress: number } | { entries: Record<string, Uint8Array> } | { problem: WorkbookProblem; detail: string };

/** `bytes` is handed to the worker: the caller must not use it afterwards. */
export function unpackOffThePage(bytes: Uint8Array, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<Record<string, Uint8Array>> {
  if (typeof Worker === 'undefined') return Promise.resolve(unzipWorkbook(bytes, onProgress));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UnpackCancelledError());
    const worker = new Worker(new URL('./unpack.worker.ts', import.meta.url), { type: 'module' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      end();
      reject(new UnpackCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const reply = e.data;
      if ('progress' in reply) return onProgress?.(reply.progress);
      end();
      if ('entries' in reply) resolve(reply.entries);
      else reject(new WorkbookFileError(reply.problem, reply.detail));
    };
    worker.onerror = (e) => {
      end();
      // The worker itself failed (out of memory on a file made to inflate): not ours to read.
      reject(new WorkbookFileError('damaged', e.message || 'unpacking failed'));
    };
    worker.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]);
  });
}
