/** parquet-wasm off the page's thread: writing a table's Parquet (every autosave) and decoding
 *  Parquet held in memory (a workbook's tables) took hundreds of milliseconds a table on the
 *  page at a million rows. See parquet-browser.ts. */
import { parquetCodec } from './parquet-codec';
import { loadParquetWasm } from './parquet-wasm-load';

const codec = parquetCodec(loadParquetWasm);

/** Decode Parquet bytes, start parquet-wasm, or write the pieces of one Arrow IPC stream. */
export type ParquetAsk = { op: 'read' | 'warm'; bytes: Uint8Array } | { op: 'write'; bytes: Uint8Array[] };
export type ParquetRequest = ParquetAsk & { id: number };
export type ParquetReply = { id: number; bytes: Uint8Array; rows: number } | { id: number; error: string };

self.onmessage = async (e: MessageEvent<ParquetRequest>) => {
  const request = e.data;
  const id = request.id;
  try {
    if (request.op === 'warm') {
      // Compiles parquet-wasm while the engine starts, so the first workbook opens without it.
      await loadParquetWasm();
      self.postMessage({ id, bytes: new Uint8Array(0), rows: 0 } satisfies ParquetReply);
    } else if (request.op === 'write') {
      // The pieces are joined here, off the page's thread.
      const out = await codec.write(request.bytes);
      self.postMessage({ id, bytes: out, rows: 0 } satisfies ParquetReply, { transfer: [out.buffer as ArrayBuffer] });
    } else {
      for await (const chunk of codec.read(request.bytes)) {
        self.postMessage({ id, bytes: chunk.ipc, rows: chunk.rowsRead } satisfies ParquetReply, { transfer: [chunk.ipc.buffer as ArrayBuffer] });
        return;
      }
      self.postMessage({ id, error: 'the file holds no data' } satisfies ParquetReply);
    }
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies ParquetReply);
  }
};
