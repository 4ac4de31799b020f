/** The workbook file (`.sdv`): a zip holding a versioned `workbook.json` and every table as
 *  Parquet under `tables/`. Reading validates everything (zip structure and declared sizes,
 *  the manifest, every table's bytes) before anything in the open workbook is touched. */
import { zipSync } from 'fflate';
import { unzipLimited, UnzipLimitError, type UnzipLimits } from '../util/unzip-limited';
import type { SemanticModel } from '../domain/semantic-model';
import { parseModel } from '../domain/semantic-model';
import type { ImportPreset } from '../import/presets';
import type { TableOrigin } from '../import/import-plan';
import { parseDashboard, type Dashboard } from '../dashboards/dashboard';
import { parseChoices, type WorkbookChoices } from './choices';

export const WORKBOOK_FORMAT = 'so-dan-van/workbook';
export const WORKBOOK_VERSION = 1;
export const WORKBOOK_EXTENSION = '.sdv';
/** Above this the file is refused before it is inflated (a zip bomb, or not ours). */
export const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;
const MAX_ENTRIES = 10_000;

export interface WorkbookTable {
  name: string;
  rows: number;
  /** Paths inside the zip: the table's rows in order, one Parquet file per part. */
  files: string[];
}

export interface WorkbookManifest {
  format: typeof WORKBOOK_FORMAT;
  version: number;
  savedAt: string;
  /** Opened read-only (editors hidden) wherever it is opened. */
  viewOnly: boolean;
  tables: WorkbookTable[];
  semantics: SemanticModel;
  presets: Record<string, ImportPreset>;
  sql: string;
  /** Pages and blocks (absent in files saved before dashboards existed). */
  dashboard: Dashboard;
  /** The tab, analysis, sort and chart chosen (absent in older files: the defaults). */
  choices: WorkbookChoices;
  /** What each imported table was loaded from: file, title and footer lines, totals check. */
  origins?: Record<string, TableOrigin>;
  /** Table → column → DuckDB type, for columns stored as text and cast back on opening (the
   *  type names are checked before they reach SQL: see sql/storage-types.ts). */
  storedTypes?: Record<string, Record<string, string>>;
}

/** The stored types as saved: only string entries (the names themselves are checked later). */
export function parseStoredTypes(x: unknown): Record<string, Record<string, string>> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  const out: Record<string, Record<string, string>> = {};
  for (const [table, columns] of Object.entries(x as Record<string, unknown>)) {
    if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) continue;
    out[table] = Object.fromEntries(Object.entries(columns as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  return out;
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

/** The origins as saved, keeping only well-formed entries (a file may come from anyone). */
export function parseOrigins(x: unknown): Record<string, TableOrigin> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  const out: Record<string, TableOrigin> = {};
  for (const [name, o] of Object.entries(x as Record<string, unknown>)) {
    if (typeof o !== 'object' || o === null) continue;
    const r = o as Record<string, unknown>;
    const state = r.reconciliation === 'ok' || r.reconciliation === 'mismatch' ? r.reconciliation : 'none';
    out[name] = { file: typeof r.file === 'string' ? r.file : '', titleLines: strings(r.titleLines), footerLines: strings(r.footerLines), reconciliation: state, mismatches: strings(r.mismatches) };
  }
  return out;
}

export type WorkbookProblem = 'not-zip' | 'no-manifest' | 'foreign' | 'newer' | 'damaged' | 'too-large' | 'too-many-blocks';

export class WorkbookFileError extends Error {
  constructor(
    readonly problem: WorkbookProblem,
    readonly detail = '',
  ) {
    super(`${problem}${detail ? `: ${detail}` : ''}`);
    this.name = 'WorkbookFileError';
  }
}

/** A table part's path: the SQL name is already safe for a path. */
export const tablePath = (name: string, part: number) => `tables/${name}/${String(part).padStart(4, '0')}.parquet`;

export function packWorkbook(manifest: WorkbookManifest, tables: Map<string, Uint8Array[]>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {
    'workbook.json': [new TextEncoder().encode(JSON.stringify(manifest, null, 2)), { level: 6 }],
  };
  // Parquet is already compressed: stored as is, which keeps saving fast.
  for (const t of manifest.tables) t.files.forEach((f, i) => (files[f] = [tables.get(t.name)![i]!, { level: 0 }]));
  return zipSync(files);
}

/** Everything a workbook file holds besides its tables and the format's own fields. */
export type WorkbookContent = Omit<WorkbookManifest, 'format' | 'version' | 'savedAt' | 'viewOnly' | 'tables'>;

export interface PackedTable {
  name: string;
  rows: number;
  /** The table's rows in order, one Parquet file per part. */
  parts: Uint8Array[];
}

/** A workbook file of these tables and this content (the manifest's own fields filled in). */
export function packTables(tables: PackedTable[], content: WorkbookContent, viewOnly: boolean, savedAt = new Date()): Uint8Array {
  const manifest: WorkbookManifest = {
    format: WORKBOOK_FORMAT,
    version: WORKBOOK_VERSION,
    savedAt: savedAt.toISOString(),
    viewOnly,
    tables: tables.map((t) => ({ name: t.name, rows: t.rows, files: t.parts.map((_, i) => tablePath(t.name, i)) })),
    ...content,
  };
  return packWorkbook(manifest, new Map(tables.map((t) => [t.name, t.parts])));
}

const isParquet = (b: Uint8Array | undefined) =>
  !!b && b.length >= 8 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31 && b.at(-4) === 0x50 && b.at(-3) === 0x41 && b.at(-2) === 0x52 && b.at(-1) === 0x31;

export interface OpenedWorkbook {
  manifest: WorkbookManifest;
  tables: Map<string, Uint8Array[]>;
}

/** The limits every workbook file is unzipped under (see unzip-limited.ts). */
export const UNZIP_LIMITS: UnzipLimits = { maxTotal: MAX_UNPACKED_BYTES, maxEntries: MAX_ENTRIES, maxRatio: 100 };
/** More pages or blocks than any real dashboard: a file with more is refused before it is drawn
 *  (200,000 note blocks held a page for over a minute). */
export const MAX_PAGES = 200;
export const MAX_BLOCKS = 2_000;

/** The entries of a workbook file, unzipped under the limits (on the calling thread: the
 *  browser does this in a worker, see unpack-off-the-page.ts). */
export function unzipWorkbook(bytes: Uint8Array, onProgress?: (fraction: number) => void): Record<string, Uint8Array> {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new WorkbookFileError('not-zip');
  try {
    return unzipLimited(bytes, UNZIP_LIMITS, onProgress);
  } catch (error) {
    if (error instanceof UnzipLimitError) throw new WorkbookFileError('too-large');
    throw new WorkbookFileError('damaged', error instanceof Error ? error.message : String(error));
  }
}

export function unpackWorkbook(bytes: Uint8Array): OpenedWorkbook {
  return readWorkbook(unzipWorkbook(bytes));
}

/** The workbook in unzipped entries, every part checked. */
export function readWorkbook(entries: Record<string, Uint8Array>): OpenedWorkbook {
  const json = entries['workbook.json'];
  if (!json) throw new WorkbookFileError('no-manifest');
  let manifest: WorkbookManifest;
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as WorkbookManifest;
  } catch (error) {
    throw new WorkbookFileError('damaged', error instanceof Error ? error.message : String(error));
  }
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== WORKBOOK_FORMAT) throw new WorkbookFileError('foreign');
  // Only a whole number above ours is a newer format; anything else is not a version at all.
  if (!Number.isInteger(manifest.version) || manifest.version < 1) throw new WorkbookFileError('damaged', `version ${JSON.stringify(manifest.version)}`);
  if (manifest.version > WORKBOOK_VERSION) throw new WorkbookFileError('newer', String(manifest.version));
  if (!Array.isArray(manifest.tables)) throw new WorkbookFileError('damaged', 'tables');
  const pages = Array.isArray(manifest.dashboard?.pages) ? manifest.dashboard.pages : [];
  const blocks = pages.reduce((n, p) => n + (Array.isArray(p?.blocks) ? p.blocks.length : 0), 0);
  if (pages.length > MAX_PAGES || blocks > MAX_BLOCKS) throw new WorkbookFileError('too-many-blocks', `${blocks}/${pages.length}`);
  const tables = new Map<string, Uint8Array[]>();
  for (const t of manifest.tables) {
    if (typeof t?.name !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(t.name) || !Array.isArray(t.files) || t.files.length === 0) throw new WorkbookFileError('damaged', 'table list');
    const parts = t.files.map((f) => {
      const data = typeof f === 'string' ? entries[f] : undefined;
      if (!isParquet(data)) throw new WorkbookFileError('damaged', String(f));
      return data!;
    });
    tables.set(t.name, parts);
  }
  return {
    manifest: {
      format: WORKBOOK_FORMAT,
      version: manifest.version,
      savedAt: String(manifest.savedAt ?? ''),
      viewOnly: manifest.viewOnly === true,
      tables: manifest.tables,
      semantics: parseModel(JSON.stringify(manifest.semantics ?? null)),
      presets: typeof manifest.presets === 'object' && manifest.presets !== null ? manifest.presets : {},
      sql: typeof manifest.sql === 'string' ? manifest.sql : '',
      dashboard: parseDashboard(manifest.dashboard),
      choices: parseChoices(manifest.choices),
      origins: parseOrigins(manifest.origins),
      storedTypes: parseStoredTypes(manifest.storedTypes),
    },
    tables,
  };
}
