import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createRequire } from 'node:module';
import { precompress } from './scripts/vite-precompress.ts';
import { sampleWorkbook } from './scripts/vite-sample-workbook.ts';

const require = createRequire(import.meta.url);

// Everything the app needs is bundled into dist/ and served from its own origin:
// the DuckDB wasm bundles and workers are imported with `?url`, the sample workbook too.
export default defineConfig({
  plugins: [svelte(), sampleWorkbook(), precompress()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { port: 5173 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // DuckDB's Node bundle require()s Arrow's CommonJS build; tests must use that same copy
    // or Arrow objects from the engine are not the classes the app code checks against.
    alias: { 'apache-arrow': require.resolve('apache-arrow') },
  },
});
