/** Versions of the workbook: the retention policy, content-addressed table blobs shared between
 *  versions, and garbage collection of what no version refers to. The store is an in-memory
 *  SaveStore (the same interface OPFS and IndexedDB implement); no engine is involved. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/domain/semantic-model';
import type { SaveStore } from '../../src/workbook/storage';
import { contentHash, sha256Fallback } from '../../src/workbook/versions/content-hash';
import { storedBytes, versionsToKeep, type RetainedVersion } from '../../src/workbook/versions/retention';
import {
  blobFile,
  collectGarbage,
  commitVersion,
  INDEX_FILE,
  LEGACY_AUTOSAVE,
  loadVersion,
  readIndex,
  versionFile,
  versionToOpen,
  type VersionDraft,
} from '../../src/workbook/versions/version-store';

function memoryStore() {
  const files = new Map<string, Uint8Array>();
  const writes: string[] = [];
  const store: SaveStore = {
    kind: 'indexeddb',
    read: async (name) => files.get(name) ?? null,
    write: async (name, bytes) => {
      writes.push(name);
      files.set(name, bytes);
    },
    remove: async (name) => void files.delete(name),
    list: async () => [...files.keys()],
  };
  return { store, files, writes };
}

const bytes = (text: string) => new TextEncoder().encode(`PAR1${text}PAR1`);

async function draft(tables: Record<string, string[]>, reason: VersionDraft['reason'] = { kind: 'auto' }, line = 'main', sql = ''): Promise<VersionDraft> {
  const out = [];
  for (const [name, parts] of Object.entries(tables)) {
    const data = parts.map(bytes);
    out.push({ name, rows: parts.length, parts: data, hashes: await Promise.all(data.map(contentHash)) });
  }
  return { line, reason, tables: out, content: { semantics: emptyModel(), presets: {}, sql, dashboard: { pages: [] } } };
}

const HOUR = 3_600_000;
const at = (day: number, hour: number) => new Date(2026, 10, day, hour).getTime();
const version = (id: string, savedAt: number, blobs: string[] = [], manifestBytes = 0): RetainedVersion => ({ id, savedAt, blobs, manifestBytes });

describe('content hash', () => {
  it('is SHA-256, with or without the browser digest', async () => {
    for (const text of ['', 'abc', 'Sổ Dân vận '.repeat(100)]) {
      const data = new TextEncoder().encode(text);
      const expected = createHash('sha256').update(data).digest('hex');
      expect(await contentHash(data)).toBe(expected);
      expect(Buffer.from(sha256Fallback(data)).toString('hex')).toBe(expected);
    }
  });
});

describe('retention policy', () => {
  it('keeps the last 10 saves and the newest of each of the last 7 days', () => {
    const now = at(20, 18);
    // 30 saves today (one every 10 minutes), and 3 a day on each of the 12 days before.
    const today = Array.from({ length: 30 }, (_, i) => version(`t${i}`, now - i * 600_000));
    const earlier = Array.from({ length: 12 }, (_, d) => [9, 12, 15].map((h) => version(`d${d + 1}h${h}`, at(19 - d, h)))).flat();
    const keep = versionsToKeep([...today, ...earlier], {}, now);
    const expected = [...today.slice(0, 10).map((v) => v.id), ...[1, 2, 3, 4, 5, 6].map((d) => `d${d}h15`)];
    expect([...keep].sort()).toEqual(expected.sort());
  });

  it('keeps a day its newest save even when it is not one of the last ten', () => {
    const now = at(20, 12);
    const versions = [version('a', at(20, 11)), version('b', at(19, 8)), version('c', at(19, 23)), version('old', at(10, 9))];
    const keep = versionsToKeep(versions, {}, now, new Set(), { recent: 1, days: 7, budgetBytes: Infinity });
    expect([...keep].sort()).toEqual(['a', 'c']);
  });

  it('drops the oldest first to stay within the byte budget, counting shared blobs once, never a pinned version', () => {
    const now = at(20, 12);
    const sizes = { shared: 100, x: 50, y: 50, z: 50 };
    const versions = [version('v1', now - 3 * HOUR, ['shared', 'x']), version('v2', now - 2 * HOUR, ['shared', 'y']), version('v3', now - HOUR, ['shared', 'z'])];
    expect(storedBytes(versions, sizes)).toBe(250);
    const policy = { recent: 10, days: 7, budgetBytes: 200 };
    expect([...versionsToKeep(versions, sizes, now, new Set(), policy)].sort()).toEqual(['v2', 'v3']);
    // The open workbook's version stays even when it alone is over budget.
    expect([...versionsToKeep(versions, sizes, now, new Set(['v1']), { ...policy, budgetBytes: 10 })]).toEqual(['v1']);
  });
});

describe('version store', () => {
  it('stores each table part once: a version that changed one table writes only that table', async () => {
    const { store, files, writes } = memoryStore();
    const first = await commitVersion(store, await draft({ a: ['a1', 'a2'], b: ['b1'] }), { now: at(20, 9), id: 'v1', moveHead: true });
    expect(first.entry?.bytes).toBe(3 * bytes('a1').length);
    writes.length = 0;
    const second = await commitVersion(store, await draft({ a: ['a1', 'a2'], b: ['b1-changed'] }), { now: at(20, 10), id: 'v2', moveHead: true });
    expect(writes.filter((w) => w.startsWith('blob-'))).toEqual([blobFile(await contentHash(bytes('b1-changed')))]);
    expect(writes.at(-1)).toBe(INDEX_FILE);
    expect([...files.keys()].filter((f) => f.startsWith('blob-'))).toHaveLength(4);
    expect(second.index.head).toBe('v2');
    expect(second.index.versions.map((v) => v.id)).toEqual(['v2', 'v1']);
    // Both versions read back whole.
    const v1 = await loadVersion(store, second.index, 'v1');
    expect(new TextDecoder().decode(v1.tables.get('b')![0])).toBe('PAR1b1PAR1');
    const v2 = await loadVersion(store, second.index, 'v2');
    expect(new TextDecoder().decode(v2.tables.get('b')![0])).toBe('PAR1b1-changedPAR1');
    expect(v2.tables.get('a')!.map((p) => new TextDecoder().decode(p))).toEqual(['PAR1a1PAR1', 'PAR1a2PAR1']);
  });

  it('adds no version for an autosave with nothing new, and marks it as the one before a discarding step', async () => {
    const { store } = memoryStore();
    await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 9), id: 'v1', moveHead: true });
    const same = await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 10), id: 'v2', moveHead: true });
    expect(same.entry).toBeNull();
    const before = await commitVersion(store, await draft({ a: ['a1'] }, { kind: 'before', step: { kind: 'drop-table', table: 'a' } }), { now: at(20, 11), id: 'v3', moveHead: true });
    expect(before.entry?.id).toBe('v1');
    expect((await readIndex(store)).versions.map((v) => [v.id, v.reason.kind])).toEqual([['v1', 'before']]);
    // A restore is always a version of its own, even of identical content.
    const restored = await commitVersion(store, await draft({ a: ['a1'] }, { kind: 'restored', from: at(20, 9) }), { now: at(20, 12), id: 'v4', moveHead: true });
    expect(restored.entry?.id).toBe('v4');
    // After it, an autosave of the same adds nothing, but a step about to discard work gets a
    // version saying so (the restored one keeps its own label).
    expect((await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 13), id: 'v5', moveHead: true })).entry).toBeNull();
    const step = await commitVersion(store, await draft({ a: ['a1'] }, { kind: 'before', step: { kind: 'remove-page', page: 'Trang 1' } }), { now: at(20, 14), id: 'v6', moveHead: true });
    expect(step.entry?.id).toBe('v6');
    expect(step.index.versions.map((v) => [v.id, v.reason.kind])).toEqual([['v6', 'before'], ['v4', 'restored'], ['v1', 'before']]);
    // Both versions share the one stored blob.
    expect(Object.keys(step.index.blobSizes)).toHaveLength(1);
  });

  it('garbage-collects blobs no kept version refers to, and leaves shared ones', async () => {
    const { store, files } = memoryStore();
    const policy = { recent: 2, days: 0, budgetBytes: Infinity };
    await commitVersion(store, await draft({ keep: ['k'], gone: ['g1'] }), { now: at(20, 9), id: 'v1', moveHead: true, policy });
    await commitVersion(store, await draft({ keep: ['k'], gone: ['g2'] }), { now: at(20, 10), id: 'v2', moveHead: true, policy });
    const third = await commitVersion(store, await draft({ keep: ['k'] }), { now: at(20, 11), id: 'v3', moveHead: true, policy });
    expect(third.index.versions.map((v) => v.id)).toEqual(['v3', 'v2']);
    const blobs = [...files.keys()].filter((f) => f.startsWith('blob-')).sort();
    expect(blobs).toEqual([blobFile(await contentHash(bytes('k'))), blobFile(await contentHash(bytes('g2')))].sort());
    expect(files.has(versionFile('v1'))).toBe(false);
    expect(Object.keys(third.index.blobSizes)).toHaveLength(2);
  });

  it('deletes what a crash left behind and the old single-file autosave once versions exist', async () => {
    const { store, files } = memoryStore();
    const { index } = await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 9), id: 'v1', moveHead: true });
    files.set(blobFile('f'.repeat(64)), bytes('orphan'));
    files.set(versionFile('crashed'), new Uint8Array(2));
    files.set(LEGACY_AUTOSAVE, new Uint8Array(2));
    files.set('.probe', new Uint8Array(0));
    expect((await collectGarbage(store, index)).sort()).toEqual([LEGACY_AUTOSAVE, blobFile('f'.repeat(64)), versionFile('crashed')].sort());
    expect(files.has('.probe')).toBe(true);
  });

  it('without a lock shared by all tabs, deletes only what its own index dropped, not files another tab may be writing', async () => {
    const { store, files } = memoryStore();
    const policy = { recent: 1, days: 0, budgetBytes: Infinity };
    await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 9), id: 'v1', moveHead: true, policy, collectOrphans: false });
    files.set(blobFile('e'.repeat(64)), bytes('another tab, not yet listed'));
    await commitVersion(store, await draft({ a: ['a2'] }), { now: at(20, 10), id: 'v2', moveHead: true, policy, collectOrphans: false });
    expect(files.has(blobFile('e'.repeat(64)))).toBe(true);
    expect(files.has(blobFile(await contentHash(bytes('a1'))))).toBe(false);
    expect(files.has(versionFile('v1'))).toBe(false);
  });

  it('starts a new index when the stored one is damaged, rather than failing every save', async () => {
    const { store, files } = memoryStore();
    await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 9), id: 'v1', moveHead: true });
    files.set(INDEX_FILE, new TextEncoder().encode('{"format": "so-dan-van/vers'));
    await expect(readIndex(store)).rejects.toThrow(/damaged/);
    const { index } = await commitVersion(store, await draft({ b: ['b1'] }), { now: at(20, 10), id: 'v2', moveHead: true });
    expect(index.versions.map((v) => v.id)).toEqual(['v2']);
    expect((await loadVersion(store, index, 'v2')).tables.has('b')).toBe(true);
  });

  it('keeps a copy opened in a second tab on its own line, without moving the owner’s head', async () => {
    const { store } = memoryStore();
    await commitVersion(store, await draft({ a: ['a1'] }), { now: at(20, 9), id: 'main1', moveHead: true });
    await commitVersion(store, await draft({ a: ['a1'], copy: ['c'] }, { kind: 'auto' }, 'copy-x'), { now: at(20, 10), id: 'copy1', moveHead: false });
    await commitVersion(store, await draft({ a: ['a2'] }), { now: at(20, 11), id: 'main2', moveHead: true });
    const index = await readIndex(store);
    expect(index.head).toBe('main2');
    expect(versionToOpen(index, 'main')).toBe('main2');
    expect(versionToOpen(index, 'copy-x')).toBe('copy1');
    expect(index.versions.map((v) => v.id)).toEqual(['main2', 'copy1', 'main1']);
  });
});
