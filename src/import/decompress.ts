/** Reporting systems sometimes hand out `.csv.gz`: unpack it (streaming, in the browser's own
 *  DecompressionStream) before anything else looks at the file. */
import type { ImportSource } from './import-source';

export async function decompressIfGzip(input: ImportSource): Promise<ImportSource> {
  const blob = input.source instanceof Uint8Array ? new Blob([input.source as BlobPart]) : input.source;
  const magic = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  if (magic[0] !== 0x1f || magic[1] !== 0x8b || !/\.gz$/i.test(input.name)) return input;
  const unpacked = await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
  return { name: input.name.replace(/\.gz$/i, ''), size: unpacked.size, source: unpacked };
}
