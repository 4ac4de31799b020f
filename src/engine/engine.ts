/** The one module that talks to DuckDB. Everything else asks it to open, load, query,
 *  cancel and export; no DuckDB object escapes, so the worker can be restarted underneath. */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { ParquetCodec } from './parquet-codec';

export interface QueryResult {
  table: Table;
  elapsedMs: number;
}

export class QueryCancelledError extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelledError';
  }
}

/** A browser File or Blob (read lazily by the worker), or bytes. */
export type FileSource = Blob | Uint8Array;

export class Engine {
  /** User queries and import work get separate connections, so cancelling one never
   *  cancels the other. */
  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly userConn: AsyncDuckDBConnection,
    private readonly workConn: AsyncDuckDBConnection,
    /** Exports (autosave, save as) stream on their own connection, so analyses and imports
     *  are not queued behind a big table being written out. */
    private readonly exportConn: AsyncDuckDBConnection,
    private readonly parquet: ParquetCodec,
    private readonly readsBlobs: boolean,
  ) {}

  /** `readsBlobs`: the worker can read File/Blob handles itself (browser); in Node they are
   *  handed over as bytes. */
  static async open(db: AsyncDuckDB, parquet: ParquetCodec, readsBlobs = true): Promise<Engine> {
    // No extension may be fetched at run time: everything must come from our own origin.
    await db.open({ query: { castDecimalToDouble: true } });
    const userConn = await db.connect();
    const workConn = await db.connect();
    const exportConn = await db.connect();
    await workConn.query('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');
    return new Engine(db, userConn, workConn, exportConn, parquet, readsBlobs);
  }

  /** Runs user SQL (one or more statements; the last one's rows are returned). Cancellable. */
  query(sql: string, params: unknown[] = []): Promise<QueryResult> {
    return this.timed(this.userConn, sql, params);
  }

  /** Runs app-generated SQL on the import connection. Cancellable through `cancelWork`. */
  run(sql: string, params: unknown[] = []): Promise<Table> {
    return this.timed(this.workConn, sql, params).then((r) => r.table);
  }

  cancelQuery(): Promise<boolean> {
    return this.userConn.cancelSent();
  }

  cancelWork(): Promise<boolean> {
    return this.workConn.cancelSent();
  }

  /** Registers a file for read_csv / read_parquet. A browser File is read lazily by the
   *  worker (FileReaderSync), so large files are never copied whole into JavaScript memory. */
  async registerFile(name: string, source: FileSource): Promise<void> {
    if (source instanceof Uint8Array || !this.readsBlobs) {
      const bytes = source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
      await this.db.registerFileBuffer(name, bytes);
    } else {
      await this.db.registerFileHandle(name, source, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    }
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  /** Loads a Parquet file into a new table, batch by batch; `onProgress` gets rows read. */
  async loadParquet(
    table: string,
    source: FileSource,
    options: { signal?: AbortSignal; onProgress?: (rowsRead: number, totalRows: number) => void } = {},
  ): Promise<void> {
    let first = true;
    const input = source instanceof Uint8Array || this.readsBlobs ? source : new Uint8Array(await source.arrayBuffer());
    for await (const chunk of this.parquet.read(input)) {
      if (options.signal?.aborted) throw new QueryCancelledError();
      await this.serialised(this.workConn, () => this.workConn.insertArrowFromIPCStream(chunk.ipc, { name: table, create: first }));
      first = false;
      options.onProgress?.(chunk.rowsRead, chunk.totalRows);
    }
    if (first) throw new Error('the file holds no row group');
  }

  /** Loads Parquet parts written by `exportParquetParts`, in order, into one new table. */
  async loadParquetParts(table: string, parts: Uint8Array[]): Promise<void> {
    let first = true;
    for (const part of parts) {
      for await (const chunk of this.parquet.read(part.slice())) {
        await this.serialised(this.workConn, () => this.workConn.insertArrowFromIPCStream(chunk.ipc, { name: table, create: first }));
        first = false;
      }
    }
    if (first) throw new Error('the table holds no data');
  }

  /** The rows of `sql` as Parquet bytes. */
  async exportParquet(sql: string): Promise<Uint8Array> {
    const { table } = await this.timed(this.workConn, sql, []);
    return this.parquet.write(tableToIPC(table, 'stream'));
  }

  /** The rows of `sql` as Parquet files of about `rowsPerPart` rows each, streamed from the
   *  engine batch by batch: a big table is never held whole in JavaScript memory. */
  exportParquetParts(sql: string, rowsPerPart = 250_000): Promise<Uint8Array[]> {
    return this.serialised(this.exportConn, async () => {
      const parts: Uint8Array[] = [];
      const reader = await this.exportConn.send(sql, false);
      let batches: RecordBatch[] = [];
      let rows = 0;
      const flush = async () => {
        if (batches.length === 0) return;
        parts.push(await this.parquet.write(tableToIPC(new Table(batches), 'stream')));
        batches = [];
        rows = 0;
      };
      for await (const batch of reader) {
        batches.push(batch);
        rows += batch.numRows;
        if (rows >= rowsPerPart) await flush();
      }
      await flush();
      // An empty table still needs its columns.
      if (parts.length === 0) parts.push(await this.parquet.write(tableToIPC(new Table(reader.schema ?? undefined), 'stream')));
      return parts;
    });
  }

  async close(): Promise<void> {
    await this.userConn.close().catch(() => undefined);
    await this.workConn.close().catch(() => undefined);
    await this.exportConn.close().catch(() => undefined);
    await this.db.terminate();
  }

  /** A DuckDB connection holds one pending query at a time: a second one sent while the first
   *  is polled would replace it. Work on each connection therefore runs one after another. */
  private readonly queues = new WeakMap<AsyncDuckDBConnection, Promise<unknown>>();

  private serialised<T>(conn: AsyncDuckDBConnection, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(conn) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.queues.set(conn, next);
    return next;
  }

  private timed(conn: AsyncDuckDBConnection, sql: string, params: unknown[]): Promise<QueryResult> {
    return this.serialised(conn, () => this.execute(conn, sql, params));
  }

  private async execute(conn: AsyncDuckDBConnection, sql: string, params: unknown[]): Promise<QueryResult> {
    const started = performance.now();
    let table: Table;
    try {
      if (params.length > 0) {
        const stmt = await conn.prepare(sql);
        try {
          table = await stmt.query(...params);
        } finally {
          await stmt.close();
        }
      } else {
        // send() polls the worker for the pending query, which is what lets cancelSent() stop it.
        const reader = await conn.send(sql, false);
        const batches: RecordBatch[] = [];
        for await (const batch of reader) batches.push(batch);
        table = batches.length > 0 ? new Table(batches) : new Table(reader.schema ?? undefined);
      }
    } catch (error) {
      // Only the worker's own message: a table named `cancelled_orders` in an error is not a cancel.
      if (error instanceof Error && /query was cancell?ed/i.test(error.message)) throw new QueryCancelledError();
      throw error;
    }
    return { table, elapsedMs: performance.now() - started };
  }
}
