import { parquetCodec, type ParquetCodec } from './parquet-codec';
import { loadParquetWasm } from './parquet-wasm-load';
import type { ParquetAsk, ParquetReply, ParquetRequest } from './parquet.worker';

/** parquet-wasm loads on first use: the first page does not pay for it. Reading a file the
 *  person picked streams it here, batch by batch; writing Parquet and decoding Parquet already
 *  in memory (a workbook's tables) run in a worker, so an autosave never holds the page. */
const onThePage = parquetCodec(loadParquetWasm);

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (r: { bytes: Uint8Array; rows: number }) => void; reject: (e: Error) => void }>();

/** Sends a request to the worker; the bytes' buffers move to it (the caller gives them up). */
function ask(request: ParquetAsk): Promise<{ bytes: Uint8Array; rows: number }> {
  if (!worker) {
    worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ParquetReply>) => {
      const w = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (!w) return;
      if ('error' in e.data) w.reject(new Error(e.data.error));
      else w.resolve(e.data);
    };
    worker.onerror = (e) => {
      // A worker that died answers nothing more: everyone waiting is told, the next ask starts anew.
      for (const w of waiting.values()) w.reject(new Error(e.message || 'the Parquet worker stopped'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  const id = ++next;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const buffers = new Set((request.bytes instanceof Uint8Array ? [request.bytes] : request.bytes).map((b) => b.buffer as ArrayBuffer));
    worker!.postMessage({ id, ...request } satisfies ParquetRequest, [...buffers]);
  });
}

/** Starts the worker and its parquet-wasm now (a workbook is about to be opened: the sample,
 *  the saved one or a linked file all hold Parquet). */
export function warmParquet(): void {
  void ask({ op: 'warm', bytes: new Uint8Array(0) }).catch(() => undefined);
}

/** Compiles parquet-wasm on the page too, where a Parquet file the person picks is read: the
 *  first file then does not wait ~100 ms for it. For when the page is idle after its start. */
export function warmParquetOnPage(): void {
  void loadParquetWasm().catch(() => undefined);
}

export const browserParquet: ParquetCodec = {
  async *read(source) {
    if (!(source instanceof Uint8Array)) {
      yield* onThePage.read(source);
      return;
    }
    // A copy goes to the worker: the caller's bytes stay usable.
    const { bytes, rows } = await ask({ op: 'read', bytes: source.slice() });
    yield { ipc: bytes, rowsRead: rows, totalRows: rows };
  },
  async write(ipc) {
    return (await ask({ op: 'write', bytes: ipc instanceof Uint8Array ? [ipc] : [...ipc] })).bytes;
  },
};
