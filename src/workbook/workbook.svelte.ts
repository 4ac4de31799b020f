/** The open workbook: engine, tables, the current query and its result, messages.
 *  Components read this state and call its functions; only these functions change it. */
import { timedStep } from '../util/timeline';
import type { ChartSpec } from '../charts/chart-spec';
import type { Table } from 'apache-arrow';
import { Engine, EngineLostError, QueryCancelledError, StatementRefusedError } from '../engine/engine';
import { QueryLayer } from '../query/query-layer';
import { forgetWrittenMaps } from '../analyses/semantic-sync';
import { listTables, withTable, type TableInfo } from '../engine/catalog';
import { fromBytes, fromFile, importFile, ImportError, previewImport, type ImportSource, type Preview } from '../import/import-file';
import { prepareSource } from '../import/prepare-source';
import { appendImport } from '../import/append';
import type { ReportPart } from '../import/report-parts';
import type { ImportPlan, TableOrigin } from '../import/import-plan';
import { tableOrigin } from '../import/table-origin';
import { formatNumber } from '../format/number';
import { planImport, readHead, revisePlan, type PlanChange } from '../import/plan-file';
import { presetOf, reportStem, withPreset, type ImportPreset } from '../import/presets';
import { matchColumns, seriesGroups, yearOfFile, YEAR_COLUMN } from '../import/year-series';
import { tableNameFor } from '../import/naming';
import { combineTables, dropTable } from '../sql/statements';
import type { ImportResult } from '../import/import-file';
import { previewTable } from '../sql/statements';
import { parseEngineError } from '../sql/engine-error';
import { explainQueryError, type QueryErrorReport } from '../sql/error-hint';
import { canSort } from '../sql/sorted-query';
import { querySortedResult } from '../results/sorted-result';
import type { GridSort } from './choices';
import { notice, type Notice } from './messages';
import { SAMPLE_FILES, SAMPLE_QUERY } from './sample';

export interface Loading {
  label: 'file' | 'sample' | 'workbook';
  file: string;
  index: number;
  count: number;
  /** 0–100 when the amount of work is known. */
  percent: number | null;
}

/** A file waiting in the import preview. */
export interface PendingImport {
  id: number;
  /** The file as picked (an Excel workbook stays here while `source` is one sheet as CSV). */
  original: ImportSource;
  source: ImportSource;
  head: Uint8Array;
  plan: ImportPlan;
  preview: Preview | null;
  previewError: string | null;
  fromPreset: boolean;
  /** Tables one under another in the file; the first is this item's `source`. Each chosen
   *  one loads as a table of its own (the others with what was detected). */
  parts: (ReportPart & { chosen: boolean })[];
}

const PRESETS_KEY = 'so-dan-van.import-presets';

function loadPresets(): Record<string, ImportPreset> {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(PRESETS_KEY) ?? '{}') as Record<string, ImportPreset>;
  } catch {
    return {};
  }
}

/** Why the last run gave no result: stopped by the user, the engine lost (the recovery says
 *  so), or the engine's error explained. Shown beside the editor, replaced by the next run. */
export type QueryFailure = { kind: 'cancelled' } | { kind: 'lost' } | { kind: 'error'; report: QueryErrorReport };

export type QueryState =
  | { state: 'idle' }
  | { state: 'running'; sql: string }
  | { state: 'ok'; sql: string; table: Table; elapsedMs: number }
  | { state: 'error'; sql: string; failure: QueryFailure };

class Workbook {
  engine: Engine | null = $state.raw(null);
  /** Between the views and the engine: shared, cached and pre-aggregated answers. */
  queries: QueryLayer | null = $state.raw(null);
  tables: TableInfo[] = $state.raw([]);
  notices: Notice[] = $state([]);
  loading: Loading | null = $state(null);
  sql = $state('');
  result: QueryState = $state.raw({ state: 'idle' });
  /** The chart chosen for query results (kept across queries while its columns fit). */
  chartSpec: ChartSpec | null = $state.raw(null);
  /** The order chosen for the query result (by clicking a column's header). */
  gridSort: GridSort | null = $state.raw(null);
  pending: PendingImport[] = $state.raw([]);
  /** Series (by report stem) the user chose not to combine. */
  keepSeparate: Record<string, boolean> = $state({});
  /** Remembered import choices per report (saved with the workbook). */
  presets: Record<string, ImportPreset> = $state.raw(loadPresets());
  /** What each imported table was loaded from (title and footer lines, the totals check). */
  origins: Record<string, TableOrigin> = $state.raw({});
  /** Moves on whenever a user query may have changed a table's contents. */
  dataRevision = $state(0);
  /** Opened read-only: editors hidden (`?view`, or a workbook file saved for viewing). */
  viewOnly = $state(false);
  /** Set by the persistence module: opens a workbook file (`.sdv`) instead of importing it. */
  onWorkbookFile: ((file: File) => Promise<void>) | null = null;
  private loadController: AbortController | null = null;
  private nextPendingId = 1;
  /** Stops the previews still running once the dialog is closed: their steps would otherwise
   *  take turns with the import's in the engine. */
  private previews = new AbortController();

  attach(engine: Engine) {
    this.engine = engine;
    this.queries = new QueryLayer(engine);
  }

  /** Tables whose data changed (none named: any may have): their cached answers go. */
  tablesChanged(names?: (string | null | undefined)[]) {
    this.queries?.changed(names?.filter((n): n is string => !!n));
  }

  /** The engine was lost: nothing it held can be shown any more. */
  detach() {
    this.engine = null;
    this.queries = null;
    this.tables = [];
    this.result = { state: 'idle' };
    this.loading = null;
  }

  say(n: Notice) {
    this.notices = [...this.notices, n];
  }

  dismiss(id: number) {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Reads the table list again. `changed`: the tables whose data may have changed since
   *  (all of them unless said), whose cached answers go. */
  /** `listed`: the tables as just listed by the caller (not asked for again). */
  async refreshTables(changed: (string | null | undefined)[] | 'all' = 'all', listed?: TableInfo[]) {
    this.tablesChanged(changed === 'all' ? undefined : changed);
    if (this.engine) this.tables = listed ?? (await listTables(this.engine));
  }

  /** Opens files: Parquet loads at once; text files go to the preview, where the user checks
   *  and corrects what was detected. A bad file gets a message and the others go on. */
  async openFiles(files: File[]) {
    const engine = this.engine;
    if (!engine) return;
    const workbookFiles = files.filter((f) => /\.sdv$/i.test(f.name));
    for (const f of workbookFiles) await this.onWorkbookFile?.(f);
    files = files.filter((f) => !workbookFiles.includes(f));
    if (files.length === 0) return;
    const direct: { source: ImportSource; plan: ImportPlan }[] = [];
    const pending: PendingImport[] = [];
    const taken = new Set([...this.tables.map((t) => t.name), ...this.pending.map((p) => p.plan.tableName)]);
    for (const file of files) {
      try {
        const original = fromFile(file);
        const prepared = await prepareSource(original);
        const source = prepared.source;
        let plan = { ...(await planImport(source, taken)), sheets: prepared.sheets, sheet: prepared.sheet };
        taken.add(plan.tableName);
        // Planned once: the import carries this plan out without reading the file's head again.
        if (plan.kind === 'parquet') {
          direct.push({ source, plan });
          continue;
        }
        const head = await readHead(source);
        const preset = this.presets[reportStem(plan.fileName)];
        if (preset) plan = withPreset(plan, preset, head);
        // Next year's file of a report that was added to a table goes to that table again.
        if (preset?.appendTo && this.tables.some((t) => t.name === preset.appendTo)) plan = { ...plan, appendTo: preset.appendTo };
        const parts = prepared.parts.map((part, k) => ({ ...part, chosen: k === 0 }));
        pending.push({ id: this.nextPendingId++, original, source, head, plan, preview: null, previewError: null, fromPreset: !!preset, parts });
      } catch (error) {
        this.reportImportError(file.name, error);
      }
    }
    if (pending.length > 0) {
      this.pending = [...this.pending, ...pending];
      for (const item of pending) void this.refreshPreview(item.id);
    }
    await this.importAll(direct, 'file');
  }

  private updatePending(id: number, patch: Partial<PendingImport>) {
    this.pending = this.pending.map((p) => (p.id === id ? { ...p, ...patch } : p));
  }

  private async refreshPreview(id: number) {
    const item = this.pending.find((p) => p.id === id);
    if (!item || !this.engine) return;
    const plan = item.plan;
    try {
      const preview = await previewImport(this.engine, item.source, plan, item.head, undefined, this.previews.signal);
      // Only the newest plan's preview counts: the user may have changed it meanwhile.
      if (this.pending.find((p) => p.id === id)?.plan === plan) this.updatePending(id, { preview, previewError: null });
    } catch (error) {
      const detail = error instanceof ImportError ? error.detail || error.problem : String(error);
      if (this.pending.find((p) => p.id === id)?.plan === plan) this.updatePending(id, { preview: null, previewError: detail });
    }
  }

  /** A change that needs the layout read again (encoding, separator, header line). */
  revisePending(id: number, change: PlanChange) {
    const item = this.pending.find((p) => p.id === id);
    if (!item) return;
    this.updatePending(id, { plan: revisePlan(item.plan, item.head, change), preview: null });
    void this.refreshPreview(id);
  }

  /** Another sheet of an Excel workbook: converted and planned afresh, same table name. */
  async changeSheet(id: number, sheet: string) {
    const item = this.pending.find((p) => p.id === id);
    if (!item) return;
    try {
      const prepared = await prepareSource(item.original, sheet);
      const head = await readHead(prepared.source);
      const planned = await planImport(prepared.source, []);
      const plan = { ...planned, tableName: item.plan.tableName, sheets: prepared.sheets, sheet: prepared.sheet };
      const parts = prepared.parts.map((part, k) => ({ ...part, chosen: k === 0 }));
      this.updatePending(id, { source: prepared.source, head, plan, parts, preview: null, previewError: null });
      void this.refreshPreview(id);
    } catch (error) {
      this.updatePending(id, { preview: null, previewError: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Chooses whether one of the tables found one under another in a file is loaded. */
  choosePart(id: number, index: number, chosen: boolean) {
    const item = this.pending.find((p) => p.id === id);
    if (item) this.updatePending(id, { parts: item.parts.map((part, k) => (k === index ? { ...part, chosen } : part)) });
  }

  /** A change to the plan itself (table name, totals, year column, column styles). */
  setPendingPlan(id: number, patch: Partial<ImportPlan>) {
    const item = this.pending.find((p) => p.id === id);
    if (!item) return;
    this.updatePending(id, { plan: { ...item.plan, ...patch } });
    if (!('tableName' in patch)) void this.refreshPreview(id);
  }

  private closeImportDialog() {
    this.pending = [];
    this.previews.abort();
    this.previews = new AbortController();
  }

  async confirmImport() {
    const items = this.pending;
    this.closeImportDialog();
    const series = seriesGroups(items.map((item) => ({ fileName: item.plan.fileName, item }))).filter((g) => !this.keepSeparate[g.stem]);
    const inSeries = new Set(series.flatMap((g) => g.items.map((i) => i.item.id)));
    this.presets = { ...this.presets, ...Object.fromEntries(items.map((item) => [reportStem(item.plan.fileName), presetOf(item.plan)])) };
    try {
      localStorage.setItem(PRESETS_KEY, JSON.stringify(this.presets));
    } catch {
      // Storage denied: the choices last for this visit.
    }
    const single = items.filter((i) => !inSeries.has(i.id));
    const extraParts = await this.planExtraParts(single);
    await this.importAll([...single.filter((i) => i.parts[0]?.chosen !== false).map((i) => ({ source: i.source, plan: i.plan })), ...extraParts], 'file');
    for (const group of series) await this.importSeries(group.stem, group.items.map((g) => g.item));
    this.keepSeparate = {};
  }

  /** The other tables chosen from files holding several, each planned with what was detected. */
  private async planExtraParts(items: PendingImport[]): Promise<{ source: ImportSource; plan: ImportPlan }[]> {
    const taken = new Set([...this.tables.map((t) => t.name), ...items.map((i) => i.plan.tableName)]);
    const out: { source: ImportSource; plan: ImportPlan }[] = [];
    for (const part of items.flatMap((i) => i.parts.slice(1).filter((p) => p.chosen))) {
      try {
        const plan = await planImport(part.source, taken);
        taken.add(plan.tableName);
        out.push({ source: part.source, plan });
      } catch (error) {
        this.reportImportError(part.source.originalName ?? part.source.name, error);
      }
    }
    return out;
  }

  /** Loads each file of a series into a hidden part table, then stacks them into one table
   *  with a Năm column. */
  private async importSeries(stem: string, items: PendingImport[]) {
    const engine = this.engine;
    if (!engine) return;
    const loaded = await this.importAll(
      items.map((i) => ({ source: i.source, plan: { ...i.plan, tableName: `__series_${i.id}`, addYearColumn: false, unpivot: null } })),
      'file',
    );
    const parts = items.map((item, k) => ({ item, result: loaded[k] })).filter((p): p is { item: PendingImport; result: ImportResult } => !!p.result);
    if (parts.length === 0) return;
    const matches = matchColumns(parts.map((p) => p.result.columns.map((c) => c.name)));
    const target = tableNameFor(stem, this.tables.map((t) => t.name));
    try {
      await engine.run(
        combineTables(
          target,
          parts.map((p, f) => ({
            table: p.result.name,
            year: yearOfFile(p.item.plan.fileName, p.item.plan.year),
            columns: matches.filter((m) => m.sources[f] !== null).map((m) => ({ from: m.sources[f]!, to: m.name })),
          })),
          YEAR_COLUMN,
        ),
      );
      this.say(notice('load.combined', { table: target, n: parts.length }, 'info'));
    } catch (error) {
      this.say(notice('error.read-failed', { file: items.map((i) => i.plan.fileName).join(', '), detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      for (const p of parts) await engine.run(dropTable(p.result.name)).catch(() => undefined);
      await this.refreshTables();
    }
  }

  cancelImport() {
    this.closeImportDialog();
    this.keepSeparate = {};
  }

  async openSample() {
    const sources: ImportSource[] = [];
    this.loading = { label: 'sample', file: '', index: 0, count: SAMPLE_FILES.length, percent: 0 };
    for (const f of SAMPLE_FILES) {
      // A sample that cannot be fetched (a damaged copy of dist/) is said, and start-up goes on.
      try {
        const response = await fetch(f.url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        sources.push(fromBytes(f.name, new Uint8Array(await response.arrayBuffer())));
      } catch (error) {
        this.reportImportError(f.name, error);
      }
    }
    await this.importAll(sources.map((source) => ({ source })), 'sample');
    this.sql = SAMPLE_QUERY;
    await this.runQuery();
  }

  cancelLoading() {
    this.loadController?.abort();
  }

  /** Long work other than an import (unpacking a workbook file), shown with the same bar and
   *  cancel button; `done` takes the bar away. */
  track(loading: Loading): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    this.loadController = controller;
    this.loading = loading;
    return {
      signal: controller.signal,
      done: () => {
        if (this.loadController !== controller) return;
        this.loadController = null;
        this.loading = null;
      },
    };
  }

  /** Imports one after another; returns each file's result (undefined where it failed). */
  private async importAll(sources: { source: ImportSource; plan?: ImportPlan }[], label: Loading['label']): Promise<(ImportResult | undefined)[]> {
    const engine = this.engine;
    const results: (ImportResult | undefined)[] = [];
    if (!engine || sources.length === 0) return results;
    const controller = new AbortController();
    this.loadController = controller;
    try {
      for (const [i, { source, plan }] of sources.entries()) {
        if (controller.signal.aborted) {
          this.say(notice('error.cancelled', { file: source.name }));
          continue;
        }
        this.loading = { label, file: source.name, index: i + 1, count: sources.length, percent: (i / sources.length) * 100 };
        try {
          const options = {
            signal: controller.signal,
            onProgress: (fraction: number) => {
              if (this.loading) this.loading.percent = ((i + fraction) / sources.length) * 100;
            },
          };
          const appendTo = plan?.appendTo;
          const result = plan && appendTo ? await appendImport(engine, source, { ...plan, appendTo }, options) : plan ? await importFile(engine, source, plan, options) : await importFile(engine, source, options);
          results[i] = result;
          if (appendTo) this.say(notice('load.appended', { n: result.report.appendedRows ?? 0, file: source.originalName ?? source.name, table: appendTo }, 'info'));
          else this.keepOrigin(result, source);
          if (result.report.totalRows > 0 && !plan?.keepTotals) {
            this.say(notice('load.totalsRemoved', { table: result.name, n: result.report.totalRows }, 'info'));
          }
          if (result.report.reconciliation.state === 'mismatch') {
            this.say(notice('load.mismatch', { table: result.name, detail: this.origins[result.name]!.mismatches.join('; ') }));
          }
        } catch (error) {
          this.reportImportError(source.name, error);
        }
        const made = results[i];
        const listed = made ? withTable(this.tables, { name: made.name, rows: made.rows, columns: made.columns }) : undefined;
        await timedStep('sdv:import:list', () => this.refreshTables([made?.name, plan?.appendTo], listed));
      }
    } finally {
      this.loading = null;
      this.loadController = null;
    }
    return results;
  }

  private keepOrigin(result: ImportResult, source: ImportSource) {
    const origin = tableOrigin(source.originalName ?? source.name, result.report);
    this.origins = { ...this.origins, [result.name]: origin };
  }

  private reportImportError(file: string, error: unknown) {
    if (error instanceof ImportError) {
      this.say(notice(`error.${error.problem}`, { file, detail: error.detail }));
    } else {
      this.say(notice('error.read-failed', { file, detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  async runQuery(sql = this.sql) {
    const engine = this.engine;
    if (!engine || this.result.state === 'running') return;
    this.result = { state: 'running', sql };
    // The order chosen stays with its query (a reload runs it again sorted); another query
    // starts unsorted.
    const sort = this.gridSort?.sql === sql && canSort(sql) ? this.gridSort : null;
    if (!sort) this.gridSort = null;
    let readOnly = false;
    try {
      const { table, elapsedMs } = sort ? await this.querySorted(engine, sql, sort) : await engine.query(sql);
      this.result = { state: 'ok', sql, table, elapsedMs };
      // A statement that may have written moves the data on (saved, views run again).
      readOnly = await engine.isReadOnly(sql);
      if (!readOnly) {
        forgetWrittenMaps(engine);
        this.tablesChanged();
        this.dataRevision++;
      }
    } catch (error) {
      // A lost engine is announced once, by the recovery, not by each query it took down.
      if (error instanceof EngineLostError) {
        this.result = { state: 'error', sql, failure: { kind: 'lost' } };
        return;
      }
      if (error instanceof QueryCancelledError) this.result = { state: 'error', sql, failure: { kind: 'cancelled' } };
      else if (error instanceof StatementRefusedError) {
        const { keyword, from, to } = error.refusal;
        const line = sql.slice(0, from).split('\n').length;
        const report: QueryErrorReport = { problem: 'refused', name: keyword, span: { from, to }, line, hint: null, detail: error.message };
        this.result = { state: 'error', sql, failure: { kind: 'error', report } };
      } else {
        const raw = error instanceof Error ? error.message : String(error);
        const report = explainQueryError(parseEngineError(raw, sql), sql, this.tables);
        this.result = { state: 'error', sql, failure: { kind: 'error', report } };
      }
    }
    // A query that may have written (or failed part way through several statements) may have
    // created or dropped tables. One that only read cannot have: listing the tables again took
    // three queries, and the new list started the semantic sync and the autosave for nothing.
    if (!readOnly) await this.refreshTables([]).catch(() => undefined);
  }

  /** The sorted query; when the column is gone (the data changed), the query as written. */
  private async querySorted(engine: Engine, sql: string, sort: GridSort) {
    try {
      return await querySortedResult(engine, sql, sort.column, sort.descending);
    } catch (error) {
      if (error instanceof QueryCancelledError || error instanceof EngineLostError || error instanceof StatementRefusedError) throw error;
      this.gridSort = null;
      return engine.query(sql);
    }
  }

  /** A click on a column's header: ascending, then descending, then as the query gave it. */
  async sortResult(column: string) {
    const r = this.result;
    if (r.state !== 'ok' || !canSort(r.sql)) return;
    const s = this.gridSort;
    this.gridSort = !s || s.column !== column ? { sql: r.sql, column, descending: false } : !s.descending ? { ...s, descending: true } : null;
    await this.runQuery(r.sql);
  }

  async cancelQuery() {
    await this.engine?.cancelQuery();
  }

  /** Deletes a table (asked first by the caller: see discard.ts). */
  async dropTable(name: string) {
    const engine = this.engine;
    if (!engine) return;
    try {
      await engine.run(dropTable(name));
    } catch (error) {
      this.say(notice('error.dropTable', { table: name, detail: error instanceof Error ? error.message : String(error) }));
    }
    await this.refreshTables([name]);
  }

  async showTable(name: string) {
    this.sql = previewTable(name);
    await this.runQuery();
  }
}

export const workbook = new Workbook();
