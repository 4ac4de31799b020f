/** Nothing lost: the whole workbook (tables as Parquet, the semantic layer, import choices,
 *  the query, the dashboards) is autosaved in the browser's own storage as a new version, and
 *  the newest version is restored on the next visit; earlier versions stay restorable
 *  (*Phiên bản trước*). The workbook can also be saved as and opened from a workbook file.
 *  Opening replaces the workbook only once every table of the file has loaded, and after the
 *  user agreed and the workbook as it was is kept as a version. */
import { listTableNames, listTables, type TableInfo } from '../engine/catalog';
import type { Engine } from '../engine/engine';
import type { Dashboard } from '../dashboards/dashboard';
import type { SemanticModel } from '../domain/semantic-model';
import { planShare, type SharePlan } from './share/share-plan';
import { packShare } from './share/pack-share';
import { unpackOffThePage, UnpackCancelledError } from './unpack-off-the-page';
import { SAMPLE_WORKBOOK_FILE } from './sample';
import { dropTable, renameTable } from '../sql/statements';
import { download } from '../util/download';
import { i18n, t } from '../i18n/i18n.svelte';
import { formatDateTime, formatNumber } from '../format/number';
import { notice } from './messages';
import { confirmations } from './confirm.svelte';
import { dashboards } from './dashboards.svelte';
import { semantics } from './semantics.svelte';
import { choices } from './choices.svelte';
import { parseChoices, type WorkbookChoices } from './choices';
import { openSaveStore, type SaveStore } from './storage';
import { workbook } from './workbook.svelte';
import { contentHash } from './versions/content-hash';
import { restoreTypes, storeTable } from './table-storage';
import { RETENTION } from './versions/retention';
import { announceVersions, onVersionsChanged, tabsShareALock, withStoreLock } from './versions/tabs';
import { markStep, timedStep } from '../util/timeline';
import { afterNextPaint } from '../util/after-paint';
import {
  commitVersion,
  emptyIndex,
  LEGACY_AUTOSAVE,
  loadVersion,
  readIndex,
  versionToOpen,
  type DiscardStep,
  type DraftTable,
  type LoadedVersion,
  type VersionContent,
  type VersionEntry,
  type VersionIndex,
  type VersionReason,
} from './versions/version-store';
import {
  packTables,
  readWorkbook,
  tablePath,
  unpackWorkbook,
  WORKBOOK_EXTENSION,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  WorkbookFileError,
  type OpenedWorkbook,
  type WorkbookManifest,
  parseOrigins,
} from './workbook-file';

// 300 ms: a 100 k import is saved within a second of being listed (issue #17). It once seemed to
// keep a dashboard block's cancel from working; the cause was the block's "Stop" being shown
// before its run had started (components/dashboards/BlockSql.svelte), now part of the run.
const SAVE_DELAY_MS = 300;
/** A save waits while the person's views are being answered, but not longer than this. */
const SAVE_MAX_WAIT_MS = 15_000;

export type SaveState =
  | { state: 'off' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'error'; detail: string };

const newVersionId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function asOpened(v: LoadedVersion): OpenedWorkbook {
  return {
    manifest: {
      format: WORKBOOK_FORMAT,
      version: WORKBOOK_VERSION,
      savedAt: new Date(v.entry.savedAt).toISOString(),
      viewOnly: false,
      tables: v.entry.tables.map((t) => ({ name: t.name, rows: t.rows, files: t.parts.map((_, i) => tablePath(t.name, i)) })),
      ...v.content,
      choices: parseChoices(v.content.choices),
    },
    tables: v.tables,
  };
}

/** The workbook in words, for a question about replacing it: its tables and their rows, its pages. */
export function workbookInWords(): string {
  const tables = workbook.tables.map((x) => t('discard.tableRows', { table: x.name, n: formatNumber(x.rows, i18n.locale) }));
  const shown = tables.length > 6 ? [...tables.slice(0, 6), t('discard.more', { n: tables.length - 6 })] : tables;
  return t('discard.workbook', { tables: workbook.tables.length, list: shown.join(', ') || '—', pages: dashboards.dashboard.pages.length });
}

class Persistence {
  save: SaveState = $state.raw({ state: 'off' });
  /** Versions kept in this browser, newest first (*Phiên bản trước*). */
  versions: VersionEntry[] = $state.raw([]);
  /** The version this tab's workbook is at. */
  current: string | null = $state(null);
  /** What the kept versions take in storage, against the budget. */
  usedBytes = $state(0);
  readonly budgetBytes = RETENTION.budgetBytes;
  /** `main` when this tab owns the workbook; a copy line when it was opened as a copy. */
  line = $state('main');
  /** At start-up only: the line to open first (the copy this tab worked on before it owned
   *  the workbook). */
  openFirst: string | null = null;
  private store: SaveStore | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  /** Parquet bytes and content hashes of each table, reused while the table is unchanged. */
  private cache = new Map<string, { key: string; parts: Uint8Array[]; hashes: string[]; types: Record<string, string> }>();
  /** The tables as this module last listed them, with the workbook's own listing and data
   *  revision at that time: while neither has moved, a save reuses it. The listing is two
   *  engine queries (~0.2 s at 1 M rows) that queued ahead of the view a person had just
   *  asked for, though a change of view saves choices only. */
  private listed: { revision: number; seen: TableInfo[]; tables: TableInfo[] } | null = null;
  /** Tables and columns already said to be kept as text only (said once). */
  private saidAsText = new Set<string>();
  private enabled = $state(false);
  private opened = 0;
  /** Workbooks whose tables are being loaded now. */
  private applying = 0;
  private lastFailure: string | null = null;
  private held = false;
  /** The saved copy is the workbook open here (restored from it, or saved since). */
  private savedCopyIsOpen = false;

  /** Steps that discard work can be undone: a version is kept before them. */
  get keepsVersions(): boolean {
    return this.enabled && !workbook.viewOnly;
  }

  /** While held (the engine is being restarted), nothing is saved: the saved copy is what the
   *  workbook is brought back from. */
  hold(on: boolean) {
    this.held = on;
    if (on && this.timer) clearTimeout(this.timer);
  }

  /** Starts autosaving (not in view-only mode: a viewer changes nothing worth keeping). */
  async enable(): Promise<void> {
    this.store ??= await openSaveStore();
    if (!this.store) {
      this.save = { state: 'error', detail: 'storage' };
      workbook.say(notice('save.storageDenied'));
      return;
    }
    this.enabled = true;
    onVersionsChanged(() => void this.refresh());
    await this.refresh();
  }

  /** Reads the list of versions again (another tab may have saved). */
  async refresh() {
    if (!this.store) return;
    this.show(await readIndex(this.store).catch(() => emptyIndex()));
  }

  private show(index: VersionIndex) {
    this.versions = index.versions;
    this.usedBytes = Object.values(index.blobSizes).reduce((a, b) => a + b, 0) + index.versions.reduce((a, v) => a + v.manifestBytes, 0);
  }

  /** Whether a workbook is saved here (the one a visit without `?empty` opens). */
  async hasSavedWorkbook(): Promise<boolean> {
    this.store ??= await openSaveStore();
    if (!this.store) return false;
    const index = await readIndex(this.store).catch(() => emptyIndex());
    return index.versions.some((v) => v.line === 'main');
  }

  /** The newest saved version (of this tab's line), if there is one; false when there is none or
   *  none can be read. An unreadable newest version falls back to the one before it. */
  async restore(): Promise<boolean> {
    this.store ??= await openSaveStore();
    const store = this.store;
    if (!store) return false;
    const index = await readIndex(store).catch(() => emptyIndex());
    const first = versionToOpen(index, this.openFirst ?? this.line);
    this.openFirst = null;
    const candidates = [first, ...index.versions.filter((v) => v.line === this.line || v.line === 'main').map((v) => v.id)].filter((id, i, all): id is string => !!id && all.indexOf(id) === i);
    let failure: unknown = null;
    for (const id of candidates) {
      try {
        await this.apply(asOpened(await loadVersion(store, index, id)));
        this.current = id;
        this.show(index);
        return this.restored();
      } catch (error) {
        failure ??= error;
      }
    }
    if (candidates.length === 0) {
      // Saved by an earlier release as one file.
      const legacy = await store.read(LEGACY_AUTOSAVE).catch(() => null);
      if (legacy) {
        try {
          await this.apply(unpackWorkbook(legacy));
          return this.restored();
        } catch (error) {
          failure = error;
        }
      }
    }
    if (failure) workbook.say(notice('save.restoreFailed', { detail: this.describe(failure) }));
    return false;
  }

  private restored(): true {
    workbook.say(notice('save.restored', {}, 'info'));
    this.save = { state: 'saved', at: new Date() };
    this.savedCopyIsOpen = true;
    return true;
  }

  /** A change happened: save a moment later (changes close together are saved once). */
  schedule() {
    if (!this.enabled || workbook.viewOnly || this.held) return;
    this.save = { state: 'pending' };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveWhenQuiet(Date.now()), SAVE_DELAY_MS);
  }

  /** Saves once no view has asked the engine for anything for a moment and no query of the
   *  person's runs (the export would otherwise queue ahead of what they are looking at). */
  private saveWhenQuiet(since: number) {
    const queries = workbook.queries;
    // The engine's own count too: a dashboard's SQL block runs outside the query layer, and an
    // export would queue in the worker behind its long query.
    const busy = (queries !== null && queries.quietForMs < SAVE_DELAY_MS) || workbook.result.state === 'running' || (workbook.engine?.busy ?? 0) > 0;
    if (busy && Date.now() - since < SAVE_MAX_WAIT_MS) {
      this.timer = setTimeout(() => this.saveWhenQuiet(since), SAVE_DELAY_MS / 2);
      return;
    }
    this.timer = null;
    void this.saveNow();
  }

  /** A choice changed (tab, analysis, sort…): saved with the workbook, but only when the saved
   *  copy is this workbook — a choice made in a `?empty` visit must not replace a saved
   *  workbook with an empty one. */
  scheduleChoices() {
    if (this.savedCopyIsOpen) this.schedule();
  }

  /** One save at a time, in the order asked. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  saveNow(): Promise<void> {
    return this.serial(() => this.keep({ kind: 'auto' })).then(() => undefined);
  }

  /** Writes the workbook as it is now as a version; false when it could not. */
  private async keep(reason: VersionReason): Promise<boolean> {
    if (this.held || !this.enabled || workbook.viewOnly || !this.store) return false;
    this.save = { state: 'saving' };
    try {
      const store = this.store;
      const draft = { line: this.line, reason, ...(await this.snapshot()) };
      const { index, entry } = await withStoreLock(() => commitVersion(store, draft, { now: Date.now(), id: newVersionId(), moveHead: this.line === 'main', collectOrphans: tabsShareALock() }));
      if (entry) this.current = entry.id;
      this.show(index);
      announceVersions();
      this.save = { state: 'saved', at: new Date() };
      this.savedCopyIsOpen = true;
      this.lastFailure = null;
      return true;
    } catch (error) {
      const detail = this.describe(error);
      this.save = { state: 'error', detail };
      // Said once per kind of failure, not on every later change.
      if (this.lastFailure !== detail) workbook.say(notice(detail === 'quota' ? 'save.quota' : 'save.failed', { detail }));
      this.lastFailure = detail;
      return false;
    }
  }

  /** Keeps the workbook as it is now as a version before `step` discards part of it. */
  checkpoint(step: DiscardStep): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    return this.serial(() => this.keep({ kind: 'before', step }));
  }

  /** Asks before `step`; when agreed, keeps a version, then runs it. False when declined. */
  async confirmDiscard(step: DiscardStep, lost: string): Promise<boolean> {
    const undoable = this.keepsVersions;
    if (!(await confirmations.ask({ step, lost, undoable }))) return false;
    if (!undoable || (await this.checkpoint(step))) return true;
    // The version could not be kept (storage full, refused): the user was promised an undo,
    // so they are asked again, told that there is none.
    return confirmations.ask({ step, lost, undoable: false });
  }

  /** Brings back an earlier version (asked first); the result is itself a new version. */
  async restoreVersion(id: string): Promise<boolean> {
    const entry = this.versions.find((v) => v.id === id);
    if (!entry || !this.store) return false;
    if (!(await this.confirmDiscard({ kind: 'restore', at: entry.savedAt }, workbookInWords()))) return false;
    const store = this.store;
    return this.serial(async () => {
      try {
        // Read under the store's lock: another tab's save may not prune it meanwhile.
        const version = await withStoreLock(async () => loadVersion(store, await readIndex(store), id));
        await this.apply(asOpened(version));
      } catch (error) {
        workbook.say(notice('versions.restoreFailed', { time: formatDateTime(entry.savedAt, i18n.locale), detail: this.describe(error) }));
        return false;
      }
      await this.keep({ kind: 'restored', from: entry.savedAt });
      workbook.say(notice('versions.restored', { time: formatDateTime(entry.savedAt, i18n.locale) }, 'info'));
      return true;
    });
  }

  /** Save as: the workbook as one file, downloaded. A read-only file carries only what its
   *  dashboards show unless `withData` (see share/share-plan.ts). */
  async saveAs(viewOnly: boolean, withData = false) {
    try {
      const bytes = viewOnly && !withData ? await this.packFigures() : await this.pack(viewOnly);
      const stamp = new Date().toISOString().slice(0, 10);
      download(`so-dan-van-${stamp}${WORKBOOK_EXTENSION}`, new Blob([bytes as BlobPart], { type: 'application/zip' }));
    } catch (error) {
      workbook.say(notice('error.export', { what: WORKBOOK_EXTENSION, detail: this.describe(error) }));
    }
  }

  /** Opens a workbook file picked or dropped by the user. */
  async openFile(file: File) {
    await this.openBytes(file.name, new Uint8Array(await file.arrayBuffer()));
  }

  /** A first visit: the sample workbook as built with the app (sample-workbook.ts). False when
   *  there is none (the dev server) or it cannot be opened: the caller imports the CSVs. */
  async openSample(): Promise<boolean> {
    const work = workbook.track({ label: 'sample', file: '', index: 1, count: 1, percent: null });
    try {
      const bytes = await this.fetchSample();
      if (!bytes) return false;
      // The engine's first look at its catalog costs it ~0.1 s: taken while the file is unpacked
      // in another thread (the workbook's tables are loaded after that look).
      if (workbook.engine) void listTableNames(workbook.engine).catch(() => undefined);
      const opened = readWorkbook(await timedStep('sdv:open:unpack', () => unpackOffThePage(bytes, work.signal)));
      return await this.serial(async () => {
        await this.apply(opened);
        return true;
      });
    } catch {
      return false;
    } finally {
      work.done();
    }
  }

  private sample: Promise<Uint8Array | null> | null = null;

  /** A first visit starts fetching the sample while the engine starts. */
  prefetchSample() {
    this.sample ??= fetch(`${import.meta.env.BASE_URL}${SAMPLE_WORKBOOK_FILE}`)
      .then(async (response) => (response.ok ? new Uint8Array(await response.arrayBuffer()) : null))
      .catch(() => null);
  }

  private fetchSample(): Promise<Uint8Array | null> {
    this.prefetchSample();
    const sample = this.sample!;
    // Used once: the bytes go to the unpacking worker.
    this.sample = null;
    return sample;
  }

  /** `?workbook=<file>`: a workbook file next to the app on the same web server, read-only. */
  async openUrl(name: string): Promise<boolean> {
    try {
      const url = new URL(name, location.href);
      if (url.origin !== location.origin) throw new Error('not on this server');
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await this.openBytes(name, new Uint8Array(await response.arrayBuffer()), true);
    } catch (error) {
      workbook.say(notice('save.openFailed', { file: name, detail: this.describe(error) }));
      return false;
    }
  }

  private async openBytes(name: string, bytes: Uint8Array, viewOnly = false): Promise<boolean> {
    let opened: OpenedWorkbook;
    const work = workbook.track({ label: 'workbook', file: name, index: 1, count: 1, percent: 0 });
    try {
      const entries = await unpackOffThePage(bytes, work.signal, (fraction) => {
        if (workbook.loading?.label === 'workbook') workbook.loading.percent = fraction * 100;
      });
      opened = readWorkbook(entries);
    } catch (error) {
      if (error instanceof UnpackCancelledError) workbook.say(notice('save.openCancelled', { file: name }, 'info'));
      else if (error instanceof WorkbookFileError) workbook.say(notice(`save.problem.${error.problem}`, { file: name, detail: error.detail || error.problem }));
      else workbook.say(notice('save.openFailed', { file: name, detail: this.describe(error) }));
      return false;
    } finally {
      work.done();
    }
    // The file is sound: only now is the user asked whether it may replace their work.
    const hasWork = workbook.tables.length > 0 || dashboards.dashboard.pages.length > 0;
    if (hasWork && !viewOnly && !(await this.confirmDiscard({ kind: 'open-file', file: name }, workbookInWords()))) {
      workbook.say(notice('discard.kept', {}, 'info'));
      return false;
    }
    return this.serial(async () => {
      try {
        await this.apply(opened, viewOnly);
      } catch (error) {
        workbook.say(notice('save.openFailed', { file: name, detail: this.describe(error) }));
        return false;
      }
      workbook.say(notice('save.opened', { file: name }, 'info'));
      await this.keep({ kind: 'opened', file: name });
      return true;
    });
  }

  private sayKeptAsText(table: string, columns: string[]) {
    const fresh = columns.filter((c) => !this.saidAsText.has(`${table}\u0000${c}`));
    if (fresh.length === 0) return;
    for (const c of fresh) this.saidAsText.add(`${table}\u0000${c}`);
    workbook.say(notice('save.typesAsText', { table, columns: fresh.join(', ') }, 'info'));
  }

  /** Every table as Parquet parts with their content hashes, and the rest of the workbook. */
  private async snapshot(): Promise<{ tables: DraftTable[]; content: VersionContent }> {
    const engine = workbook.engine;
    if (!engine) throw new Error('engine not started');
    const started = performance.now();
    const tables = await this.currentTables(engine);
    const out: DraftTable[] = [];
    for (const t of tables) {
      const key = `${workbook.dataRevision}|${t.rows}|${JSON.stringify(t.columns)}`;
      let cached = this.cache.get(t.name);
      if (cached?.key !== key) {
        const stored = await storeTable(engine, t);
        cached = { key, parts: stored.parts, hashes: await Promise.all(stored.parts.map(contentHash)), types: stored.types };
        this.cache.set(t.name, cached);
        this.sayKeptAsText(t.name, stored.asText);
      }
      out.push({ name: t.name, rows: t.rows, parts: cached.parts, hashes: cached.hashes });
    }
    for (const name of this.cache.keys()) if (!out.some((t) => t.name === name)) this.cache.delete(name);
    const origins = Object.fromEntries(Object.entries(workbook.origins).filter(([name]) => out.some((x) => x.name === name)));
    const storedTypes = Object.fromEntries(out.map((x) => [x.name, this.cache.get(x.name)?.types ?? {}]).filter(([, types]) => Object.keys(types).length > 0));
    const content: VersionContent = {
      semantics: semantics.model,
      presets: workbook.presets,
      sql: workbook.sql,
      dashboard: dashboards.dashboard,
      origins,
      storedTypes,
      choices: $state.snapshot(choices.snapshot()) as WorkbookChoices,
    };
    markStep('sdv:save:snapshot', started);
    return { tables: out, content: JSON.parse(JSON.stringify(content)) as VersionContent };
  }

  /** The engine's tables, listed again only when something may have changed them: every
   *  change to a person's tables (import, query, drop, rename, a workbook opened) lists them
   *  again into `workbook.tables`, and a query that may write moves `dataRevision`. */
  private async currentTables(engine: Engine): Promise<TableInfo[]> {
    const kept = this.listed;
    if (kept && kept.revision === workbook.dataRevision && kept.seen === workbook.tables) return kept.tables;
    // Read before listing: a change during the listing moves them, and the next save lists.
    const revision = workbook.dataRevision;
    const seen = workbook.tables;
    const tables = await timedStep('sdv:save:list', () => listTables(engine));
    this.listed = { revision, seen, tables };
    return tables;
  }

  /** What a read-only file without the raw data would carry, for the save step to say. */
  async sharePlan(): Promise<SharePlan> {
    const engine = workbook.engine;
    if (!engine) throw new Error('engine not started');
    return planShare($state.snapshot(dashboards.dashboard) as Dashboard, semantics.model, await listTables(engine));
  }

  private async packFigures(): Promise<Uint8Array> {
    const engine = workbook.engine;
    if (!engine) throw new Error('engine not started');
    const plan = await this.sharePlan();
    const share = await packShare(engine, plan, $state.snapshot(dashboards.dashboard) as Dashboard, $state.snapshot(semantics.model) as SemanticModel, workbook.origins);
    const storedTypes = Object.fromEntries(share.tables.filter((t) => Object.keys(t.types).length > 0).map((t) => [t.name, t.types]));
    return packTables(share.tables, {
      semantics: share.semantics,
      // Import choices and the editor's query belong to the analyst's copy.
      presets: {},
      sql: '',
      dashboard: share.dashboard,
      choices: parseChoices($state.snapshot(choices.snapshot())),
      origins: share.origins,
      storedTypes,
    }, true);
  }

  private async pack(viewOnly: boolean): Promise<Uint8Array> {
    const { tables, content } = await this.snapshot();
    return packTables(tables, { ...content, choices: parseChoices(content.choices) }, viewOnly);
  }

  /** Loads every table under a scratch name first; only when all loaded does the workbook
   *  switch over. A failure drops the scratch tables and leaves everything as it was. With no
   *  table to keep (the first visit), they load under their own names: five renames took
   *  ~90 ms of the start. */
  private async apply(opened: OpenedWorkbook, viewOnly = false) {
    const engine = workbook.engine;
    if (!engine) throw new Error('engine not started');
    const n = ++this.opened;
    const tablesStarted = performance.now();
    const replaced = await listTableNames(engine);
    // Another workbook being opened at the same time loads under scratch names too.
    const direct = replaced.length === 0 && this.applying === 0;
    const scratch = (name: string) => (direct ? name : `__open_${n}_${name}`);
    const loaded: string[] = [];
    this.applying++;
    try {
      for (const [name, parts] of opened.tables) {
        loaded.push(name);
        await engine.loadParquetParts(scratch(name), parts);
        const left = await restoreTypes(engine, scratch(name), opened.manifest.storedTypes?.[name]);
        if (left.length > 0) workbook.say(notice('save.typesAsText', { table: name, columns: left.join(', ') }, 'info'));
      }
    } catch (error) {
      for (const name of loaded) await engine.run(dropTable(scratch(name))).catch(() => undefined);
      throw error;
    } finally {
      this.applying--;
    }
    if (!direct) {
      for (const name of await listTableNames(engine)) await engine.run(dropTable(name));
      for (const name of loaded) await engine.run(renameTable(scratch(name), name));
    }
    markStep('sdv:open:tables', tablesStarted);
    this.cache.clear();
    // Unchanged tables are not exported again at the next save.
    const tables = await timedStep('sdv:open:list', () => listTables(engine));
    for (const t of tables) {
      const parts = opened.tables.get(t.name);
      if (parts) this.cache.set(t.name, { key: `${workbook.dataRevision}|${t.rows}|${JSON.stringify(t.columns)}`, parts, hashes: await Promise.all(parts.map(contentHash)), types: opened.manifest.storedTypes?.[t.name] ?? {} });
    }
    semantics.model = opened.manifest.semantics;
    workbook.presets = opened.manifest.presets;
    workbook.origins = parseOrigins(opened.manifest.origins);
    workbook.sql = opened.manifest.sql;
    // Before the query runs again: its sort is one of them.
    choices.load(parseChoices(opened.manifest.choices));
    dashboards.load(opened.manifest.dashboard);
    workbook.viewOnly = workbook.viewOnly || viewOnly || opened.manifest.viewOnly;
    // The saved query is shown first and the page is ready with it; the semantic sync (new
    // tables' roles, names matched, the maps rewritten) follows once it is drawn. Analyses
    // reading the maps wait for the sync (QueryLayer.hold); the saved query reads tables only.
    let drawn = () => {};
    semantics.startAfter(new Promise<void>((resolve) => (drawn = resolve)));
    try {
      await workbook.refreshTables('all', tables);
      void semantics.sync();
      // Unless it writes: run a second time, a CREATE or INSERT would fail or change the tables
      // just opened.
      if (workbook.sql.trim() && (await engine.isReadOnly(workbook.sql))) await timedStep('sdv:open:query', () => workbook.runQuery());
      // Not run: the result shown was of the workbook just replaced.
      else workbook.result = { state: 'idle' };
    } finally {
      afterNextPaint(drawn);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'quota';
    return error instanceof Error ? error.message : String(error);
  }
}

export const persistence = new Persistence();
workbook.onWorkbookFile = (file) => persistence.openFile(file);
