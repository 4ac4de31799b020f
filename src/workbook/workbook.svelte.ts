/** The open workbook: engine, tables, the current query and its result, messages.
 *  Components read this state and call its functions; only these functions change it. */
import type { Table } from 'apache-arrow';
import { Engine, QueryCancelledError } from '../engine/engine';
import { listTables, type TableInfo } from '../engine/catalog';
import { fromBytes, fromFile, importFile, ImportError, type ImportSource } from '../import/import-file';
import { previewTable } from '../sql/statements';
import { notice, type Notice } from './messages';
import { SAMPLE_FILES, SAMPLE_QUERY } from './sample';

export interface Loading {
  label: 'file' | 'sample' | 'engine';
  file: string;
  index: number;
  count: number;
  /** 0–100 when the amount of work is known. */
  percent: number | null;
}

export type QueryState =
  | { state: 'idle' }
  | { state: 'running'; sql: string }
  | { state: 'ok'; sql: string; table: Table; elapsedMs: number }
  | { state: 'error'; sql: string };

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

class Workbook {
  engine: Engine | null = $state.raw(null);
  tables: TableInfo[] = $state.raw([]);
  notices: Notice[] = $state([]);
  loading: Loading | null = $state(null);
  sql = $state('');
  result: QueryState = $state.raw({ state: 'idle' });
  private loadController: AbortController | null = null;

  attach(engine: Engine) {
    this.engine = engine;
  }

  say(n: Notice) {
    this.notices = [...this.notices, n];
  }

  dismiss(id: number) {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async refreshTables() {
    if (this.engine) this.tables = await listTables(this.engine);
  }

  /** Opens files one after another; a bad file gets a message and the others still load. */
  async openFiles(files: File[]) {
    await this.importAll(files.map(fromFile), 'file');
  }

  async openSample() {
    const sources: ImportSource[] = [];
    this.loading = { label: 'sample', file: '', index: 0, count: SAMPLE_FILES.length, percent: 0 };
    for (const f of SAMPLE_FILES) {
      const response = await fetch(f.url);
      sources.push(fromBytes(f.name, new Uint8Array(await response.arrayBuffer())));
    }
    await this.importAll(sources, 'sample');
    this.sql = SAMPLE_QUERY;
    await this.runQuery();
  }

  cancelLoading() {
    this.loadController?.abort();
  }

  private async importAll(sources: ImportSource[], label: Loading['label']) {
    const engine = this.engine;
    if (!engine || sources.length === 0) return;
    const controller = new AbortController();
    this.loadController = controller;
    try {
      for (const [i, source] of sources.entries()) {
        if (controller.signal.aborted) {
          this.say(notice('error.cancelled', { file: source.name }));
          continue;
        }
        this.loading = { label, file: source.name, index: i + 1, count: sources.length, percent: (i / sources.length) * 100 };
        try {
          await importFile(engine, source, {
            signal: controller.signal,
            onProgress: (fraction) => {
              if (this.loading) this.loading.percent = ((i + fraction) / sources.length) * 100;
            },
          });
        } catch (error) {
          this.reportImportError(source.name, error);
        }
        await this.refreshTables();
      }
    } finally {
      this.loading = null;
      this.loadController = null;
    }
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
    try {
      const { table, elapsedMs } = await engine.query(sql);
      this.result = { state: 'ok', sql, table, elapsedMs };
    } catch (error) {
      this.result = { state: 'error', sql };
      if (error instanceof QueryCancelledError) this.say(notice('error.queryCancelled', {}, 'info'));
      else this.say(notice('error.query', { query: excerpt(sql), detail: error instanceof Error ? error.message : String(error) }));
    }
    // A query may have created or dropped tables.
    await this.refreshTables().catch(() => undefined);
  }

  async cancelQuery() {
    await this.engine?.cancelQuery();
  }

  async showTable(name: string) {
    this.sql = previewTable(name);
    await this.runQuery();
  }
}

export const workbook = new Workbook();
