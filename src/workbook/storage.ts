/** The browser's own storage for the autosaved workbook: the Origin Private File System where
 *  the browser has it, IndexedDB otherwise. Flat named files, each written whole, read whole. */

export interface SaveStore {
  kind: 'opfs' | 'indexeddb';
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
  /** Every file's name (to find what no version refers to any more). */
  list(): Promise<string[]>;
}

async function opfs(): Promise<SaveStore | null> {
  const dir = await navigator.storage?.getDirectory?.().catch(() => null);
  if (!dir) return null;
  const probe = await dir.getFileHandle('.probe', { create: true }).catch(() => null);
  if (!probe || typeof (probe as FileSystemFileHandle & { createWritable?: unknown }).createWritable !== 'function') return null;
  return {
    kind: 'opfs',
    async read(name) {
      const handle = await dir.getFileHandle(name).catch(() => null);
      if (!handle) return null;
      return new Uint8Array(await (await handle.getFile()).arrayBuffer());
    },
    async write(name, bytes) {
      // A writable goes to a swap file that replaces the old one only on close: a crash
      // mid-write keeps the last save.
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(bytes as BlobPart);
      await w.close();
    },
    async remove(name) {
      await dir.removeEntry(name).catch(() => undefined);
    },
    async list() {
      const names: string[] = [];
      for await (const name of (dir as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return names;
    },
  };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function indexedDb(): Promise<SaveStore | null> {
  if (typeof indexedDB === 'undefined') return null;
  const open = indexedDB.open('so-dan-van', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('files');
  const db = await request(open).catch(() => null);
  if (!db) return null;
  const store = (mode: IDBTransactionMode) => db.transaction('files', mode).objectStore('files');
  return {
    kind: 'indexeddb',
    async read(name) {
      const value = (await request(store('readonly').get(name))) as Uint8Array | undefined;
      return value ?? null;
    },
    async write(name, bytes) {
      await request(store('readwrite').put(bytes, name));
    },
    async remove(name) {
      await request(store('readwrite').delete(name));
    },
    async list() {
      return (await request(store('readonly').getAllKeys())).map(String);
    },
  };
}

export async function openSaveStore(): Promise<SaveStore | null> {
  return (await opfs().catch(() => null)) ?? (await indexedDb().catch(() => null));
}
