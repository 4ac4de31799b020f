/** The result of the latest of a series of runs (a view re-runs whenever its choices or
 *  filters change): an older run that ends late never overwrites a newer one. */
import { QueryCancelledError } from '../../engine/engine';

export type Ended<T> = { state: 'ok'; value: T } | { state: 'error'; detail: string; cancelled: boolean };
export type RunState<T> = { state: 'running' } | Ended<T>;

export class LatestRun<T> {
  current: RunState<T> = $state.raw({ state: 'running' });
  private id = 0;
  private controller: AbortController | null = null;

  /** Starts a run (the one before, if still going, is stopped); `onend` is told how it ended,
   *  if it is still the latest. */
  start(work: (signal: AbortSignal) => Promise<T>, onend?: (s: Ended<T>) => void) {
    const id = ++this.id;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.current = { state: 'running' };
    work(controller.signal).then(
      (value) => this.end(id, { state: 'ok', value }, onend),
      (error: unknown) =>
        this.end(id, { state: 'error', detail: error instanceof Error ? error.message : String(error), cancelled: error instanceof QueryCancelledError }, onend),
    );
  }

  /** Stops the run going on now (the user's "Stop"). */
  cancel() {
    this.controller?.abort();
  }

  /** Ends the series with a problem found before running (nothing to run). */
  fail(detail: string) {
    this.id++;
    this.controller?.abort();
    this.current = { state: 'error', detail, cancelled: false };
  }

  private end(id: number, s: Ended<T>, onend?: (s: Ended<T>) => void) {
    if (id !== this.id) return;
    this.current = s;
    onend?.(s);
  }
}
