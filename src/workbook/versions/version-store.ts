/** Versions of the workbook in the browser's storage. Each table part (Parquet) is a blob named
 *  by its content hash and written once; a version is a small manifest listing its tables' blobs
 *  plus the workbook's settings, so a version that changed one table does not copy the others.
 *  `versions.json` (the index) is written last: it is the commit point, and what it does not
 *  list (a version or blob left by a crash, or dropped by the retention policy) is deleted.
 *  Callers serialise commits (one writer at a time, across tabs). */
import type { SaveStore } from '../storage';
import type { SemanticModel } from '../../domain/semantic-model';
import type { ImportPreset } from '../../import/presets';
import type { TableOrigin } from '../../import/import-plan';
import type { WorkbookChoices } from '../choices';
import type { Dashboard } from '../../dashboards/dashboard';
import { RETENTION, unreferencedBlobs, versionsToKeep, type RetentionPolicy } from './retention';
import { textHash } from './content-hash';

export const INDEX_FILE = 'versions.json';
const INDEX_FORMAT = 'so-dan-van/versions';
/** The single-file autosave of earlier releases: read once, removed after the first version. */
export const LEGACY_AUTOSAVE = 'autosave.sdv';
export const blobFile = (hash: string) => `blob-${hash}.parquet`;
export const versionFile = (id: string) => `version-${id}.json`;
const BLOB_NAME = /^blob-([0-9a-f]{64})\.parquet$/;
const VERSION_NAME = /^version-(.+)\.json$/;

/** The work a step throws away: said in the confirmation, and the label of the version kept
 *  just before it. */
export type DiscardStep =
  | { kind: 'open-file'; file: string }
  | { kind: 'restore'; at: number }
  | { kind: 'drop-table'; table: string }
  | { kind: 'remove-page'; page: string }
  | { kind: 'remove-block'; block: string };

export type VersionReason = { kind: 'auto' } | { kind: 'before'; step: DiscardStep } | { kind: 'restored'; from: number } | { kind: 'opened'; file: string };

export interface VersionTable {
  name: string;
  rows: number;
  /** Content hashes of the table's Parquet parts, in row order. */
  parts: string[];
}

export interface VersionEntry {
  id: string;
  savedAt: number;
  /** `main` for the tab that owns the workbook; a copy opened in a second tab has its own. */
  line: string;
  reason: VersionReason;
  tables: VersionTable[];
  /** The size of the version's tables (what restoring it brings back). */
  bytes: number;
  manifestBytes: number;
  /** Same fingerprint, same workbook: an autosave with nothing new is not a new version. */
  fingerprint: string;
}

export interface VersionIndex {
  format: typeof INDEX_FORMAT;
  version: 1;
  /** The version the owning tab's workbook is at (opened on the next visit). */
  head: string | null;
  versions: VersionEntry[];
  blobSizes: Record<string, number>;
}

/** Everything of the workbook but its tables' data. */
export interface VersionContent {
  semantics: SemanticModel;
  presets: Record<string, ImportPreset>;
  sql: string;
  dashboard: Dashboard;
  /** Absent in versions saved before tables kept their origins. */
  origins?: Record<string, TableOrigin>;
  /** The tab, analysis, sort and chart chosen (absent in older versions: the defaults). */
  choices?: WorkbookChoices;
  /** Table → column → DuckDB type, for columns stored as text and cast back on opening. */
  storedTypes?: Record<string, Record<string, string>>;
}

export interface DraftTable {
  name: string;
  rows: number;
  parts: Uint8Array[];
  hashes: string[];
}

export interface VersionDraft {
  line: string;
  reason: VersionReason;
  tables: DraftTable[];
  content: VersionContent;
}

export const emptyIndex = (): VersionIndex => ({ format: INDEX_FORMAT, version: 1, head: null, versions: [], blobSizes: {} });

export class IndexDamagedError extends Error {
  constructor(detail: string) {
    super(`${INDEX_FILE} is damaged: ${detail}`);
    this.name = 'IndexDamagedError';
  }
}

/** The index; an error reading storage is thrown as it is, a damaged index as IndexDamagedError. */
export async function readIndex(store: SaveStore): Promise<VersionIndex> {
  const bytes = await store.read(INDEX_FILE);
  if (!bytes) return emptyIndex();
  let parsed: VersionIndex;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as VersionIndex;
  } catch (error) {
    throw new IndexDamagedError(error instanceof Error ? error.message : String(error));
  }
  if (parsed?.format !== INDEX_FORMAT || !Array.isArray(parsed.versions)) throw new IndexDamagedError('not a versions index');
  return { ...emptyIndex(), ...parsed };
}

/** For a save: a damaged index cannot list any version any more, so saving starts a new one
 *  rather than failing on every change. */
const indexForSaving = (store: SaveStore) => readIndex(store).catch((error) => (error instanceof IndexDamagedError ? emptyIndex() : Promise.reject(error)));

const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export function fingerprint(draft: Pick<VersionDraft, 'tables' | 'content'>): Promise<string> {
  return textHash(JSON.stringify({ tables: draft.tables.map((t) => [t.name, t.rows, t.hashes]), content: draft.content }));
}

export interface CommitOptions {
  now: number;
  id: string;
  /** The owning tab's save: the next visit opens this version. */
  moveHead: boolean;
  policy?: RetentionPolicy;
  /** Also delete files no version lists (left by a crash). Only safe while no other tab can be
   *  writing blobs it has not listed yet, i.e. under a lock all tabs share. */
  collectOrphans?: boolean;
}

export interface CommitResult {
  index: VersionIndex;
  /** The version written (or relabelled); null when nothing changed since the last one. */
  entry: VersionEntry | null;
}

export async function commitVersion(store: SaveStore, draft: VersionDraft, options: CommitOptions): Promise<CommitResult> {
  const index = await indexForSaving(store);
  const print = await fingerprint(draft);
  const newestOfLine = index.versions.filter((v) => v.line === draft.line).sort((a, b) => b.savedAt - a.savedAt)[0];
  // Nothing new since the last version: an autosave adds none, and a step about to discard
  // work marks an autosaved one as the one to go back to. A restore, or a step after a version
  // that says something else (restored, opened…), is a version of its own, labelled as such.
  const same = newestOfLine?.fingerprint === print;
  if (same && (draft.reason.kind === 'auto' || newestOfLine.reason.kind === 'auto') && draft.reason.kind !== 'restored') {
    if (draft.reason.kind === 'auto' && (!options.moveHead || index.head === newestOfLine.id)) return { index, entry: null };
    if (draft.reason.kind !== 'auto') newestOfLine.reason = draft.reason;
    if (options.moveHead) index.head = newestOfLine.id;
    await store.write(INDEX_FILE, encodeJson(index));
    return { index, entry: newestOfLine };
  }

  const present = new Set(await store.list());
  let bytes = 0;
  for (const t of draft.tables) {
    for (const [i, hash] of t.hashes.entries()) {
      const part = t.parts[i]!;
      bytes += part.length;
      // Content-addressed: a blob already stored is the same bytes, so it is not written again.
      if (!present.has(blobFile(hash))) await store.write(blobFile(hash), part);
      present.add(blobFile(hash));
      index.blobSizes[hash] = part.length;
    }
  }
  const manifest = encodeJson(draft.content);
  await store.write(versionFile(options.id), manifest);
  const entry: VersionEntry = {
    id: options.id,
    savedAt: options.now,
    line: draft.line,
    reason: draft.reason,
    tables: draft.tables.map((t) => ({ name: t.name, rows: t.rows, parts: t.hashes })),
    bytes,
    manifestBytes: manifest.length,
    fingerprint: print,
  };
  index.versions.push(entry);
  if (options.moveHead) index.head = entry.id;
  return { index: await prune(store, index, options.now, new Set([entry.id]), options.policy, options.collectOrphans ?? true), entry };
}

/** Applies the retention policy, writes the index, then deletes what it no longer lists. */
export async function prune(
  store: SaveStore,
  index: VersionIndex,
  now: number,
  pinned: Set<string> = new Set(),
  policy: RetentionPolicy = RETENTION,
  collectOrphans = true,
): Promise<VersionIndex> {
  if (index.head) pinned.add(index.head);
  const asRetained = index.versions.map((v) => ({ id: v.id, savedAt: v.savedAt, blobs: v.tables.flatMap((t) => t.parts), manifestBytes: v.manifestBytes }));
  const keep = versionsToKeep(asRetained, index.blobSizes, now, pinned, policy);
  const kept = index.versions.filter((v) => keep.has(v.id)).sort((a, b) => b.savedAt - a.savedAt);
  const dropped = index.versions.filter((v) => !keep.has(v.id));
  const unused = new Set(unreferencedBlobs(Object.keys(index.blobSizes), asRetained.filter((v) => keep.has(v.id))));
  const next: VersionIndex = {
    ...index,
    versions: kept,
    blobSizes: Object.fromEntries(Object.entries(index.blobSizes).filter(([hash]) => !unused.has(hash))),
  };
  await store.write(INDEX_FILE, encodeJson(next));
  if (collectOrphans) {
    await collectGarbage(store, next);
  } else {
    // Only what this index itself listed and dropped.
    for (const v of dropped) await store.remove(versionFile(v.id));
    for (const hash of unused) await store.remove(blobFile(hash));
  }
  return next;
}

/** Deletes every stored blob and version file the index does not refer to. */
export async function collectGarbage(store: SaveStore, index: VersionIndex): Promise<string[]> {
  const blobs = new Set(index.versions.flatMap((v) => v.tables.flatMap((t) => t.parts)));
  const versions = new Set(index.versions.map((v) => v.id));
  const removed: string[] = [];
  for (const name of await store.list()) {
    const blob = BLOB_NAME.exec(name)?.[1];
    const version = VERSION_NAME.exec(name)?.[1];
    const stale = (blob !== undefined && !blobs.has(blob)) || (version !== undefined && !versions.has(version)) || (name === LEGACY_AUTOSAVE && versions.size > 0);
    if (stale) {
      await store.remove(name);
      removed.push(name);
    }
  }
  return removed;
}

export class VersionMissingError extends Error {
  constructor(what: string) {
    super(`${what} is missing from the browser's storage`);
    this.name = 'VersionMissingError';
  }
}

export interface LoadedVersion {
  entry: VersionEntry;
  content: VersionContent;
  tables: Map<string, Uint8Array[]>;
}

export async function loadVersion(store: SaveStore, index: VersionIndex, id: string): Promise<LoadedVersion> {
  const entry = index.versions.find((v) => v.id === id);
  if (!entry) throw new VersionMissingError(`version ${id}`);
  const manifest = await store.read(versionFile(id));
  if (!manifest) throw new VersionMissingError(versionFile(id));
  const content = JSON.parse(new TextDecoder().decode(manifest)) as VersionContent;
  const tables = new Map<string, Uint8Array[]>();
  for (const t of entry.tables) {
    const parts: Uint8Array[] = [];
    for (const hash of t.parts) {
      const bytes = await store.read(blobFile(hash));
      if (!bytes) throw new VersionMissingError(`${t.name} (${blobFile(hash)})`);
      parts.push(bytes);
    }
    tables.set(t.name, parts);
  }
  return { entry, content, tables };
}

/** The version a tab opens: its own line's newest, else the owner's head. */
export function versionToOpen(index: VersionIndex, line: string): string | null {
  if (line !== 'main') {
    const own = index.versions.filter((v) => v.line === line).sort((a, b) => b.savedAt - a.savedAt)[0];
    if (own) return own.id;
  }
  return index.head ?? index.versions[0]?.id ?? null;
}
