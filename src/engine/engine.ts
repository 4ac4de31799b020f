/** The one module that talks to DuckDB. Everything else asks it to open, load, query,
 *  cancel and export; no DuckDB object escapes, so the worker can be restarted underneath. */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import { copyToParquet } from '../sql/statements';

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

export type FileSource = File | Uint8Array;

export class Engine {
  /** User queries and import work get separate connections, so cancelling one never
   *  cancels the other. */
  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly userConn: AsyncDuckDBConnection,
    private readonly workConn: AsyncDuckDBConnection,
  ) {}

  static async open(db: AsyncDuckDB): Promise<Engine> {
    await db.open({ query: { castDecimalToDouble: true } });
    const userConn = await db.connect();
    const workConn = await db.connect();
    return new Engine(db, userConn, workConn);
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
    if (source instanceof Uint8Array) {
      await this.db.registerFileBuffer(name, source);
    } else {
      await this.db.registerFileHandle(name, source, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    }
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  /** Writes the rows of `selectSql` as Parquet and returns the bytes. */
  async exportParquet(selectSql: string): Promise<Uint8Array> {
    const path = `export-${Date.now()}-${Math.random().toString(36).slice(2)}.parquet`;
    await this.run(copyToParquet(selectSql, path));
    try {
      return await this.db.copyFileToBuffer(path);
    } finally {
      await this.db.dropFile(path);
    }
  }

  async close(): Promise<void> {
    await this.userConn.close().catch(() => undefined);
    await this.workConn.close().catch(() => undefined);
    await this.db.terminate();
  }

  private async timed(conn: AsyncDuckDBConnection, sql: string, params: unknown[]): Promise<QueryResult> {
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
      if (error instanceof Error && /cancel/i.test(error.message)) throw new QueryCancelledError();
      throw error;
    }
    return { table, elapsedMs: performance.now() - started };
  }
}
