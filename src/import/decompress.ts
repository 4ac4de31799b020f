/** Reporting systems sometimes hand out `.csv.gz`: unpack it before anything else looks at the
 *  file — in a worker (the browser's DecompressionStream otherwise runs on the page's thread),
 *  stopping as soon as it unpacks to more than any report, so a gzip bomb ends in a message. */
import { ImportError, type ImportSource } from './import-source';

export const MAX_GZIP_BYTES = 1024 ** 3;

/** Unpacks `blob`, or answers 'too-large' once more than `limit` bytes have come out. */
export async function gunzip(blob: Blob, limit: number): Promise<Blob | 'too-large'> {
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(chunks as BlobPart[]);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
}

function gunzipOffThePage(blob: Blob, limit: number): Promise<Blob | 'too-large'> {
  if (typeof Worker === 'undefined') return gunzip(blob, limit);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./gunzip.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ blob: Blob | 'too-large' } | { error: string }>) => {
      worker.terminate();
      if ('error' in e.data) reject(new Error(e.data.error));
      else resolve(e.data.blob);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the file could not be unpacked'));
    };
    worker.postMessage({ blob, limit });
  });
}

export async function decompressIfGzip(input: ImportSource, limit = MAX_GZIP_BYTES): Promise<ImportSource> {
  const blob = input.source instanceof Uint8Array ? new Blob([input.source as BlobPart]) : input.source;
  const magic = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  if (magic[0] !== 0x1f || magic[1] !== 0x8b || !/\.gz$/i.test(input.name)) return input;
  const unpacked = await gunzipOffThePage(blob, limit);
  if (unpacked === 'too-large') throw new ImportError('too-large', input.name, String(Math.round(limit / 1024 ** 2)));
  return { name: input.name.replace(/\.gz$/i, ''), size: unpacked.size, source: unpacked };
}
