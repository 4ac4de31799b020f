import type { Plugin } from 'vite';
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzip, constants } from 'node:zlib';
import { promisify } from 'node:util';

const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|wasm|json|csv)$/;

/** Writes `file.gz` next to each compressible asset so any static server (ours, nginx
 *  `gzip_static`) can send the 34 MB DuckDB wasm as ~8 MB without compressing per request. */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      for (const file of await walk(outDir)) {
        if (!COMPRESSIBLE.test(file) || (await stat(file)).size < 1024) continue;
        const body = await gz(await readFile(file), { level: constants.Z_BEST_COMPRESSION });
        await writeFile(`${file}.gz`, body);
      }
    },
  };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}
