/** Between the views and the engine (in the spirit of Mosaic's coordinator): identical queries
 *  in flight run once, results are kept until a table they read changes, and a query that
 *  can be answered from a pre-aggregate (sql/analysis.ts `PreAggregate`) is, once that small
 *  table is built. Whoever changes a table's data, the units dictionary, the crosswalk or the
 *  level map says so through `changed`; nothing read before it is answered after it. */
import type { Table } from 'apache-arrow';
import { QueryCancelledError, type Engine } from '../engine/engine';
import { createPreAggregate, dropPreAggregate, type BuiltQuery } from '../sql/analysis';

interface Shared<T> {
  promise: Promise<T>;
  /** The tables read (null: any) and their stamp when the work was started. */
  reads: readonly string[] | null;
  stamp: string;
  /** Callers still waiting; the work is cancelled when the last one gives up. */
  waiting: number;
  controller: AbortController;
  done: boolean;
}

export interface QueryLayerOptions {
  /** Answer from pre-aggregates when a query offers one (default true). */
  preaggregate?: boolean;
  /** Results kept (the least recently used go first). */
  maxResults?: number;
  /** Bytes of results kept: a unit × year view at 10 M rows is 600,000 rows, and a few of
   *  those held the page's heap at gigabytes. A result larger than a quarter of it is not kept. */
  maxResultBytes?: number;
  /** Pre-aggregated tables kept. */
  maxPreaggs?: number;
}

export class QueryLayer {
  /** Moves on when every table may have changed. */
  private epoch = 0;
  private readonly stamps = new Map<string, number>();
  private readonly results = new Map<string, Shared<Table>>();
  private readonly preaggs = new Map<string, Shared<void>>();
  private readonly preaggregate: boolean;
  private readonly maxResults: number;
  private readonly maxResultBytes: number;
  /** Sizes of the results kept (known once each is in). */
  private readonly sizes = new Map<string, number>();
  private readonly maxPreaggs: number;
  /** Work running now, and when a view last asked for something. */
  private inFlight = 0;
  private lastAsked = -Infinity;
  /** Counters, for tests and the bench. */
  readonly stats = { queries: 0, hits: 0, shared: 0, preaggsBuilt: 0 };

  constructor(
    readonly engine: Engine,
    options: QueryLayerOptions = {},
  ) {
    this.preaggregate = options.preaggregate ?? true;
    this.maxResults = options.maxResults ?? 300;
    this.maxResultBytes = options.maxResultBytes ?? 256 * 2 ** 20;
    this.maxPreaggs = options.maxPreaggs ?? 64;
  }

  /** Tables whose data changed (none named: any table may have). */
  changed(tables?: readonly string[]) {
    if (!tables) this.epoch++;
    else for (const t of tables) this.stamps.set(t, (this.stamps.get(t) ?? 0) + 1);
    for (const [key, entry] of this.results) if (entry.stamp !== this.stampOf(entry.reads)) this.forget(key);
    for (const [table, entry] of this.preaggs)
      if (entry.stamp !== this.stampOf(entry.reads)) {
        this.preaggs.delete(table);
        this.dropTable(table);
      }
  }

  /** The result of an app-generated query (an analysis, a block, filter options). */
  view(query: BuiltQuery, signal?: AbortSignal): Promise<Table> {
    this.lastAsked = performance.now();
    const reads = query.reads ?? null;
    const key = `${JSON.stringify(reads)}\u0000${query.sql}\u0000${JSON.stringify(query.params, bigints)}`;
    const stamp = this.stampOf(reads);
    const known = this.results.get(key);
    if (known && known.stamp === stamp && !known.controller.signal.aborted) {
      // Most recently used last.
      this.results.delete(key);
      this.results.set(key, known);
      if (known.done) this.stats.hits++;
      else this.stats.shared++;
      return this.wait(known, signal);
    }
    this.stats.queries++;
    const entry = this.start<Table>(reads, stamp, async (inner) => {
      const p = query.preagg;
      if (this.preaggregate && p) {
        await this.wait(this.buildPreagg(p.table, p.select, reads, stamp), inner);
        return this.engine.view(p.sql, query.params, inner);
      }
      return this.engine.view(query.sql, query.params, inner);
    });
    this.results.set(key, entry);
    entry.promise.then(
      (table) => {
        if (this.results.get(key) !== entry) return;
        const bytes = tableBytes(table);
        if (bytes > this.maxResultBytes / 4) this.forget(key);
        else {
          this.sizes.set(key, bytes);
          this.trim();
        }
      },
      () => {
        if (this.results.get(key) === entry) this.forget(key);
      },
    );
    this.trim();
    return this.wait(entry, signal);
  }

  /** Bytes of the results kept now (for tests). */
  get keptBytes(): number {
    let total = 0;
    for (const b of this.sizes.values()) total += b;
    return total;
  }

  private forget(key: string) {
    this.results.delete(key);
    this.sizes.delete(key);
  }

  /** The least recently used results go until the count and the bytes fit. */
  private trim() {
    while (this.results.size > this.maxResults || (this.results.size > 1 && this.keptBytes > this.maxResultBytes)) this.forget(this.results.keys().next().value!);
  }

  /** How long nothing has been asked and nothing has run (0: something runs now): an autosave
   *  waits for a quiet moment rather than compete with the views. */
  get quietForMs(): number {
    return this.inFlight > 0 ? 0 : performance.now() - this.lastAsked;
  }

  /** Forgets everything (a new engine, a workbook opened). */
  clear() {
    this.changed();
  }

  private buildPreagg(table: string, select: string, reads: readonly string[] | null, stamp: string): Shared<void> {
    const known = this.preaggs.get(table);
    if (known && known.stamp === stamp && !known.controller.signal.aborted) return known;
    if (known) this.preaggs.delete(table);
    const entry = this.start<void>(reads, stamp, async (inner) => {
      await this.engine.view(createPreAggregate({ table, select, sql: '' }), [], inner);
      this.stats.preaggsBuilt++;
    });
    this.preaggs.set(table, entry);
    entry.promise.catch(() => {
      if (this.preaggs.get(table) === entry) this.preaggs.delete(table);
    });
    while (this.preaggs.size > this.maxPreaggs) {
      const oldest = this.preaggs.keys().next().value!;
      this.preaggs.delete(oldest);
      this.dropTable(oldest);
    }
    return entry;
  }

  private dropTable(table: string) {
    if (!this.engine.lost) void this.engine.view(dropPreAggregate(table)).catch(() => undefined);
  }

  private stampOf(reads: readonly string[] | null): string {
    return reads ? `${this.epoch}:${reads.map((t) => this.stamps.get(t) ?? 0).join(',')}` : `${this.epoch}:*${[...this.stamps.values()].reduce((a, b) => a + b, 0)}`;
  }

  private start<T>(reads: readonly string[] | null, stamp: string, work: (signal: AbortSignal) => Promise<T>): Shared<T> {
    const controller = new AbortController();
    const entry: Shared<T> = { promise: null as unknown as Promise<T>, reads, stamp, waiting: 0, controller, done: false };
    this.inFlight++;
    entry.promise = work(controller.signal).finally(() => {
      entry.done = true;
      this.inFlight--;
      this.lastAsked = performance.now();
    });
    entry.promise.catch(() => undefined);
    return entry;
  }

  /** The shared work's outcome for one caller: its own cancel rejects its own wait, and stops
   *  the work only when nobody else waits for it. */
  private wait<T>(entry: Shared<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new QueryCancelledError());
    entry.waiting++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        if (settled) return;
        settled = true;
        entry.waiting--;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        leave();
        // A view that re-runs cancels its old run and asks the same again at once: the work
        // is stopped only if nobody has joined it by the next turn.
        setTimeout(() => {
          if (entry.waiting === 0 && !entry.done) entry.controller.abort();
        }, 0);
        reject(new QueryCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          if (settled) return;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          leave();
          reject(error);
        },
      );
    });
  }
}

function tableBytes(table: Table): number {
  let total = 0;
  for (const batch of table.batches) total += batch.data.byteLength;
  return total;
}

function bigints(_key: string, value: unknown) {
  return typeof value === 'bigint' ? `${value}n` : value;
}
