/** Unpacks a `.gz` off the page's thread (see decompress.ts). */
import { gunzip } from './decompress';

self.onmessage = async (e: MessageEvent<{ blob: Blob; limit: number }>) => {
  try {
    self.postMessage({ blob: await gunzip(e.data.blob, e.data.limit) });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
