/** Nothing lost: the whole workbook (tables as Parquet, the semantic layer, import choices,
 *  the query, the dashboards) is autosaved in the browser's own storage and restored on the next visit; it can
 *  also be saved as and opened from a workbook file. Opening replaces the workbook only once
 *  every table of the file has loaded; until then the open workbook stays as it was. */
import { listTables } from '../engine/catalog';
import { dropTable, renameTable, selectAll } from '../sql/statements';
import { download } from '../util/download';
import { notice } from './messages';
import { dashboards } from './dashboards.svelte';
import { semantics } from './semantics.svelte';
import { choices } from './choices.svelte';
import { openSaveStore, type SaveStore } from './storage';
import { workbook } from './workbook.svelte';
import {
  packWorkbook,
  tablePath,
  unpackWorkbook,
  WORKBOOK_EXTENSION,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
  WorkbookFileError,
  type OpenedWorkbook,
  type WorkbookManifest,
} from './workbook-file';

const AUTOSAVE_FILE = 'autosave.sdv';
const SAVE_DELAY_MS = 800;

export type SaveState =
  | { state: 'off' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'error'; detail: string };

class Persistence {
  save: SaveState = $state.raw({ state: 'off' });
  private store: SaveStore | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Parquet bytes of each table, reused while the table is unchanged. */
  private cache = new Map<string, { key: string; parts: Uint8Array[] }>();
  private enabled = false;
  private opened = 0;
  private lastFailure: string | null = null;
  private held = false;
  /** The saved copy is the workbook open here (restored from it, or saved since). */
  private savedCopyIsOpen = false;

  /** While held (the engine is being restarted), nothing is saved: the saved copy is what the
   *  workbook is brought back from. */
  hold(on: boolean) {
    this.held = on;
    if (on && this.timer) clearTimeout(this.timer);
  }

  /** Starts autosaving (not in view-only mode: a viewer changes nothing worth keeping). */
  async enable(): Promise<void> {
    this.store = await openSaveStore();
    if (!this.store) {
      this.save = { state: 'error', detail: 'storage' };
      workbook.say(notice('save.storageDenied'));
      return;
    }
    this.enabled = true;
  }

  /** The autosaved workbook, if there is one; false when there is none or it cannot be read. */
  async restore(): Promise<boolean> {
    const store = this.store ?? (await openSaveStore());
    const bytes = await store?.read(AUTOSAVE_FILE).catch(() => null);
    if (!bytes) return false;
    try {
      await this.apply(unpackWorkbook(bytes));
      workbook.say(notice('save.restored', {}, 'info'));
      this.save = { state: 'saved', at: new Date() };
      this.savedCopyIsOpen = true;
      return true;
    } catch (error) {
      workbook.say(notice('save.restoreFailed', { detail: this.describe(error) }));
      return false;
    }
  }

  /** A change happened: save a moment later (changes close together are saved once). */
  schedule() {
    if (!this.enabled || workbook.viewOnly || this.held) return;
    this.save = { state: 'pending' };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
  }

  /** A choice changed (tab, analysis, sort…): saved with the workbook, but only when the saved
   *  copy is this workbook — a choice made in a `?empty` visit must not replace a saved
   *  workbook with an empty one. */
  scheduleChoices() {
    if (this.savedCopyIsOpen) this.schedule();
  }

  async saveNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (this.held) break;
        this.save = { state: 'saving' };
        try {
          await this.store!.write(AUTOSAVE_FILE, await this.pack(false));
          this.save = { state: 'saved', at: new Date() };
          this.savedCopyIsOpen = true;
        } catch (error) {
          const detail = this.describe(error);
          this.save = { state: 'error', detail };
          // Said once per kind of failure, not on every later change.
          if (this.lastFailure !== detail) workbook.say(notice(detail === 'quota' ? 'save.quota' : 'save.failed', { detail }));
          this.lastFailure = detail;
          continue;
        }
        this.lastFailure = null;
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Save as: the workbook as one file, downloaded. */
  async saveAs(viewOnly: boolean) {
    try {
      const bytes = await this.pack(viewOnly);
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
    try {
      opened = unpackWorkbook(bytes);
    } catch (error) {
      workbook.say(notice(error instanceof WorkbookFileError ? `save.problem.${error.problem}` : 'save.openFailed', { file: name, detail: this.describe(error) }));
      return false;
    }
    try {
      await this.apply(opened, viewOnly);
      workbook.say(notice('save.opened', { file: name }, 'info'));
      this.schedule();
      return true;
    } catch (error) {
      workbook.say(notice('save.openFailed', { file: name, detail: this.describe(error) }));
      return false;
    }
  }

  private async pack(viewOnly: boolean): Promise<Uint8Array> {
    const engine = workbook.engine;
    if (!engine) throw new Error('engine not started');
    const tables = await listTables(engine);
    const bytes = new Map<string, Uint8Array[]>();
    for (const t of tables) {
      const key = `${workbook.dataRevision}|${t.rows}|${JSON.stringify(t.columns)}`;
      let cached = this.cache.get(t.name);
      if (cached?.key !== key) {
        cached = { key, parts: await engine.exportParquetParts(selectAll(t.name)) };
        this.cache.set(t.name, cached);
      }
      bytes.set(t.name, cached.parts);
    }
    for (const name of this.cache.keys()) if (!bytes.has(name)) this.cache.delete(name);
    const manifest: WorkbookManifest = {
      format: WORKBOOK_FORMAT,
      version: WORKBOOK_VERSION,
      savedAt: new Date().toISOString(),
      viewOnly,
      tables: tables.map((t) => ({ name: t.name, rows: t.rows, files: bytes.get(t.name)!.map((_, i) => tablePath(t.name, i)) })),
      semantics: semantics.model,
      presets: workbook.presets,
      sql: workbook.sql,
      dashboard: dashboards.dashboard,
      choices: $state.snapshot(choices.snapshot()),
    };
    return packWorkbook(manifest, bytes);
  }

  /** Loads every table under a scratch name first; only when all loaded does the workbook
   *  switch over. A failure drops the scratch tables and leaves everything as it was. */
  private async apply(opened: OpenedWorkbook, viewOnly = false) {
    const engine = workbook.engine;
    if (!engine) throw new Error('engine not started');
    const n = ++this.opened;
    const scratch = (name: string) => `__open_${n}_${name}`;
    const loaded: string[] = [];
    try {
      for (const [name, parts] of opened.tables) {
        loaded.push(name);
        await engine.loadParquetParts(scratch(name), parts);
      }
    } catch (error) {
      for (const name of loaded) await engine.run(dropTable(scratch(name))).catch(() => undefined);
      throw error;
    }
    for (const t of await listTables(engine)) await engine.run(dropTable(t.name));
    for (const name of loaded) await engine.run(renameTable(scratch(name), name));
    this.cache.clear();
    // Unchanged tables are not exported again at the next save.
    for (const t of await listTables(engine)) {
      const parts = opened.tables.get(t.name);
      if (parts) this.cache.set(t.name, { key: `${workbook.dataRevision}|${t.rows}|${JSON.stringify(t.columns)}`, parts });
    }
    semantics.model = opened.manifest.semantics;
    workbook.presets = opened.manifest.presets;
    workbook.sql = opened.manifest.sql;
    // Before the query runs again: its sort is one of them.
    choices.load(opened.manifest.choices);
    dashboards.load(opened.manifest.dashboard);
    workbook.viewOnly = workbook.viewOnly || viewOnly || opened.manifest.viewOnly;
    await workbook.refreshTables();
    await semantics.sync();
    if (workbook.sql.trim()) await workbook.runQuery();
  }

  private describe(error: unknown): string {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'quota';
    return error instanceof Error ? error.message : String(error);
  }
}

export const persistence = new Persistence();
workbook.onWorkbookFile = (file) => persistence.openFile(file);
