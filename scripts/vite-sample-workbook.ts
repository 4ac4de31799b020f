import type { Plugin } from 'vite';
import { createServer } from 'vite';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const require = createRequire(import.meta.url);

const SAMPLES = ['don-vi.csv', 'mo-hinh-dan-van-kheo.csv', 'xep-loai-dan-van.csv', 'tiep-cong-dan.csv', 'sap-xep-don-vi-2025.csv'];

/** Makes `sample.sdv`, the sample workbook as a workbook file, when the app is built: the app's
 *  own import, semantic sync and sample dashboard run on the Node engine (loaded through a
 *  Vite server, as the unit tests load them), so the file always matches the source. */
export function sampleWorkbook(): Plugin {
  let root = process.cwd();
  return {
    name: 'sample-workbook',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async generateBundle() {
      const server = await createServer({
        root,
        configFile: false,
        plugins: [svelte(), arrowAsRequired()],
        logLevel: 'error',
        server: { middlewareMode: true, hmr: false, ws: false },
        appType: 'custom',
        // Processed here rather than left to Node, so arrowAsRequired() decides which copy.
        ssr: { noExternal: ['apache-arrow'] },
        optimizeDeps: { noDiscovery: true, include: [] },
      });
      try {
        const { startNodeEngine } = await server.ssrLoadModule('/src/engine/start-node.ts');
        const { buildSampleWorkbook } = await server.ssrLoadModule('/src/workbook/sample-workbook.ts');
        const { SAMPLE_QUERY, SAMPLE_WORKBOOK_FILE } = await server.ssrLoadModule('/src/workbook/sample.ts');
        const engine = await startNodeEngine();
        try {
          const files = await Promise.all(SAMPLES.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(root, 'data-samples', name))) })));
          const bytes: Uint8Array = await buildSampleWorkbook(engine, files, SAMPLE_QUERY);
          this.emitFile({ type: 'asset', fileName: SAMPLE_WORKBOOK_FILE, source: bytes });
        } finally {
          await engine.close();
        }
      } finally {
        await server.close();
      }
    },
  };
}

/** As in the unit tests: DuckDB's Node bundle require()s Arrow's CommonJS build, and the app's
 *  code must use that same copy (or its tables are not the classes the code checks against). */
function arrowAsRequired(): Plugin {
  const id = '\0arrow-as-required';
  return {
    name: 'arrow-as-required',
    enforce: 'pre',
    resolveId: (source) => (source === 'apache-arrow' ? id : null),
    load(source) {
      if (source !== id) return null;
      const names = Object.keys(require('apache-arrow') as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      return [`import { createRequire } from 'node:module';`, `const arrow = createRequire(${JSON.stringify(import.meta.url)})('apache-arrow');`, ...names.map((n) => `export const ${n} = arrow.${n};`)].join('\n');
    },
  };
}
