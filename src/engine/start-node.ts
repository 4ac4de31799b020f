/** Starts the same DuckDB-WASM engine in Node (unit tests, scripts): the Node worker bundle
 *  runs in worker_threads behind a small Web-Worker-shaped adapter. */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { Engine } from './engine';
import { nodeParquet } from './parquet-node';

const require = createRequire(import.meta.url);

export async function startNodeEngine(): Promise<Engine> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node.cjs'));
  const shim = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node-worker-shim.cjs');
  const worker = new Worker(shim, { workerData: { script: path.join(dist, 'duckdb-node-eh.worker.cjs') } });
  const handlers = new Map<unknown, (data: unknown) => void>();
  const webWorker = {
    addEventListener(type: string, fn: (event: unknown) => void) {
      const handler = (data: unknown) => fn(type === 'message' ? { data } : data);
      handlers.set(fn, handler);
      worker.on(type, handler);
    },
    removeEventListener(type: string, fn: unknown) {
      const handler = handlers.get(fn);
      if (handler) worker.off(type, handler);
    },
    postMessage(message: unknown, transfer: Transferable[] = []) {
      worker.postMessage(message, transfer as never);
    },
    terminate() {
      return worker.terminate();
    },
  };
  const db: AsyncDuckDB = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), webWorker);
  await db.instantiate(path.join(dist, 'duckdb-eh.wasm'));
  return Engine.open(db, nodeParquet, false);
}
