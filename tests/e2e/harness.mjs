// Shared set-up for the end-to-end tests: the production build served by our own static
// server on a free port, a real headless Chromium, and helpers that drive the app only
// through the CONTRACT.md hooks.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { startServer } from '../../scripts/serve.mjs';
import { foreignRequests, launch, openPage } from './browser.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (...p) => path.join(ROOT, ...p);

/** Starts server and browser for one test file; every page opened through `open` has its
 *  requests checked at the end: none may leave the app's origin. */
export function useApp() {
  const state = { origin: '', browser: null, server: null, pages: [] };
  before(async () => {
    if (!existsSync(path.join(ROOT, 'dist/index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
    state.server = await startServer({ port: 0 });
    state.origin = `http://127.0.0.1:${state.server.address().port}`;
    state.browser = await launch();
  });
  after(async () => {
    try {
      for (const p of state.pages) assert.deepEqual(foreignRequests(p.requests, state.origin), [], 'a request left the origin');
    } finally {
      await state.browser?.close();
      state.server?.close();
    }
  });
  return {
    get origin() {
      return state.origin;
    },
    get browser() {
      return state.browser;
    },
    /** Opens the app at `search` (e.g. '?empty') and waits for data-ready. */
    async open(search = '', { init, ...options } = {}) {
      const opened = await openPage(state.browser, options);
      // `init`: a script run in the page before the app, e.g. to make browser storage fail.
      if (init) await opened.context.addInitScript(init);
      state.pages.push(opened);
      await opened.page.goto(`${state.origin}/${search}`);
      await waitReady(opened.page);
      return opened;
    },
  };
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
}

export async function tables(page) {
  return page.locator('[data-testid="table-item"]').evaluateAll((items) =>
    Object.fromEntries(items.map((i) => [i.dataset.table, Number(i.dataset.rows)])),
  );
}

export async function waitForTable(page, name) {
  await page.locator(`[data-testid="table-item"][data-table="${name}"][data-rows]`).waitFor({ timeout: 60_000 });
}

export async function runSql(page, sql) {
  const editor = page.locator('[data-testid="sql-editor"]');
  // The tab open is kept across reloads: the editor may be behind another tab.
  if (!(await editor.isVisible())) await page.locator('[data-testid="tab-sql"]').click();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape'); // close the completion popup, if open
  await watchNextRun(page);
  await page.locator('[data-testid="run-query"]').click();
  await waitRunFinished(page);
  return page.locator('[data-testid="query-result"]');
}

/** The previous result is still `ok` when a new run starts, so record the move to `running`. */
export async function watchNextRun(page) {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="query-result"]');
    window.__sawRun = false;
    new MutationObserver((records, observer) => {
      if (el.getAttribute('data-state') === 'running' || records.some((r) => r.oldValue === 'running')) {
        window.__sawRun = true;
        observer.disconnect();
      }
    }).observe(el, { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });
  });
}

export async function waitRunFinished(page, timeout = 60_000) {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state');
      return window.__sawRun && (s === 'ok' || s === 'error');
    },
    null,
    { timeout },
  );
}

/** The result grid as header names and rows of raw data-values (rendered rows only). */
export async function resultGrid(page) {
  return page.locator('[data-testid="query-result"] table').evaluate((table) => ({
    columns: [...table.querySelectorAll('th')].map((th) => th.textContent.trim()),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td[data-value]')].map((td) => td.dataset.value)),
  }));
}

/** Accepts the import preview with what was detected (CONTRACT.md `import-confirm`). */
export async function confirmImport(page) {
  const confirm = page.locator('[data-testid="import-confirm"]');
  await confirm.waitFor({ timeout: 30_000 });
  await confirm.click();
  await page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Picks files with the file button and accepts the preview that text files open. */
export async function loadFiles(page, files, { confirm = true } = {}) {
  await page.locator('[data-testid="file-input"]').setInputFiles(files);
  if (confirm) await confirmImport(page);
}

/** A file for setInputFiles as a buffer (Playwright cannot mix paths and buffers). */
export async function fileAt(relative, name = path.basename(relative)) {
  return { name, mimeType: 'application/octet-stream', buffer: await readFile(fixture(relative)) };
}

/** A sample CSV of data-samples/ as objects (PapaParse), for computing expected figures. */
export const sampleCsv = (name) => Papa.parse(readFileSync(fixture('data-samples', `${name}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;

/** Rows of a sample CSV in data-samples/ (the samples have no line breaks inside values). */
export function sampleRows(name) {
  return readFileSync(fixture('data-samples', `${name}.csv`), 'utf8').trimEnd().split('\n').length - 1;
}

export async function alerts(page) {
  return page.locator('[role="alert"][data-testid="error"]').allTextContents();
}

/** Turns the dashboard's edit mode on (or off): arrange, rename and remove are shown only in it. */
export async function editMode(page, on = true) {
  const toggle = page.locator('[data-testid="edit-mode"]');
  await toggle.waitFor({ state: 'attached' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await page.waitForFunction((want) => document.querySelector('[data-testid="edit-mode"]')?.getAttribute('aria-pressed') === want, String(on));
}

/** Saved, and the version the page is at holds the tables it lists (a save-state of `saved`
 *  alone may still be the one from before the last change). */
export async function savedVersion(page) {
  await page.waitForFunction(
    () => {
      const listed = [...document.querySelectorAll('[data-testid="table-item"]')].map((i) => i.dataset.table).sort().join(' ');
      const current = document.querySelector('[data-testid="version-item"][data-current="true"]');
      const state = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state');
      return state === 'saved' && current && current.dataset.tables.split(' ').filter(Boolean).sort().join(' ') === listed;
    },
    null,
    { timeout: 60_000 },
  );
}

/** Waits until every dashboard block in `scope` has drawn (none still running or failed). */
export async function blocksDrawn(page, scope = '[data-testid="dashboard-grid"]') {
  await page.waitForFunction(
    (s) => {
      const list = [...document.querySelectorAll(`${s} [data-testid="dashboard-block"]`)];
      return list.length > 0 && list.every((b) => b.dataset.state === 'ok');
    },
    scope,
    { timeout: 60_000 },
  );
}
