#!/usr/bin/env node
// `npm run bench`: the app's speed in headless Chromium, side by side with two references
// measured in the same run — the floor (bare DuckDB-WASM, hand-written SQL) and the naive way
// (PapaParse + JavaScript). Writes bench/results.json and bench/results.md and prints the table.
//   --quick        100 k rows only (the CI variant: keeps the harness from rotting)
//   --sizes=a,b    sizes to run (100k, 1m, 5m); default all three
//   --no-build     use the existing dist/ and bench/dist-pages/
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { launch, foreignRequests } from '../tests/e2e/browser.mjs';
import { ensureData, SIZES } from './generate.mjs';
import { formatReport } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizes = quick ? ['100k'] : (args.find((a) => a.startsWith('--sizes='))?.slice(8).split(',') ?? Object.keys(SIZES));
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s}; use ${Object.keys(SIZES).join(', ')}`);
const REPEAT = quick ? 3 : 5;
const INTERACTIONS = quick ? 6 : 20;
/** PapaParse keeps every row as a JavaScript object: above this the tab runs out of heap. */
const NAIVE_MAX_ROWS = 1_000_000;

const started = Date.now();
const log = (...m) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...m);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

if (!args.includes('--no-build')) {
  log('building the app and the reference pages');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}

log(`data: ${sizes.join(', ')}`);
const data = await ensureData(path.join(HERE, 'data'), sizes);

const appServer = await startServer({ port: 0 });
const pageServer = await startServer({ port: 0, root: path.join(HERE, 'dist-pages') });
const APP = `http://127.0.0.1:${appServer.address().port}`;
const PAGES = `http://127.0.0.1:${pageServer.address().port}`;
const browser = await launch();
const requests = [];

/** A fresh page; `__readyAt` records when the app says it is ready (CONTRACT data-ready). */
async function newPage(context) {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1400, height: 1000 } }));
  ctx.on('request', (r) => requests.push(r.url()));
  await ctx.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement.dataset.ready === 'true' && !window.__readyAt) window.__readyAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  const page = await ctx.newPage();
  page.on('crash', () => log('the page crashed'));
  page.on('pageerror', (e) => log(`page error: ${e}`));
  return { context: ctx, page };
}

async function openApp(search = '?empty') {
  const opened = await newPage();
  await opened.page.goto(`${APP}/${search}`);
  await opened.page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  return opened;
}

/** File drop → table listed with its row count (the import preview accepted as detected). */
async function appIngest(page, file, table) {
  const t0 = performance.now();
  await page.locator('[data-testid="file-input"]').setInputFiles(file);
  if (file.endsWith('.csv')) {
    await page.locator('[data-testid="import-confirm"]').click({ timeout: 120_000 });
  }
  await page.locator(`[data-testid="table-item"][data-table="${table}"][data-rows]`).waitFor({ timeout: 900_000 });
  const ms = performance.now() - t0;
  const rows = Number(await page.locator(`[data-testid="table-item"][data-table="${table}"]`).getAttribute('data-rows'));
  return { ms, rows };
}

/** Changes one analysis control inside the page and times it there: until the result is in
 *  (`until: 'result'`) or until its chart is drawn (`until: 'chart'`). */
function timedChange(page, testid, value, until = 'result') {
  return page.evaluate(
    ({ testid, value, until }) =>
      new Promise((resolve, reject) => {
        const control = document.querySelector(`[data-testid="${testid}"]`);
        const host = () => document.querySelector('[data-testid="analysis-chart"]');
        const before = host()?.firstElementChild ?? null;
        let running = false;
        const t0 = performance.now();
        const check = () => {
          const state = document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state');
          if (state === 'running') running = true;
          if (state === 'error') return finish(new Error(`analysis failed after ${testid}=${value}`));
          if (!running || state !== 'ok') return;
          if (until === 'chart' && (host()?.firstElementChild ?? before) === before) return;
          finish(null);
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => finish(new Error(`timeout after ${testid}=${value}`)), 600_000);
        function finish(error) {
          observer.disconnect();
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(performance.now() - t0);
        }
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        control.value = String(value);
        control.dispatchEvent(new Event('change', { bubbles: true }));
        check();
      }),
    { testid, value, until },
  );
}

/** Sets a control without timing (and waits for its result). */
async function setControl(page, testid, value) {
  await page.locator(`[data-testid="${testid}"]`).selectOption(String(value));
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 600_000 });
}

/** The same analysis run `REPEAT` times, each time reached from `other` view: the first
 *  time (nothing of it kept yet but what a sibling view built) and the median. */
async function timeView(page, view, other, firsts) {
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    await setControl(page, 'analysis-view', other);
    times.push(await timedChange(page, 'analysis-view', view));
  }
  firsts[view] = times[0];
  return median(times);
}

/** Starts recording the longest main-thread task from now on. */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__longest = 0;
    if (window.__longObserver) return;
    window.__longObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    });
    window.__longObserver.observe({ type: 'longtask' });
  });

async function appQueries(page, table) {
  await page.locator('[data-testid="tab-analyses"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 600_000 });
  await setControl(page, 'analysis-table', table);
  const out = { first: {} };
  out.change = await timeView(page, 'change', 'byUnit', out.first);
  await setControl(page, 'analysis-kind', 'classification');
  out.distribution = await timeView(page, 'distribution', 'levelChange', out.first);
  await setControl(page, 'analysis-kind', 'reception');
  await setControl(page, 'analysis-view', 'top');
  await setControl(page, 'analysis-measure', 'Số người');
  await setControl(page, 'analysis-year-from', 2024);
  await setControl(page, 'analysis-year-to', 2024);
  out.top = await timeView(page, 'top', 'bySubject', out.first);

  // Interaction: a filter change on a charted view (the classification distribution, which
  // stays one bar per year at any size), until the chart is drawn again.
  await setControl(page, 'analysis-kind', 'classification');
  await setControl(page, 'analysis-view', 'distribution');
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-chart"] svg'), null, { timeout: 600_000 });
  await watchLongTasks(page);
  const times = [];
  for (let i = 0; i < INTERACTIONS; i++) times.push(await timedChange(page, 'analysis-year-from', i % 2 ? 2020 : 2021, 'chart'));
  out.interaction = { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, longestTaskMs: await page.evaluate(() => window.__longest) };
  return out;
}

/** Interaction on a dashboard: six blocks of analyses of the table on one page; a change of
 *  the page's *Từ năm* until every block has run again and drawn; and the longest main-thread
 *  task meanwhile (a long one is a frozen page). */
async function appDashboard(page) {
  await setControl(page, 'analysis-year-from', '');
  await setControl(page, 'analysis-year-to', '');
  const add = (testid = 'analysis-add-block') => page.locator(`[data-testid="${testid}"]`).click();
  await setControl(page, 'analysis-kind', 'classification');
  for (const view of ['distribution', 'distributionPct', 'score']) {
    await setControl(page, 'analysis-view', view);
    await add();
  }
  await setControl(page, 'analysis-kind', 'models');
  await setControl(page, 'analysis-view', 'byField');
  await add();
  await add('analysis-add-kpi');
  await setControl(page, 'analysis-kind', 'reception');
  await setControl(page, 'analysis-view', 'top');
  await add();
  await page.locator('[data-testid="tab-dashboard"]').click();
  const allDrawn = () => {
    const blocks = [...document.querySelectorAll('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]')];
    return blocks.length === 6 && blocks.every((b) => b.dataset.state === 'ok');
  };
  await page.waitForFunction(allDrawn, null, { timeout: 600_000 });
  await watchLongTasks(page);
  const times = [];
  for (let i = 0; i < INTERACTIONS; i++) {
    times.push(
      await page.evaluate(
        (year) =>
          new Promise((resolve, reject) => {
            const blocks = () => [...document.querySelectorAll('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]')];
            const reran = new Set();
            const t0 = performance.now();
            const check = () => {
              for (const b of blocks()) if (b.dataset.state === 'running') reran.add(b.dataset.blockId);
              if (reran.size === 6 && blocks().every((b) => b.dataset.state === 'ok')) finish(null);
              else if (blocks().some((b) => b.dataset.state === 'error')) finish(new Error('a block failed'));
            };
            const observer = new MutationObserver(check);
            const timer = setTimeout(() => finish(new Error('timeout')), 600_000);
            function finish(error) {
              observer.disconnect();
              clearTimeout(timer);
              if (error) reject(error);
              else resolve(performance.now() - t0);
            }
            observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
            const control = document.querySelector('[data-testid="page-year-from"]');
            control.value = String(year);
            control.dispatchEvent(new Event('change', { bubbles: true }));
          }),
        i % 2 ? 2020 : 2021,
      ),
    );
  }
  const longestTask = await page.evaluate(() => window.__longest);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, longestTaskMs: longestTask };
}

async function engineMemory(page) {
  await page.locator('[data-testid="tab-sql"]').click();
  const editor = page.locator('[data-testid="sql-editor"]');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="run-query"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="query-result"] td[data-value]'), null, { timeout: 60_000 });
  const engine = Number(await page.locator('[data-testid="query-result"] td[data-value]').first().getAttribute('data-value'));
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  return { engineBytes: engine, jsHeapBytes: heap };
}

const FLOOR_SQL = {
  change: `WITH a AS (SELECT "Đơn vị" AS u, "Năm" AS y, sum("Số mô hình") AS v FROM t GROUP BY ALL) SELECT a.u, a.y, a.v, p.v AS prev, a.v - p.v AS change FROM a LEFT JOIN a AS p ON p.u = a.u AND p.y = a.y - 1 ORDER BY a.y, a.u`,
  distribution: `SELECT "Năm", "Xếp loại", count(*) AS n, sum(count(*)) OVER (PARTITION BY "Năm") AS total FROM t GROUP BY 1, 2 ORDER BY 1, 2`,
  top: `SELECT "Năm", "Đơn vị", sum("Số người") AS nguoi, sum("Lượt tiếp") AS luot FROM t WHERE "Năm" = 2024 GROUP BY ALL ORDER BY nguoi DESC LIMIT 10`,
};

/** A reference page (floor or naive): ingest by its own means, then the same three questions. */
async function reference(kind, file, format) {
  const { context, page } = await newPage();
  try {
    await page.goto(`${PAGES}/${kind}.html`);
    await page.waitForFunction(() => window.bench, null, { timeout: 60_000 });
    await page.evaluate(() => window.bench.start());
    const t0 = performance.now();
    await page.locator('#file').setInputFiles(file);
    const rows = await page.evaluate((f) => (f === 'csv' ? window.bench.ingestCsv() : window.bench.ingestParquet()), format);
    const ingest = { ms: performance.now() - t0, rows };
    const queries = {};
    for (const [name, sql] of Object.entries(FLOOR_SQL)) {
      const times = [];
      for (let i = 0; i < REPEAT; i++) times.push((await page.evaluate(([k, n, s]) => window.bench.query(k === 'floor' ? s : n), [kind, name, sql])).ms);
      queries[name] = median(times);
    }
    return { ingest, queries };
  } finally {
    await context.close();
  }
}

async function startTimes() {
  const cold = [];
  const warm = [];
  for (let i = 0; i < REPEAT; i++) {
    const { context, page } = await newPage();
    await page.goto(`${APP}/`);
    await page.waitForFunction(() => window.__readyAt, null, { timeout: 120_000 });
    cold.push(await page.evaluate(() => window.__readyAt));
    await page.reload();
    await page.waitForFunction(() => window.__readyAt, null, { timeout: 120_000 });
    warm.push(await page.evaluate(() => window.__readyAt));
    await context.close();
  }
  return { cold: median(cold), warm: median(warm) };
}

async function sizes_() {
  const html = readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  const gz = (rel) => {
    const file = path.join(ROOT, 'dist', rel.replace(/^\//, ''));
    return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : statSync(file).size;
  };
  const { context, page } = await newPage();
  let transferred = 0;
  page.on('requestfinished', async (r) => {
    const s = await r.sizes().catch(() => null);
    if (s) transferred += s.responseBodySize + s.responseHeadersSize;
  });
  await page.goto(`${APP}/`);
  await page.waitForFunction(() => window.__readyAt, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  await context.close();
  return { initialJsGzipBytes: initial.reduce((a, f) => a + gz(f), 0), initialJsFiles: initial, firstLoadTransferredBytes: transferred };
}

const results = {
  date: new Date().toISOString(),
  quick,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: browser.version(), platform: `${os.platform()} ${os.release()}` },
  skipped: [],
  sizes: {},
};

try {
  log('start: cold and warm');
  results.start = await startTimes();
  results.size = await sizes_();
  for (const size of sizes) {
    const d = data[size];
    const table = `bao_cao_${size}`;
    const r = { rows: d.rows, csvBytes: d.csvBytes, parquetBytes: d.parquetBytes, ingest: {}, queries: {} };
    results.sizes[size] = r;

    log(`${size}: app, CSV`);
    let opened = await openApp();
    r.ingest.app = { csv: await appIngest(opened.page, d.csv, table) };
    const q = await appQueries(opened.page, table);
    r.interaction = q.interaction;
    r.queries.app = { change: q.change, distribution: q.distribution, top: q.top };
    r.queries.appFirst = q.first;
    log(`${size}: app, dashboard of six blocks`);
    r.dashboard = await appDashboard(opened.page);
    r.memory = await engineMemory(opened.page);
    await opened.context.close();

    log(`${size}: app, Parquet`);
    opened = await openApp();
    r.ingest.app.parquet = await appIngest(opened.page, d.parquet, table);
    await opened.context.close();

    log(`${size}: floor`);
    const floorCsv = await reference('floor', d.csv, 'csv');
    const floorParquet = await reference('floor', d.parquet, 'parquet');
    r.ingest.floor = { csv: floorCsv.ingest, parquet: floorParquet.ingest };
    r.queries.floor = floorCsv.queries;

    if (d.rows <= NAIVE_MAX_ROWS) {
      log(`${size}: naive`);
      const naive = await reference('naive', d.csv, 'csv');
      r.ingest.naive = { csv: naive.ingest };
      r.queries.naive = naive.queries;
    } else {
      results.skipped.push({ size, what: 'naive (PapaParse + JavaScript)', why: `PapaParse keeps every row as a JavaScript object; ${size} rows would need several GB of heap in one tab` });
    }
    for (const [name, v] of Object.entries(r.ingest)) for (const [fmt, x] of Object.entries(v)) if (x.rows !== d.rows) throw new Error(`${name} ${fmt} ${size}: ${x.rows} rows, expected ${d.rows}`);
  }
  for (const size of Object.keys(SIZES)) if (!sizes.includes(size)) results.skipped.push({ size, what: 'every measurement', why: quick ? 'quick run (--quick)' : 'not asked for (--sizes)' });
} finally {
  await browser.close();
  appServer.close();
  pageServer.close();
}

const foreign = foreignRequests(requests, APP).filter((u) => !u.startsWith(PAGES + '/'));
if (foreign.length > 0) throw new Error(`requests left the origin: ${foreign.join(', ')}`);

const report = formatReport(results);
await mkdir(HERE, { recursive: true });
const stem = quick ? 'results-quick' : 'results';
await writeFile(path.join(HERE, `${stem}.json`), JSON.stringify(results, null, 2) + '\n');
await writeFile(path.join(HERE, `${stem}.md`), report);
console.log('\n' + report);
log(`done; wrote bench/${stem}.json and bench/${stem}.md`);
