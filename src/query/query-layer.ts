/** Between the views and the engine (in the spirit of Mosaic's coordinator): identical queries
 *  in flight run once, results are kept until a table they read changes, and a query that
 *  can be answered from a pre-aggregate (sql/analysis.ts `PreAggregate`) is, once that small
 *  table is built. Whoever changes a table's data, the units dictionary, the crosswalk or the
 *  level map says so through `changed`; nothing read before it is answered after it. */
import type { Table } from 'apache-arrow';
import { QueryCancelledError, type Engine } from '../engine/engine';
import { createPreAggregate, dropPreAggregate, type BuiltQuery } from '../sql/analysis';
import { tableBytes } from '../results/columns';

/** `now`: a view waits for it; `idle`: work for later (the sentences under a view), run when no
 *  `now` work is in flight and stopped, to be run again, when one arrives. */
export type Priority = 'now' | 'idle';

interface Shared<T> {
  promise: Promise<T>;
  /** Work for later: given way to, then run again (false once a view waits for it too). */
  idle: boolean;
  /** Stops the current attempt of idle work so that `now` work runs first. */
  yieldTurn: (() => void) | null;
  /** The pre-aggregate it waits for (promoted with it). */
  needs: Shared<void> | null;
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
  /** `now` work in flight, and the idle work waiting for it to end. */
  private urgent = 0;
  private urgentDone: (() => void)[] = [];
  /** Tables being rewritten (the semantic sync's maps): reads of them wait (`hold`). */
  private readonly holds = new Map<string, Promise<void>>();
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

  /** Reads of `tables` wait until `until` settles: the semantic sync is rewriting them (or is
   *  about to: a workbook being opened shows its saved query first). */
  hold(tables: readonly string[], until: Promise<unknown>) {
    const settled = until.then(
      () => undefined,
      () => undefined,
    );
    for (const t of tables) this.holds.set(t, settled);
    void settled.then(() => {
      for (const t of tables) if (this.holds.get(t) === settled) this.holds.delete(t);
    });
  }

  /** Settles when nothing `reads` is held (at once, mostly). */
  private unheld(reads: readonly string[] | null): Promise<unknown> | null {
    if (this.holds.size === 0) return null;
    const held = reads ? reads.flatMap((t) => this.holds.get(t) ?? []) : [...this.holds.values()];
    return held.length > 0 ? Promise.all(held) : null;
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
  view(query: BuiltQuery, signal?: AbortSignal, priority: Priority = 'now'): Promise<Table> {
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
      if (priority === 'now') this.promote(known);
      return this.wait(known, signal);
    }
    this.stats.queries++;
    const entry = this.start<Table>(reads, stamp, priority, async (inner, self) => {
      const held = this.unheld(reads);
      if (held) await held;
      if (inner.aborted) throw new QueryCancelledError();
      const p = query.preagg;
      if (this.preaggregate && p) {
        // Asked again on each attempt: one that gave way may have taken its build with it.
        self.needs = this.buildPreagg(p.table, p.select, reads, stamp, self.idle ? 'idle' : 'now');
        await this.wait(self.needs, inner);
        self.needs = null;
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

  private buildPreagg(table: string, select: string, reads: readonly string[] | null, stamp: string, priority: Priority): Shared<void> {
    const known = this.preaggs.get(table);
    if (known && known.stamp === stamp && !known.controller.signal.aborted) {
      if (priority === 'now') this.promote(known);
      return known;
    }
    if (known) this.preaggs.delete(table);
    const entry = this.start<void>(reads, stamp, priority, async (inner) => {
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

  private start<T>(reads: readonly string[] | null, stamp: string, priority: Priority, work: (signal: AbortSignal, self: Shared<T>) => Promise<T>): Shared<T> {
    const controller = new AbortController();
    const entry: Shared<T> = { promise: null as unknown as Promise<T>, idle: priority === 'idle', yieldTurn: null, needs: null, reads, stamp, waiting: 0, controller, done: false };
    this.inFlight++;
    const urgent = !entry.idle;
    if (urgent) {
      this.urgent++;
      // The worker runs one query at a time: idle work running now gives way.
      for (const other of [...this.results.values(), ...this.preaggs.values()]) other.yieldTurn?.();
    }
    const run = urgent ? work(controller.signal, entry) : this.inTurn(entry, work);
    entry.promise = run.finally(() => {
      entry.done = true;
      this.inFlight--;
      // Idle work a view came to wait for is counted from then (`promote`).
      if (urgent) this.urgentEnded();
      this.lastAsked = performance.now();
    });
    entry.promise.catch(() => undefined);
    return entry;
  }

  /** Idle work: started when no `now` work is in flight; stopped when some arrives, and run
   *  again once it has ended. */
  private async inTurn<T>(entry: Shared<T>, work: (signal: AbortSignal, self: Shared<T>) => Promise<T>): Promise<T> {
    for (;;) {
      while (entry.idle && this.urgent > 0) await new Promise<void>((resolve) => this.urgentDone.push(resolve));
      if (entry.controller.signal.aborted) throw new QueryCancelledError();
      const attempt = new AbortController();
      const stop = () => attempt.abort();
      entry.controller.signal.addEventListener('abort', stop, { once: true });
      let yielded = false;
      entry.yieldTurn = entry.idle
        ? () => {
            yielded = true;
            attempt.abort();
          }
        : null;
      try {
        return await work(attempt.signal, entry);
      } catch (error) {
        if (!yielded || entry.controller.signal.aborted) throw error;
      } finally {
        entry.yieldTurn = null;
        entry.controller.signal.removeEventListener('abort', stop);
      }
    }
  }

  /** A view waits for work started for later: it runs now, and no longer gives way. */
  private promote(entry: Shared<unknown>) {
    if (entry.needs) this.promote(entry.needs);
    if (!entry.idle || entry.done) return;
    entry.idle = false;
    entry.yieldTurn = null;
    this.urgent++;
    void entry.promise.finally(() => this.urgentEnded()).catch(() => undefined);
    // Waiting for its turn: it has it.
    this.wake();
  }

  private urgentEnded() {
    this.urgent--;
    if (this.urgent === 0) this.wake();
  }

  private wake() {
    const waiting = this.urgentDone;
    this.urgentDone = [];
    for (const resolve of waiting) resolve();
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

function bigints(_key: string, value: unknown) {
  return typeof value === 'bigint' ? `${value}n` : value;
}
