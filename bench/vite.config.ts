// Builds the two reference pages of `npm run bench` (floor and naive) into bench/dist-pages/.
import { defineConfig } from 'vite';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, 'pages');

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist-pages'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { floor: path.join(root, 'floor.html'), naive: path.join(root, 'naive.html') } },
  },
  worker: { format: 'es' },
});
