/** Starts DuckDB-WASM in a Web Worker with bundles served from the app's own origin. */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { Engine } from './engine';
import { browserParquet, warmParquet } from './parquet-browser';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

export interface StartProgress {
  loaded: number;
  total: number;
}

let newest: Engine | null = null;

export async function startBrowserEngine(onProgress?: (p: StartProgress) => void): Promise<Engine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) =>
    onProgress?.({ loaded: p.bytesLoaded, total: p.bytesTotal }),
  );
  performance.mark('sdv:engine-instantiated');
  // parquet-wasm compiles while the engine opens (worker round trips, the CPU idle): started
  // with the engine's own compile instead, the two slowed each other by ~200 ms on 2 cores.
  warmParquet();
  const engine = await Engine.open(db, browserParquet);
  // CONTRACT (read-only): how many requests the engine's worker has not answered yet.
  // Only the newest engine says so (one lost and replaced may still be settling its calls).
  const root = document.documentElement;
  newest = engine;
  root.dataset.engineBusy = '0';
  engine.onBusy((pending) => {
    if (newest === engine) root.dataset.engineBusy = String(pending);
  });
  // A worker that fails outside a query (a wasm trap, out of memory) cannot be trusted again.
  worker.addEventListener('error', (e) => engine.markLost(e.message || 'worker error'));
  return engine;
}
