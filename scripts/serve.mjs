#!/usr/bin/env node
// Serves the built app (dist/) on localhost: static files only, precompressed .gz variants
// when the browser accepts them, long caching for hashed assets. No data ever reaches it:
// files are opened in the browser.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.parquet': 'application/vnd.apache.parquet',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileInfo(file) {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

// The same policy as index.html's <meta>, also sent as a header so it covers the DuckDB worker,
// whose script does not inherit the page's meta policy, and keeps the app out of other sites' frames.
// `frame-ancestors 'none'`: never inside another site's frame (it could overlay it and steer clicks).
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self' blob: data:; " +
  "img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

export function startServer({ port = Number(process.env.PORT ?? 4173), host = process.env.HOST ?? '127.0.0.1', root = ROOT } = {}) {
  const server = createServer((req, res) => {
    // One bad request must never stop the server for everyone else.
    serve(req, res, root).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

async function serve(req, res, root) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let rel;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    // A malformed escape (`GET /%`): the request is wrong, not the server.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
    return;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  let info = await fileInfo(file);
  let target = file;
  if (!info) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const headers = {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
    'x-frame-options': 'DENY',
    vary: 'accept-encoding',
  };
  const gz = await fileInfo(`${file}.gz`);
  if (gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    target = `${file}.gz`;
    info = gz;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = info.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(target).on('error', () => res.destroy()).pipe(res);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startServer().catch((error) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`Port ${process.env.PORT ?? 4173} is busy. Start on another port: PORT=4180 npm start`);
      process.exit(1);
    }
    throw error;
  });
  const { port } = server.address();
  console.log(`\n  Sổ Dân vận is running at http://localhost:${port}/\n  (sample workbook; http://localhost:${port}/?empty opens an empty one). Ctrl+C stops it.\n`);
}
