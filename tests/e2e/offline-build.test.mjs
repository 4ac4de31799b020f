import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './harness.mjs';

// Hosts that may appear as text in the bundle without ever being contacted: XML namespaces
// (SVG, and those of OOXML, OpenDocument and Dublin Core inside the spreadsheet reader and the
// Word and PowerPoint writers), Svelte's and the bundler's error-documentation links, package
// metadata, and the links in the writers' own error messages. The browser tests check that no
// request leaves.
const ALLOWED_HOSTS = new Set(['www.w3.org', 'schemas.openxmlformats.org', 'purl.oclc.org', 'svelte.dev', 'github.com', 'rolldown.rs']);
const SPREADSHEET_NAMESPACES = new Set(['schemas.microsoft.com', 'purl.org', 'openoffice.org', 'docs.oasis-open.org', 'sheetjs.com', 'sheetjs.openxmlformats.org', 'macVmlSchemaUri']);
const OFFICE_WRITER_TEXT = new Set(['schemas.microsoft.com', 'purl.org', 'answers.microsoft.com', 'gitbrent.github.io', 'stuk.github.io']);
const allowed = (file, host) =>
  ALLOWED_HOSTS.has(host) ||
  (/\/(xlsx|spreadsheet\.worker)-[^/]*\.js$/.test(file) && SPREADSHEET_NAMESPACES.has(host)) ||
  (/\/(docx|pptx)-[^/]*\.js$/.test(file) && OFFICE_WRITER_TEXT.has(host));

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

describe('production build', () => {
  it('references no other origin: no CDN, no font or script host', async () => {
    const text = (await files(path.join(ROOT, 'dist'))).filter((f) => /\.(js|mjs|html|css|json)$/.test(f));
    assert.ok(text.length > 3);
    const found = [];
    for (const file of text) {
      const body = await readFile(file, 'utf8');
      for (const [, host] of body.matchAll(/https?:\/\/([a-zA-Z0-9.-]+)/g)) {
        if (!allowed(file, host)) found.push(`${path.relative(ROOT, file)}: ${host}`);
      }
      for (const cdn of ['cdn.jsdelivr', 'unpkg.com', 'cdnjs', 'fonts.googleapis', 'extensions.duckdb.org']) {
        if (body.includes(cdn)) found.push(`${path.relative(ROOT, file)}: ${cdn}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('ships the engine and Parquet wasm with the app', async () => {
    const assets = await readdir(path.join(ROOT, 'dist/assets'));
    assert.ok(assets.some((a) => /^duckdb-eh-.*\.wasm$/.test(a)));
    assert.ok(assets.some((a) => /^parquet_wasm_bg-.*\.wasm$/.test(a)));
    assert.ok(assets.some((a) => /^duckdb-eh-.*\.wasm\.gz$/.test(a)), 'precompressed engine');
  });
});
