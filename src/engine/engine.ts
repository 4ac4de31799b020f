/** The one module that talks to DuckDB. Everything else asks it to open, load, query,
 *  cancel and export; no DuckDB object escapes, so the worker can be restarted underneath. */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import { MessageReader, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { ParquetCodec } from './parquet-codec';
import { readOnlyProbe } from '../sql/read-only';
import { refusedStatement, type Refusal } from '../sql/statement-kind';

/** Every file the app registers is named under this folder: the only place the engine may read. */
export const FILE_DIR = 'sdv-files/';

/** The engine has no network and no file system of its own, whatever the web server sends:
 *  no extension is fetched, only the files the app registers (under FILE_DIR) are readable,
 *  and the configuration is then locked so no statement can undo it. */
export const LOCK_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  `SET allowed_directories = ['${FILE_DIR}']`,
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

/** A statement a person may not run (reaching outside the page or changing the engine's
 *  settings); refused before the engine sees it. */
export class StatementRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(`statement refused: ${refusal.keyword}`);
    this.name = 'StatementRefusedError';
  }
}

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

/** The engine stopped answering or crashed (a wasm trap, the worker gone): nothing more can
 *  run on it; the app starts a new one and reopens the saved workbook. */
export class EngineLostError extends Error {
  constructor(readonly reason: string) {
    super(`engine lost: ${reason}`);
    this.name = 'EngineLostError';
  }
}

/** Messages of a WebAssembly trap or a worker failure: the engine's state can no longer be
 *  trusted. (DuckDB's own "Out of Memory Error" is an ordinary error and is not one of these.) */
/** How long a cancel may take to be acknowledged (and then to end the query). */
const CANCEL_ANSWER_MS = 4000;

/** DuckDB-WASM hands a statement's bound parameters to the worker as one JSON text on the
 *  worker's 1 MiB stack: a larger text overruns it and takes the whole tab down. Refused here
 *  instead, with a message; the app's own statements keep far under it (semantic-tables.ts). */
export const MAX_PARAMS_BYTES = 768 * 1024;

export class ParamsTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the statement's parameters are too large for the engine (${Math.round(bytes / 1024)} KB; at most ${MAX_PARAMS_BYTES / 1024} KB)`);
    this.name = 'ParamsTooLargeError';
  }
}

function paramsBytes(params: unknown[]): number {
  let json: string;
  try {
    json = JSON.stringify(params);
  } catch {
    return 0;
  }
  // A UTF-16 unit is at most 3 bytes of UTF-8: counted exactly only when it may matter.
  return json.length * 3 <= MAX_PARAMS_BYTES ? json.length : new TextEncoder().encode(json).length;
}

/** An import stops when the engine is this close to its memory limit (checked before the first
 *  batch and every MEMORY_CHECK_EVERY batches of 128 k rows: every 512 k rows). */
const IMPORT_HEADROOM_BYTES = 512 * 2 ** 20;
const MEMORY_CHECK_EVERY = 4;

const MEMORY_SQL = `SELECT (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::BIGINT AS used, (SELECT value FROM duckdb_settings() WHERE name = 'memory_limit') AS lim`;

/** DuckDB's way of writing a size (`3.1 GiB`, `500.0 MB`) in bytes; Infinity when unknown. */
export function parseBytes(text: string): number {
  const m = /^\s*([\d.]+)\s*([KMGT]?)(i?)B\s*$/i.exec(text);
  if (!m) return Infinity;
  const power = ' KMGT'.indexOf(m[2]!.toUpperCase() || ' ');
  return Number(m[1]) * (m[3] ? 1024 : 1000) ** power;
}

const CRASH = /RuntimeError|memory access out of bounds|unreachable|Aborted\(|worker (terminated|error)/i;

export interface ParquetLoadOptions {
  signal?: AbortSignal;
  onProgress?: (rowsRead: number, totalRows: number) => void;
  /** Sees each batch (an Arrow IPC stream) before the engine has it. */
  inspect?: (ipc: Uint8Array) => void;
}

/** A browser File or Blob (read lazily by the worker), or bytes. */
export type FileSource = Blob | Uint8Array;

export class Engine {
  private lostError: EngineLostError | null = null;
  /** Requests sent to the worker and not yet answered (queued on a connection included). */
  private pending = 0;
  private readonly busyListeners = new Set<(pending: number) => void>();
  private readonly lostListeners = new Set<(reason: string) => void>();
  private rejectLost: (error: EngineLostError) => void = () => undefined;
  /** Rejects once the engine is lost: every pending call races it, so none waits forever. */
  private readonly lostSignal = new Promise<never>((_, reject) => {
    this.rejectLost = reject;
  });

  /** User queries, import work and the analyses' views get separate connections, so
   *  cancelling one never cancels another. */
  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly userConn: AsyncDuckDBConnection,
    private readonly workConn: AsyncDuckDBConnection,
    private readonly viewConn: AsyncDuckDBConnection,
    /** Exports (autosave, save as) stream on their own connection, so analyses and imports
     *  are not queued behind a big table being written out. */
    private readonly exportConn: AsyncDuckDBConnection,
    private readonly parquet: ParquetCodec,
    private readonly readsBlobs: boolean,
  ) {
    this.lostSignal.catch(() => undefined);
  }

  /** `readsBlobs`: the worker can read File/Blob handles itself (browser); in Node they are
   *  handed over as bytes. */
  static async open(db: AsyncDuckDB, parquet: ParquetCodec, readsBlobs = true): Promise<Engine> {
    // No extension may be fetched at run time: everything must come from our own origin.
    // DuckDB-WASM's own query polling interval is kept: answering polls every 5 ms made a cancel
    // take effect sooner (a bare page: ~5 ms, not ~70) but slowed a 1 M-row CSV read in the app
    // by ~8 % (the worker waits for each poll from a busy page).
    await db.open({ query: { castDecimalToDouble: true } });
    const userConn = await db.connect();
    const workConn = await db.connect();
    const viewConn = await db.connect();
    const exportConn = await db.connect();
    for (const setting of LOCK_SETTINGS) await workConn.query(setting);
    return new Engine(db, userConn, workConn, viewConn, exportConn, parquet, readsBlobs);
  }

  /** Runs user SQL (one or more statements; the last one's rows are returned). Cancellable.
   *  Statements that reach outside the page or change settings are refused. */
  query(sql: string, params: unknown[] = []): Promise<QueryResult> {
    const refusal = refusedStatement(sql);
    if (refusal) return Promise.reject(new StatementRefusedError(refusal));
    return this.timed(this.userConn, sql, params);
  }

  /** True when `sql` is one query that only reads, as DuckDB's parser sees it (prepared, never
   *  run; see sql/read-only.ts). False for anything else, or when it cannot be prepared. */
  isReadOnly(sql: string): Promise<boolean> {
    return this.serialised(this.viewConn, async () => {
      const stmt = await this.viewConn.prepare(readOnlyProbe(sql));
      await stmt.close();
      return true;
    }).catch(() => false);
  }

  /** Runs app-generated SQL on the import connection. Cancellable through `cancelWork`. */
  run(sql: string, params: unknown[] = []): Promise<Table> {
    return this.timed(this.workConn, sql, params).then((r) => r.table);
  }

  /** Runs an analysis or a dashboard block's query (app-generated, or a read-only SQL block).
   *  Cancellable through `cancelView`. */
  view(sql: string, params: unknown[] = [], signal?: AbortSignal): Promise<Table> {
    // Cancelling is per run: aborting `signal` stops this query only (not yet started: it never
    // starts; running: it is cancelled), never another block's on the same connection.
    const refusal = refusedStatement(sql);
    if (refusal) return Promise.reject(new StatementRefusedError(refusal));
    return this.serialised(this.viewConn, async () => {
      if (signal?.aborted) throw new QueryCancelledError();
      const onAbort = () => void this.cancelOn(this.viewConn);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return (await this.execute(this.viewConn, sql, params, signal)).table;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  cancelQuery(): Promise<boolean> {
    return this.cancelOn(this.userConn);
  }

  cancelWork(): Promise<boolean> {
    return this.cancelOn(this.workConn);
  }

  /** Cancels what runs on `conn`. An engine that neither acknowledges the cancel nor ends the
   *  query within seconds, and then does not answer a ping, has crashed or hung: it is lost. */
  private async cancelOn(conn: AsyncDuckDBConnection): Promise<boolean> {
    const within = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
    const running = this.running.get(conn);
    const answered = await within(conn.cancelSent(), CANCEL_ANSWER_MS);
    const ended = !running || (await within(running, answered ? CANCEL_ANSWER_MS : 0));
    if ((!answered || !ended) && !(await this.alive())) this.markLost('no answer');
    return answered;
  }

  get lost(): boolean {
    return this.lostError !== null;
  }

  /** Called once when the engine is lost (see `markLost`). */
  onLost(listener: (reason: string) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** The engine cannot go on (a crash seen by the worker's owner, or no answer to `alive`):
   *  pending calls reject with EngineLostError and the listeners are told. */
  markLost(reason: string) {
    if (this.lostError) return;
    this.lostError = new EngineLostError(reason);
    this.rejectLost(this.lostError);
    for (const listener of this.lostListeners) listener(reason);
  }

  /** Whether the worker still answers within `ms` (a worker busy with a long query answers
   *  between two of its steps). */
  async alive(ms = 3000): Promise<boolean> {
    if (this.lostError) return false;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms));
    return Promise.race([this.db.getVersion().then(() => true, () => false), timeout]);
  }

  /** How many requests the engine has been asked and not yet answered (0: idle). */
  get busy(): number {
    return this.pending;
  }

  /** Called with the number of pending requests each time it changes. */
  onBusy(listener: (pending: number) => void): () => void {
    this.busyListeners.add(listener);
    return () => this.busyListeners.delete(listener);
  }

  /** Counts `work` as pending from now until it settles. */
  private tracked<T>(work: Promise<T>): Promise<T> {
    this.pending++;
    for (const listener of this.busyListeners) listener(this.pending);
    const done = () => {
      this.pending--;
      for (const listener of this.busyListeners) listener(this.pending);
    };
    work.then(done, done);
    return work;
  }

  /** A call that rejects at once if the engine is (or becomes) lost. */
  private guard<T>(work: Promise<T>): Promise<T> {
    return this.lostError ? Promise.reject(this.lostError) : Promise.race([work, this.lostSignal]);
  }

  /** Registers a file for read_csv / read_parquet. A browser File is read lazily by the
   *  worker (FileReaderSync), so large files are never copied whole into JavaScript memory. */
  async registerFile(name: string, source: FileSource): Promise<void> {
    if (!name.startsWith(FILE_DIR) || name.includes('..')) throw new Error(`registered files are named under ${FILE_DIR}: ${name}`);
    if (source instanceof Uint8Array || !this.readsBlobs) {
      const bytes = source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
      await this.tracked(this.db.registerFileBuffer(name, bytes));
    } else {
      await this.tracked(this.db.registerFileHandle(name, source, DuckDBDataProtocol.BROWSER_FILEREADER, true));
    }
  }

  async dropFile(name: string): Promise<void> {
    await this.tracked(this.db.dropFile(name));
  }

  /** Loads a Parquet file into a new table, batch by batch; `onProgress` gets rows read. */
  loadParquet(
    table: string,
    source: FileSource,
    options: ParquetLoadOptions = {},
  ): Promise<void> {
    // Busy from the first batch to the last (not only while each batch is inserted).
    return this.tracked(this.loadParquetBatches(table, source, options));
  }

  private async loadParquetBatches(
    table: string,
    source: FileSource,
    options: ParquetLoadOptions,
  ): Promise<void> {
    let first = true;
    const input = source instanceof Uint8Array || this.readsBlobs ? source : new Uint8Array(await source.arrayBuffer());
    let chunks = 0;
    // One batch is inserted by the engine's worker while the next is decoded here: the two
    // overlap instead of taking turns (at most two batches are held at once). The memory is
    // asked for the same way, while a batch decodes, and checked before every few inserts.
    let inserting: Promise<void> | null = null;
    let room: Promise<void> | null = quietly(this.roomFor());
    try {
      for await (const chunk of this.parquet.read(input)) {
        if (options.signal?.aborted) throw new QueryCancelledError();
        // Read before the worker is handed the bytes (they move to it).
        options.inspect?.(chunk.ipc);
        if (inserting) await inserting;
        if (room) await room;
        room = null;
        const create = first;
        inserting = quietly(this.serialised(this.workConn, () => this.workConn.insertArrowFromIPCStream(chunk.ipc, { name: table, create })));
        if (++chunks % MEMORY_CHECK_EVERY === 0) room = quietly(this.roomFor());
        first = false;
        options.onProgress?.(chunk.rowsRead, chunk.totalRows);
      }
      if (inserting) await inserting;
    } finally {
      // Whatever stopped the loop, nothing is left running behind the caller's clean-up.
      await Promise.allSettled([inserting, room]);
    }
    if (first) throw new Error('the file holds no row group');
  }

  /** What the engine holds now and the most it may hold (DuckDB's memory_limit, about 3.1 GiB
   *  of the browser's 4 GB for WebAssembly). */
  async memory(): Promise<{ usedBytes: number; limitBytes: number }> {
    const row = (await this.run(MEMORY_SQL)).get(0);
    return { usedBytes: Number(row?.used ?? 0), limitBytes: parseBytes(String(row?.lim ?? '')) };
  }

  /** Compresses the engine's tables when they hold more than `aboveBytes`. Rows the engine
   *  is handed as whole row groups stay uncompressed in memory: 10 M rows of Parquet held 1.8 GiB
   *  and left the next query out of memory; compressed they hold a few hundred MiB. Compressing
   *  costs about half a second a million rows, so small workbooks are left as they are. It is
   *  skipped (false) while another connection has a transaction open. */
  async compressTables(aboveBytes: number): Promise<boolean> {
    if ((await this.memory()).usedBytes <= aboveBytes) return false;
    return this.run('CHECKPOINT').then(
      () => true,
      () => false,
    );
  }

  /** Throws DuckDB's own kind of "Out of Memory Error" when the engine is within
   *  IMPORT_HEADROOM_BYTES of its limit. Near the browser's 4 GB ceiling a buffer handed to the
   *  worker may find no memory at all, and the tab crashed (see bench/results.md, memory
   *  ceiling): an import stops before that, with a message, and the engine goes on. */
  private async roomFor(): Promise<void> {
    const { usedBytes, limitBytes } = await this.memory();
    if (usedBytes + IMPORT_HEADROOM_BYTES > limitBytes) {
      const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
      throw new Error(`Out of Memory Error: the engine holds ${gib(usedBytes)} of its ${gib(limitBytes)}; no room left to load more`);
    }
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
   *  engine batch by batch: a big table is never held whole in JavaScript memory. The engine's
   *  own Arrow messages go to the Parquet writer as they came: decoded and encoded again on the
   *  page, 250 k rows took ~40 ms a part, a pause in whatever the person was doing. */
  exportParquetParts(sql: string, rowsPerPart = 250_000): Promise<Uint8Array[]> {
    return this.serialised(this.exportConn, async () => {
      const parts: Uint8Array[] = [];
      const { schema, batches } = await this.resultMessages(this.exportConn, sql);
      let pieces: Uint8Array[] = [];
      let rows = 0;
      // Each part is a whole stream: the schema, its batches, the end marker (copies of the
      // first and last, whose buffers move to the writer with the batches).
      const flush = async () => {
        parts.push(await this.parquet.write([schema.slice(), ...pieces, END_OF_STREAM.slice()]));
        pieces = [];
        rows = 0;
      };
      for await (const message of batches) {
        pieces.push(message);
        rows += rowsIn(message);
        if (rows >= rowsPerPart) await flush();
      }
      // An empty table still needs its columns.
      if (pieces.length > 0 || parts.length === 0) await flush();
      return parts;
    });
  }

  /** A query's result as the engine sends it, undecoded: the schema's message, then the
   *  batches'. Streamed as the engine reads (allowStreamResult), not materialised in the engine
   *  first, which at 10 M rows held gigabytes and left a query beside it out of memory. */
  private resultMessages(conn: AsyncDuckDBConnection, sql: string): Promise<{ schema: Uint8Array; batches: AsyncIterable<Uint8Array> }> {
    return conn.useUnsafe(async (db, id) => {
      let schema = await db.startPendingQuery(id, sql, true);
      while (schema == null) schema = await db.pollPendingQuery(id);
      if (rowsIn(schema) > 0) throw new Error('the engine sent rows with the schema');
      async function* batches(): AsyncGenerator<Uint8Array> {
        for (;;) {
          let chunk: Uint8Array | null = null;
          while (chunk == null) chunk = await db.fetchQueryResults(id);
          if (chunk.length === 0) return;
          yield chunk;
        }
      }
      return { schema, batches: batches() };
    });
  }

  async close(): Promise<void> {
    // A lost engine cannot answer: only its worker is stopped.
    if (!this.lostError) {
      for (const conn of [this.userConn, this.workConn, this.viewConn, this.exportConn]) await conn.close().catch(() => undefined);
    }
    await this.db.terminate();
  }

  /** A DuckDB connection holds one pending query at a time: a second one sent while the first
   *  is polled would replace it. Work on each connection therefore runs one after another. */
  private readonly queues = new WeakMap<AsyncDuckDBConnection, Promise<unknown>>();
  /** The query each connection is running now. */
  private readonly running = new Map<AsyncDuckDBConnection, Promise<unknown>>();

  private serialised<T>(conn: AsyncDuckDBConnection, work: () => Promise<T>): Promise<T> {
    const next = this.guard((this.queues.get(conn) ?? Promise.resolve()).catch(() => undefined).then(work));
    this.queues.set(conn, next);
    return this.tracked(next);
  }

  private timed(conn: AsyncDuckDBConnection, sql: string, params: unknown[]): Promise<QueryResult> {
    return this.serialised(conn, () => this.execute(conn, sql, params));
  }

  private execute(conn: AsyncDuckDBConnection, sql: string, params: unknown[], signal?: AbortSignal): Promise<QueryResult> {
    const run = this.executeNow(conn, sql, params, signal);
    this.running.set(conn, run);
    return run.finally(() => {
      if (this.running.get(conn) === run) this.running.delete(conn);
    });
  }

  private async executeNow(conn: AsyncDuckDBConnection, sql: string, params: unknown[], signal?: AbortSignal): Promise<QueryResult> {
    const started = performance.now();
    let table: Table;
    try {
      // send() polls the worker for the pending query, which is what lets cancelSent() stop it
      // (and lets the worker answer `alive` between two steps of a long query).
      if (params.length > 0) {
        const bytes = paramsBytes(params);
        if (bytes > MAX_PARAMS_BYTES) throw new ParamsTooLargeError(bytes);
      }
      const stmt = params.length > 0 ? await conn.prepare(sql) : null;
      try {
        // A cancel while the statement was prepared found no query to stop: it must not start.
        if (signal?.aborted) throw new QueryCancelledError();
        const reader = stmt ? await stmt.send(...params) : await conn.send(sql, false);
        const batches: RecordBatch[] = [];
        for await (const batch of reader) batches.push(batch);
        table = batches.length > 0 ? new Table(batches) : new Table(reader.schema ?? undefined);
      } finally {
        await stmt?.close();
      }
    } catch (error) {
      // Only the worker's own message: a table named `cancelled_orders` in an error is not a cancel.
      if (error instanceof Error && /query was cancell?ed/i.test(error.message)) throw new QueryCancelledError();
      if (error instanceof Error && CRASH.test(error.message)) {
        this.markLost(error.message);
        throw this.lostError!;
      }
      throw error;
    }
    return { table, elapsedMs: performance.now() - started };
  }
}

/** The end of an Arrow IPC stream (a continuation marker and a zero length). */
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Rows in the record batches of Arrow IPC messages, read from their headers only. */
function rowsIn(messages: Uint8Array): number {
  const reader = new MessageReader(messages);
  let rows = 0;
  for (let m = reader.readMessage(); m; m = reader.readMessage()) {
    if (m.isRecordBatch()) rows += Number(m.header().length);
    reader.readMessageBody(m.bodyLength);
  }
  return rows;
}

/** The promise itself, its failure read when it is awaited rather than reported meanwhile as
 *  unhandled (work started ahead of the point where its answer is needed). */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
