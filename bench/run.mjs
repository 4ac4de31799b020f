#!/usr/bin/env node
// `npm run bench`: the app's speed in headless Chromium, side by side with two references
// measured in the same run — the floor (bare DuckDB-WASM, hand-written SQL) and the naive way
// (PapaParse + JavaScript). Writes bench/results.json and bench/results.md and prints the table.
//   --quick        100 k rows only (the CI variant: keeps the harness from rotting)
//   --sizes=a,b    sizes to run (100k, 1m, 5m, 10m); default all four. 5m and 10m are
//                  measured from Parquet only (a CSV of that size is over half a gigabyte)
//   --no-build     use the existing dist/ and bench/dist-pages/
//   --ceiling      after the sizes, fill the engine up to its memory ceiling with the largest
//                  size's Parquet (loaded again under new names) and check what the app says
//                  and that it recovers; on by default when 10m is run
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { launch, foreignRequests } from '../tests/e2e/browser.mjs';
import { ensureData, PARQUET_ONLY, SIZES } from './generate.mjs';
import { formatReport } from './report.mjs';
import { analysisSteps, clearAnalysisMeasures, importSteps, medians, startMarks } from './breakdown.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizes = quick ? ['100k'] : (args.find((a) => a.startsWith('--sizes='))?.slice(8).split(',') ?? Object.keys(SIZES));
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s}; use ${Object.keys(SIZES).join(', ')}`);
const ceiling = !quick && (args.includes('--ceiling') || (sizes.includes('10m') && !args.includes('--no-ceiling')));
const REPEAT = quick ? 3 : 5;
/** After a table is listed, the engine counts as idle once nothing has run in it for this long
 *  and no autosave is waiting (the autosave starts 800 ms after the last change). */
const IDLE_QUIET_MS = 3000;
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
    // CONTRACT data-engine-busy: every change, timed; and when each table was first listed.
    window.__busyLog = [];
    window.__listedAt = {};
    new MutationObserver((records) => {
      // Each record holds the value before its change: the value after it is the next
      // record's old value (the last one's is the current value).
      const now = performance.now();
      records = records.filter((r) => r.target === document.documentElement);
      if (records.length === 0) return;
      const values = [...records.slice(1).map((r) => r.oldValue), document.documentElement.dataset.engineBusy];
      for (const v of values) {
        const n = Number(v ?? 0);
        if (window.__busyLog.at(-1)?.[1] !== n) window.__busyLog.push([now, n]);
      }
    }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-engine-busy'] });
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="table-item"][data-rows]')) window.__listedAt[el.dataset.table] ??= performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rows'] });
    // CONTRACT save-state: when each autosave started.
    window.__savesAt = [];
    new MutationObserver(() => {
      const state = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state');
      if (state === 'saving' && window.__saveState !== 'saving') window.__savesAt.push(performance.now());
      window.__saveState = state;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
  const page = await ctx.newPage();
  page.on('crash', () => log('the page crashed'));
  page.on('pageerror', (e) => log(`page error: ${e.stack ?? e}`));
  return { context: ctx, page };
}

async function openApp(search = '?empty') {
  const opened = await newPage();
  await opened.page.goto(`${APP}/${search}`);
  await opened.page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  return opened;
}

/** File drop → table listed with its row count (the import preview accepted as detected).
 *  Timed in the page, from before the file is set to the moment the table's item appears
 *  (`__listedAt`, a MutationObserver): a locator's wait polls at up to 500 ms intervals and
 *  would add up to half a second that no one using the app waits. */
async function appIngest(page, file, table) {
  await clearAnalysisMeasures(page);
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('[data-testid="file-input"]').setInputFiles(file);
  if (file.endsWith('.csv')) {
    await page.waitForFunction(() => document.querySelector('[data-testid="import-confirm"]'), null, { polling: 'raf', timeout: 120_000 });
    await page.locator('[data-testid="import-confirm"]').click();
  }
  await page.waitForFunction((t) => window.__listedAt[t] !== undefined, table, { polling: 100, timeout: 900_000 });
  const ms = (await page.evaluate((t) => window.__listedAt[t], table)) - t0;
  const rows = Number(await page.locator(`[data-testid="table-item"][data-table="${table}"]`).getAttribute('data-rows'));
  return { ms, rows, steps: await importSteps(page) };
}

/** After `table` was listed: how long until nothing runs in the engine's worker (semantic
 *  sync, pre-aggregates, autosave included). Waits until the engine has been idle for
 *  IDLE_QUIET_MS with no autosave pending, then reads the busy log back: the time from the
 *  listing to the engine's last return to idle (0 when it was idle from the listing on). */
async function idleAfterImport(page, table) {
  await page.waitForFunction(
    ({ quiet }) => {
      const last = window.__busyLog.at(-1);
      const idleSince = !last ? 0 : last[1] === 0 ? last[0] : null;
      const save = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state');
      return idleSince !== null && performance.now() - idleSince >= quiet && save !== 'pending' && save !== 'saving';
    },
    { quiet: IDLE_QUIET_MS },
    { timeout: 1_800_000, polling: 200 },
  );
  return page.evaluate(
    ({ table, quiet }) => {
      const listed = window.__listedAt[table];
      const log = window.__busyLog;
      const after = log.filter(([t]) => t >= listed);
      const before = log.filter(([t]) => t < listed).at(-1);
      const lastIdle = after.filter(([, n]) => n === 0).at(-1);
      const busyAtListing = before ? before[1] : 0;
      // Requests started after the listing, and the longest stretch the engine stayed busy.
      let started = 0;
      let prev = busyAtListing;
      for (const [, n] of after) {
        if (n > prev) started += n - prev;
        prev = n;
      }
      const save = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') ?? null;
      // Without the autosave: when the engine was last idle before the first save began.
      const saveAt = window.__savesAt.find((t) => t >= listed);
      const idleBeforeSave = saveAt === undefined ? null : after.filter(([t, n]) => n === 0 && t <= saveAt).at(-1);
      return {
        ms: lastIdle ? lastIdle[0] - listed : 0,
        busyAtListing,
        requestsAfterListing: started,
        quietMs: quiet,
        saveState: save,
        autosaveStartedMs: saveAt === undefined ? null : saveAt - listed,
        idleBeforeAutosaveMs: saveAt === undefined ? null : idleBeforeSave ? idleBeforeSave[0] - listed : 0,
      };
    },
    { table, quiet: IDLE_QUIET_MS },
  );
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
async function timeView(page, view, other, firsts, steps) {
  const times = [];
  const parts = [];
  for (let i = 0; i < REPEAT; i++) {
    await setControl(page, 'analysis-view', other);
    await clearAnalysisMeasures(page);
    const ms = await timedChange(page, 'analysis-view', view);
    times.push(ms);
    // Where the time went: the query layer's answer, the sort on the page, the rest (drawing).
    const { query, sort } = await analysisSteps(page);
    parts.push({ query, sort, rest: query === null || sort === null ? null : Math.max(0, ms - query - sort) });
  }
  firsts[view] = times[0];
  steps[view] = { ...medians(parts), first: parts[0] };
  return median(times);
}

/** Starts recording the longest main-thread task from now on, and what the longest frame
 *  over 50 ms was made of (Long Animation Frames: the scripts that ran in it, by what called
 *  them, and the style, layout and paint after them). */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__longest = 0;
    window.__longestFrame = null;
    if (window.__longObserver) return;
    window.__longObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    });
    window.__longObserver.observe({ type: 'longtask' });
    window.__frameObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration <= 50 || e.duration <= (window.__longestFrame?.ms ?? 0)) continue;
        const end = e.startTime + e.duration;
        window.__longestFrame = {
          ms: e.duration,
          scripts: e.scripts.map((s) => ({ ms: s.duration, by: s.invoker, fn: s.sourceFunctionName, file: (s.sourceURL || '').split('/').pop(), layoutMs: s.forcedStyleAndLayoutDuration })),
          styleAndLayoutMs: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
          renderMs: e.renderStart ? end - e.renderStart : 0,
        };
      }
    });
    window.__frameObserver.observe({ type: 'long-animation-frame' });
  });

const longestFrame = (page) => page.evaluate(() => window.__longestFrame);

async function appQueries(page, table) {
  await page.locator('[data-testid="tab-analyses"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 600_000 });
  await setControl(page, 'analysis-table', table);
  const out = { first: {}, steps: {} };
  out.change = await timeView(page, 'change', 'byUnit', out.first, out.steps);
  await setControl(page, 'analysis-kind', 'classification');
  out.distribution = await timeView(page, 'distribution', 'levelChange', out.first, out.steps);
  await setControl(page, 'analysis-kind', 'reception');
  await setControl(page, 'analysis-view', 'top');
  await setControl(page, 'analysis-measure', 'Số người');
  await setControl(page, 'analysis-year-from', 2024);
  await setControl(page, 'analysis-year-to', 2024);
  out.top = await timeView(page, 'top', 'bySubject', out.first, out.steps);

  // Interaction: a filter change on a charted view (the classification distribution, which
  // stays one bar per year at any size), until the chart is drawn again.
  await setControl(page, 'analysis-kind', 'classification');
  await setControl(page, 'analysis-view', 'distribution');
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-chart"] svg'), null, { timeout: 600_000 });
  await watchLongTasks(page);
  const times = [];
  for (let i = 0; i < INTERACTIONS; i++) times.push(await timedChange(page, 'analysis-year-from', i % 2 ? 2020 : 2021, 'chart'));
  out.interaction = { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, times, longestTaskMs: await page.evaluate(() => window.__longest), longestFrame: await longestFrame(page) };
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
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, times, longestTaskMs: longestTask, longestFrame: await longestFrame(page) };
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

/** Runs `sql` in the SQL tab: its state, time, first value and the messages it raised. */
async function sqlStep(page, sql, timeout = 600_000) {
  if (!(await page.locator('[data-testid="sql-editor"]').isVisible())) await page.locator('[data-testid="tab-sql"]').click();
  const editor = page.locator('[data-testid="sql-editor"]');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Escape');
  const alertsBefore = await page.locator('[role="alert"][data-testid="error"]').count();
  const t0 = performance.now();
  await page.evaluate(() => {
    window.__sawRun = false;
    const el = document.querySelector('[data-testid="query-result"]');
    new MutationObserver((records, observer) => {
      if (el.getAttribute('data-state') === 'running' || records.some((r) => r.oldValue === 'running')) {
        window.__sawRun = true;
        observer.disconnect();
      }
    }).observe(el, { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });
  });
  await page.locator('[data-testid="run-query"]').click();
  await page.waitForFunction(() => window.__sawRun && document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state') !== 'running', null, { timeout, polling: 100 });
  const ms = performance.now() - t0;
  const state = await page.locator('[data-testid="query-result"]').getAttribute('data-state');
  const value = state === 'ok' ? await page.locator('[data-testid="query-result"] td[data-value]').first().getAttribute('data-value', { timeout: 5000 }).catch(() => null) : null;
  const messages = (await page.locator('[role="alert"][data-testid="error"]').allTextContents()).slice(alertsBefore).map((m) => m.replace(/\s*×\s*$/, '').trim());
  return { state, ms, value, messages };
}

/** The 4 GB ceiling: a hidden table of incompressible text grows by 10 M rows a step until the
 *  engine is full (each step a query of the person's; the last one fails), then the largest
 *  size's Parquet is opened once more. Records what the app said each time, whether the engine
 *  still answers, and whether anything open was lost; then frees the memory and checks again. */
async function memoryCeiling(page, d, table) {
  const out = { fill: [], crashed: false };
  let crashed = false;
  page.once('crash', () => (crashed = true));
  const lost = () => page.evaluate(() => [...document.querySelectorAll('[role="alert"]')].some((a) => /Bộ máy dữ liệu đã dừng/.test(a.textContent)));
  const tablesNow = () => page.locator('[data-testid="table-item"][data-rows]').evaluateAll((items) => Object.fromEntries(items.map((i) => [i.dataset.table, Number(i.dataset.rows)])));
  try {
    out.limit = (await sqlStep(page, `SELECT current_setting('memory_limit') AS l`)).value;
    out.tablesBefore = await tablesNow();
    await sqlStep(page, 'CREATE TABLE __ballast (s VARCHAR)');
    const STEP = 10_000_000;
    for (let k = 0; k < 12; k++) {
      const step = await sqlStep(page, `INSERT INTO __ballast SELECT md5(i::VARCHAR) || md5((i * 7)::VARCHAR) FROM range(${k * STEP}, ${(k + 1) * STEP}) t(i)`);
      const used = Number((await sqlStep(page, 'SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()')).value);
      out.fill.push({ ms: step.ms, state: step.state, usedBytes: used });
      if (step.state !== 'ok') {
        out.query = { ms: step.ms, messages: step.messages, engineLost: await lost() };
        break;
      }
    }
    const after = await sqlStep(page, `SELECT count(*) AS n FROM "${table}"`);
    out.queryRecovery = { state: after.state, ms: after.ms, rows: Number(after.value), engineLost: await lost() };

    // The Parquet opened again at the ceiling.
    const alertsBefore = await page.locator('[role="alert"][data-testid="error"]').count();
    const t0 = performance.now();
    await page.locator('[data-testid="file-input"]').setInputFiles(d.parquet);
    const outcome = await Promise.race([
      page.locator(`[data-testid="table-item"][data-table="${table}_2"][data-rows]`).waitFor({ timeout: 900_000 }).then(() => 'loaded'),
      page.waitForFunction((n) => document.querySelectorAll('[role="alert"][data-testid="error"]').length > n && !document.querySelector('[role="progressbar"]'), alertsBefore, { timeout: 900_000, polling: 250 }).then(() => 'refused'),
    ]);
    out.import = { outcome, ms: performance.now() - t0, messages: (await page.locator('[role="alert"][data-testid="error"]').allTextContents()).slice(alertsBefore).map((m) => m.replace(/\s*×\s*$/, '').trim()), engineLost: await lost() };
    const check = await sqlStep(page, `SELECT count(*) AS n FROM "${table}"`);
    out.importRecovery = { state: check.state, ms: check.ms, rows: Number(check.value) };
    out.tablesAfter = await tablesNow();
    out.nothingLost = Object.entries(out.tablesBefore).every(([t, n]) => out.tablesAfter[t] === n);

    // Memory freed: the engine takes the file again.
    const drop = await sqlStep(page, 'DROP TABLE __ballast');
    out.freed = { state: drop.state, usedBytes: Number((await sqlStep(page, 'SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()')).value) };
    if (outcome !== 'loaded') {
      const t1 = performance.now();
      const alertsNow = await page.locator('[role="alert"][data-testid="error"]').count();
      await page.locator('[data-testid="file-input"]').setInputFiles(d.parquet);
      const again = await Promise.race([
        page.locator(`[data-testid="table-item"][data-table="${table}_2"][data-rows]`).waitFor({ timeout: 300_000 }).then(() => 'loaded'),
        page.waitForFunction((n) => document.querySelectorAll('[role="alert"][data-testid="error"]').length > n && !document.querySelector('[role="progressbar"]'), alertsNow, { timeout: 300_000, polling: 250 }).then(() => 'refused'),
      ]).catch(() => 'no answer within 5 min');
      const messages = (await page.locator('[role="alert"][data-testid="error"]').allTextContents()).slice(alertsNow).map((m) => m.replace(/\s*×\s*$/, '').trim());
      out.importAfterFreeing = { outcome: again, ms: performance.now() - t1, rows: (await tablesNow())[`${table}_2`] ?? null, messages };
    }
    out.outcome = out.import.engineLost ? 'engine lost and restarted' : out.import.outcome === 'refused' ? 'import refused with a message; engine kept' : 'import loaded';
  } catch (error) {
    out.crashed = crashed;
    out.error = String(error).split('\n')[0];
    out.outcome = crashed ? 'the tab crashed' : `failed: ${out.error}`;
  }
  return out;
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
    // Timed in the page, like the app's import.
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('#file').setInputFiles(file);
    const { rows, at } = await page.evaluate(async (f) => ({ rows: await (f === 'csv' ? window.bench.ingestCsv() : window.bench.ingestParquet()), at: performance.now() }), format);
    const ingest = { ms: at - t0, rows };
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
  const marks = [];
  for (let i = 0; i < REPEAT; i++) {
    const { context, page } = await newPage();
    await page.goto(`${APP}/`);
    await page.waitForFunction(() => window.__readyAt, null, { timeout: 120_000 });
    cold.push(await page.evaluate(() => window.__readyAt));
    // The semantic sync runs after the page is ready: its end is read once it is there.
    await page
      .waitForFunction(
        () => {
          const query = performance.getEntriesByName('sdv:open:query', 'measure')[0];
          const sync = performance.getEntriesByName('sdv:semantics:sync', 'measure')[0];
          return query && sync && sync.startTime >= query.startTime + query.duration;
        },
        null,
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    marks.push(await startMarks(page));
    await page.reload();
    await page.waitForFunction(() => window.__readyAt, null, { timeout: 120_000 });
    warm.push(await page.evaluate(() => window.__readyAt));
    await context.close();
  }
  // The bare engine on its own page (no app): how much of the start DuckDB-WASM alone takes here.
  const floor = [];
  for (let i = 0; i < REPEAT; i++) {
    const { context, page } = await newPage();
    await page.goto(`${PAGES}/floor.html`);
    await page.waitForFunction(() => window.bench, null, { timeout: 60_000 });
    floor.push(await page.evaluate(async () => (await window.bench.start(), performance.now())));
    await context.close();
  }
  return { cold: median(cold), warm: median(warm), coldSteps: medians(marks), floorEngineOpen: median(floor) };
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
    const parquetOnly = PARQUET_ONLY.has(size);
    const r = { rows: d.rows, csvBytes: d.csvBytes, parquetBytes: d.parquetBytes, ingest: {}, queries: {}, parquetOnly };
    results.sizes[size] = r;

    // The analyses, the dashboard and the memory are measured on the table of the first import:
    // the CSV, or the Parquet at the sizes measured from Parquet only.
    log(`${size}: app, ${parquetOnly ? 'Parquet' : 'CSV'}`);
    let opened = await openApp();
    r.ingest.app = parquetOnly ? { parquet: await appIngest(opened.page, d.parquet, table) } : { csv: await appIngest(opened.page, d.csv, table) };
    r.idle = { ...(await idleAfterImport(opened.page, table)), after: parquetOnly ? 'parquet' : 'csv' };
    log(`${size}: engine idle ${Math.round(r.idle.ms)} ms after the table was listed`);
    const q = await appQueries(opened.page, table);
    r.interaction = q.interaction;
    r.queries.app = { change: q.change, distribution: q.distribution, top: q.top };
    r.queries.appFirst = q.first;
    r.queries.appSteps = q.steps;
    log(`${size}: app, dashboard of six blocks`);
    r.dashboard = await appDashboard(opened.page);
    r.memory = await engineMemory(opened.page);
    if (ceiling && size === sizes.at(-1)) {
      log(`${size}: memory ceiling`);
      results.ceiling = { size, ...(await memoryCeiling(opened.page, d, table)) };
      log(`${size}: ceiling: ${results.ceiling.outcome}`);
    }
    await opened.context.close();

    if (!parquetOnly) {
      log(`${size}: app, Parquet`);
      opened = await openApp();
      r.ingest.app.parquet = await appIngest(opened.page, d.parquet, table);
      await opened.context.close();
    }

    log(`${size}: floor`);
    const floorParquet = await reference('floor', d.parquet, 'parquet');
    r.ingest.floor = { parquet: floorParquet.ingest };
    if (parquetOnly) {
      r.queries.floor = floorParquet.queries;
      results.skipped.push({ size, what: 'CSV ingest (app and floor)', why: `measured from Parquet only: a CSV of ${size} rows is over half a gigabyte; the analyses, dashboard and memory are measured on the table imported from Parquet` });
    } else {
      const floorCsv = await reference('floor', d.csv, 'csv');
      r.ingest.floor.csv = floorCsv.ingest;
      r.queries.floor = floorCsv.queries;
    }

    if (d.rows <= NAIVE_MAX_ROWS && !parquetOnly) {
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
