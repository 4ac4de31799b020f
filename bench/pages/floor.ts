// The floor: a bare page that starts DuckDB-WASM from the same bundles, reads the file with
// DuckDB's own reader and runs hand-written SQL. Nothing of the app is used.
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

let conn: duckdb.AsyncDuckDBConnection;
let db: duckdb.AsyncDuckDB;

async function start() {
  const bundle = await duckdb.selectBundle({ mvp: { mainModule: mvpWasm, mainWorker: mvpWorker }, eh: { mainModule: ehWasm, mainWorker: ehWorker } });
  db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castDecimalToDouble: true } });
  conn = await db.connect();
  await conn.query('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');
}

function file(): File {
  const f = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!f) throw new Error('no file chosen');
  return f;
}

/** CSV: DuckDB's read_csv straight from the File handle. */
async function ingestCsv(): Promise<number> {
  const f = file();
  await db.registerFileHandle(f.name, f, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  await conn.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('${f.name.replaceAll("'", "''")}', header = true)`);
  return Number((await conn.query('SELECT count(*) AS n FROM t')).get(0)?.n);
}

/** Parquet: DuckDB-WASM's read_parquet needs an extension downloaded from extensions.duckdb.org,
 *  which an offline page cannot have; the bare offline path is parquet-wasm → Arrow → DuckDB. */
async function ingestParquet(): Promise<number> {
  const pw = await import('parquet-wasm/esm');
  const wasm = (await import('parquet-wasm/esm/parquet_wasm_bg.wasm?url')).default;
  await pw.default({ module_or_path: wasm });
  const pf = await pw.ParquetFile.fromFile(file());
  const reader = (await pf.stream({ batchSize: 128 * 1024 })).getReader();
  await conn.query('DROP TABLE IF EXISTS t');
  for (let first = true; ; first = false) {
    const { done, value } = await reader.read();
    if (done) break;
    await conn.insertArrowFromIPCStream(value.intoIPCStream(), { name: 't', create: first });
  }
  return Number((await conn.query('SELECT count(*) AS n FROM t')).get(0)?.n);
}

async function query(sql: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const result = await conn.query(sql);
  return { ms: performance.now() - t0, rows: result.numRows };
}

(window as unknown as { bench: unknown }).bench = { start, ingestCsv, ingestParquet, query };
