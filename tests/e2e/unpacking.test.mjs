// Unpacking never freezes the page (issue "A shared workbook is data…", part 5): an .xlsx that
// declares far more than any report and a .csv.gz bomb each end in a message naming the file,
// within seconds, with the page answering throughout and the tables already open kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import { declareUnpackedSize } from '../helpers/zip-sizes.mjs';
import { zipBomb } from '../helpers/zip-bomb.mjs';
import { alerts, fixture, tables, useApp } from './harness.mjs';

const app = useApp();

/** About 1.1 GB of CSV text gzipped to about 1 MB, made in pieces. */
async function gzipBomb() {
  const gzip = createGzip({ level: 9 });
  const out = [];
  gzip.on('data', (c) => out.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const line = Buffer.from('0;0;0;0;0;0;0;0\n'.repeat(1024 * 1024));
  for (let i = 0; i < 70; i++) if (!gzip.write(line)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(out);
}

/** The longest pause of the page's event loop while `action` runs (a frozen tab: seconds). */
async function longestPause(page, action) {
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    window.__ticker = setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
    }, 20);
  });
  await action();
  return page.evaluate(() => {
    clearInterval(window.__ticker);
    return window.__gap;
  });
}

describe('unpacking', () => {
  it('a spreadsheet declaring gigabytes and a gzip bomb end in messages; the page answers', async () => {
    const { page } = await app.open();
    const before = await tables(page);
    const xlsx = declareUnpackedSize(new Uint8Array(await readFile(fixture('tests/fixtures/reports/Tiếp công dân 2025 - theo khối.xlsx'))), 'xl/worksheets/sheet2.xml', 0xf0000000);
    const gz = await gzipBomb();
    assert.ok(gz.length < 5 * 1024 * 1024);
    const pause = await longestPause(page, async () => {
      const started = Date.now();
      await page.locator('[data-testid="file-input"]').setInputFiles([
        { name: 'Báo cáo khổng lồ.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(xlsx) },
        { name: 'Xuất hệ thống.csv.gz', mimeType: 'application/gzip', buffer: gz },
      ]);
      await page.waitForFunction(() => document.querySelectorAll('[role="alert"][data-testid="error"]').length >= 2, null, { timeout: 30_000 });
      assert.ok(Date.now() - started < 30_000);
    });
    const messages = await alerts(page);
    for (const name of ['Báo cáo khổng lồ.xlsx', 'Xuất hệ thống.csv.gz']) {
      assert.ok(messages.some((m) => m.includes(name) && /quá lớn/.test(m)), `a message names ${name}: ${messages.join(' | ')}`);
    }
    // A freeze detector, not a speed test (these machines are noisy): unpacking on the page's own
    // thread stopped it for 2.5 s to over a minute; off it, the page keeps answering.
    assert.ok(pause < 1500, `the page paused ${Math.round(pause)} ms`);
    assert.deepEqual(await tables(page), before);
  });
});

describe('unpacking what lies about its size', () => {
  it('an .xlsx whose headers understate a 2 GB sheet ends in a message within seconds; the workbook is kept', async () => {
    const { page } = await app.open();
    const before = await tables(page);
    const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
    const bomb = await zipBomb({ '[Content_Types].xml': types }, 'xl/worksheets/sheet1.xml');
    const started = Date.now();
    await page.locator('[data-testid="file-input"]').setInputFiles([{ name: 'Báo cáo nói dối.xlsx', mimeType: 'application/octet-stream', buffer: bomb }]);
    await page.waitForFunction(() => [...document.querySelectorAll('[role="alert"][data-testid="error"]')].some((e) => e.textContent.includes('Báo cáo nói dối.xlsx')), null, { timeout: 30_000 });
    const took = Date.now() - started;
    const message = (await alerts(page)).find((m) => m.includes('Báo cáo nói dối.xlsx'));
    assert.match(message, /quá lớn/);
    assert.ok(took < 10_000, `the message came after ${took} ms`);
    assert.deepEqual(await tables(page), before);
  });
});

describe('unpacking a workbook file', () => {
  it('a 2 MB workbook bomb whose headers understate it ends in a message within seconds; the page answers; the workbook is kept', async () => {
    const { page } = await app.open();
    const before = await tables(page);
    const manifest = { format: 'so-dan-van/workbook', version: 1, savedAt: '', viewOnly: false, tables: [{ name: 'bom', rows: 1, files: ['tables/bom/0000.parquet'] }], semantics: null, presets: {}, sql: '', dashboard: { pages: [] }, choices: {} };
    const bomb = await zipBomb({ 'workbook.json': JSON.stringify(manifest) }, 'tables/bom/0000.parquet');
    assert.ok(bomb.length > 1024 * 1024 && bomb.length < 3 * 1024 * 1024, `${bomb.length} bytes`);
    let took = 0;
    const pause = await longestPause(page, async () => {
      const started = Date.now();
      await page.locator('[data-testid="file-input"]').setInputFiles([{ name: 'Sổ chia sẻ.sdv', mimeType: 'application/zip', buffer: bomb }]);
      // Handing 2 MB to the page through the test driver itself holds the page ~0.3 s (measured
      // on a loose file input): the app's own part is measured from here.
      await page.evaluate(() => (window.__gap = 0));
      await page.waitForFunction(() => [...document.querySelectorAll('[role="alert"][data-testid="error"]')].some((e) => e.textContent.includes('Sổ chia sẻ.sdv')), null, { timeout: 30_000 });
      took = Date.now() - started;
    });
    const message = (await alerts(page)).find((m) => m.includes('Sổ chia sẻ.sdv'));
    assert.match(message, /quá lớn/);
    assert.match(message, /hãy/);
    console.log(`workbook bomb: message after ${took} ms, longest pause ${Math.round(pause)} ms`);
    assert.ok(took < 10_000, `the message came after ${took} ms`);
    // 200 ms is the aim; the margin is for a loaded machine (unpacked on the page: seconds).
    assert.ok(pause < 400, `the page paused ${Math.round(pause)} ms`);
    assert.deepEqual(await tables(page), before);
  });
});
