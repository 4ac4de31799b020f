// Versions, not overwrites: every step that discards work asks first and can be undone from
// *Phiên bản trước*; restoring brings tables back byte for byte (row counts and a checksum of
// every row, computed by the engine itself through the SQL editor); two tabs on one workbook
// never overwrite each other's saves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { alerts, editMode, fixture, loadFiles, resultGrid, runSql, savedVersion as saved, tables, useApp, waitForTable, waitReady } from './harness.mjs';

const app = useApp();
const SHOTS = process.env.SCREENSHOT_DIR;

/** Per table: row count and an md5 over every row as text (all columns, sorted), plus one over
 *  every column's name and type. Computed by DuckDB in the page. */
async function checksums(page) {
  const names = Object.keys(await tables(page)).sort();
  const perTable = names.map((n) => `SELECT '${n}' AS t, count(*) AS n, md5(coalesce(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR), '')) AS h FROM "${n}" x`);
  const schema = `SELECT '~schema' AS t, count(*) AS n, md5(string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, ordinal_position)) AS h FROM information_schema.columns WHERE table_schema = 'main'`;
  const result = await runSql(page, [...perTable, schema].join(' UNION ALL ') + ' ORDER BY t');
  assert.equal(await result.getAttribute('data-state'), 'ok', (await alerts(page)).join(' | '));
  return (await resultGrid(page)).rows;
}

async function saveAs(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-workbook"]').click()]);
  return readFile(await download.path());
}

const confirmDialog = (page) => page.locator('[role="dialog"][data-testid="confirm-discard"]');

/** The version kept just before a step of this kind. */
const versionBefore = (page, step) => page.locator(`[data-testid="version-item"][data-reason="before"][data-step="${step}"]`);

const restoredNotices = (page) => page.evaluate(() => [...document.querySelectorAll('[role="status"]')].filter((s) => /Đã khôi phục phiên bản/.test(s.textContent)).length);

async function restore(page, item) {
  const notices = await restoredNotices(page);
  await item.locator('[data-testid="version-restore"]').click();
  const dialog = confirmDialog(page);
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('data-step'), 'restore');
  await dialog.locator('[data-testid="confirm-accept"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction((n) => [...document.querySelectorAll('[role="status"]')].filter((s) => /Đã khôi phục phiên bản/.test(s.textContent)).length > n, notices, { timeout: 60_000 });
  await saved(page);
}

describe('versions, not overwrites', () => {
  it('asks before a workbook file replaces one’s own tables; declining keeps them, and restoring brings every table back byte for byte', async () => {
    const { page } = await app.open('?empty', { viewport: { width: 1280, height: 720 } });
    await loadFiles(page, fixture('tests/fixtures/Tiếp công dân 2022.csv'));
    await waitForTable(page, 'tiep_cong_dan_2022');
    await loadFiles(page, fixture('data-samples/xep-loai-dan-van.parquet'), { confirm: false });
    await waitForTable(page, 'xep_loai_dan_van');
    await runSql(
      page,
      `CREATE TABLE cua_toi AS SELECT i AS n, 'Đơn vị ' || i AS "Tên đơn vị", CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3.0 END AS "Tỷ lệ", DATE '2024-01-01' + i::INTEGER AS ngay FROM range(3000) t(i)`,
    );
    await saved(page);
    const mine = await tables(page);
    const before = await checksums(page);
    assert.equal(before.length, 4);

    // A colleague's editable workbook file, made in another browser.
    const colleague = await app.open('?empty');
    await runSql(colleague.page, `CREATE TABLE dong_nghiep AS SELECT 1 AS a`);
    const file = { name: 'Sổ của đồng nghiệp.sdv', mimeType: 'application/zip', buffer: await saveAs(colleague.page) };

    // Declined: nothing changes.
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    const dialog = confirmDialog(page);
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert.match(question, /Sổ của đồng nghiệp\.sdv/);
    for (const name of Object.keys(mine)) assert.ok(question.includes(name), `the question names ${name}: ${question}`);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'confirm-discard.png') });
    await dialog.locator('[data-testid="confirm-cancel"]').click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(await tables(page), mine);
    assert.deepEqual(await checksums(page), before);

    // Accepted: the file's workbook replaces the tables.
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    await dialog.waitFor();
    await dialog.locator('[data-testid="confirm-accept"]').click();
    await waitForTable(page, 'dong_nghiep');
    assert.deepEqual(Object.keys(await tables(page)), ['dong_nghiep']);
    assert.deepEqual(await alerts(page), []);
    // Its query creates a table, so it is shown, not run again; no result of the replaced tables stays.
    assert.equal(await page.locator('[data-testid="query-result"]').getAttribute('data-state'), null);
    await saved(page);

    // Undone from the list: every table back, byte for byte.
    const kept = versionBefore(page, 'open-file');
    assert.equal(await kept.count(), 1);
    assert.match(await kept.innerText(), /Trước khi mở tệp “Sổ của đồng nghiệp\.sdv”/);
    assert.deepEqual((await kept.getAttribute('data-tables')).split(' ').sort(), Object.keys(mine).sort());
    if (SHOTS) await page.locator('[data-testid="versions"]').scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'versions.png') });
    await restore(page, kept);
    assert.deepEqual(await tables(page), mine);
    assert.deepEqual(await checksums(page), before);
    // Restoring is itself a version, and the opened file's version is still there to go back to.
    await page.locator('[data-testid="version-item"][data-reason="restored"][data-current="true"]').waitFor();
    assert.equal(await page.locator('[data-testid="version-item"][data-tables="dong_nghiep"]').count() >= 1, true);

    // And that is what the next visit opens.
    await page.goto(`${app.origin}/`);
    await waitReady(page);
    assert.deepEqual(await tables(page), mine);
    assert.deepEqual(await checksums(page), before);
    assert.deepEqual(await alerts(page), []);
  });

  it('asks before deleting a table or a dashboard page, and each can be undone from the list', async () => {
    const { page } = await app.open();
    await saved(page);
    const all = await tables(page);
    assert.ok(all.don_vi > 0);
    const item = page.locator('[data-testid="table-item"][data-table="don_vi"]');

    await item.locator('[data-testid="table-delete"]').click();
    const dialog = confirmDialog(page);
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-step'), 'drop-table');
    assert.match(await dialog.innerText(), /don_vi/);
    await dialog.locator('[data-testid="confirm-cancel"]').click();
    assert.deepEqual(await tables(page), all);

    await item.locator('[data-testid="table-delete"]').click();
    await dialog.locator('[data-testid="confirm-accept"]').click();
    await item.waitFor({ state: 'detached' });
    await saved(page);

    await page.locator('[data-testid="tab-dashboard"]').click();
    const pages = page.locator('[data-testid="dashboard-page"]');
    const pageCount = await pages.count();
    assert.ok(pageCount >= 2);
    const title = await page.locator('[data-testid="dashboard-page"][aria-selected="true"]').innerText();
    await editMode(page);
    await page.locator('[data-testid="dashboard-remove-page"]').click();
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-step'), 'remove-page');
    assert.ok((await dialog.innerText()).includes(title));
    await dialog.locator('[data-testid="confirm-cancel"]').click();
    assert.equal(await pages.count(), pageCount);
    await page.locator('[data-testid="dashboard-remove-page"]').click();
    await dialog.locator('[data-testid="confirm-accept"]').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="dashboard-page"]').length === n - 1, pageCount);
    await saved(page);

    // The page comes back (the table stays deleted: it went before the page did)…
    await restore(page, versionBefore(page, 'remove-page'));
    assert.equal(await pages.count(), pageCount);
    assert.equal(await page.locator('[data-testid="table-item"][data-table="don_vi"]').count(), 0);
    // …and the table, with all its rows, from the version before it was deleted.
    await restore(page, versionBefore(page, 'drop-table'));
    assert.deepEqual(await tables(page), all);
    assert.equal(await pages.count(), pageCount);

    // A block too (in edit mode, on the dashboard tab: the restore above may show another tab).
    await page.locator('[data-testid="tab-dashboard"]').click();
    const blocks = page.locator('[data-testid="dashboard-block"]');
    const blockCount = await blocks.count();
    assert.ok(blockCount >= 2);
    await editMode(page);
    await blocks.first().locator('[data-testid="block-remove"]').click();
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-step'), 'remove-block');
    await dialog.locator('[data-testid="confirm-accept"]').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="dashboard-block"]').length === n - 1, blockCount);
    await saved(page);
    await restore(page, versionBefore(page, 'remove-block'));
    assert.equal(await blocks.count(), blockCount);
  });

  it('a second tab on the same workbook opens it as a copy or read-only, and neither tab overwrites the other', async () => {
    const first = await app.open('?empty');
    const a = first.page;
    await runSql(a, `CREATE TABLE chung AS SELECT 1 AS n`);
    await saved(a);

    // Same browser profile, second tab: it is told, and opens a copy.
    const b = await first.context.newPage();
    await b.goto(`${app.origin}/`);
    await b.locator('[role="dialog"][data-testid="open-elsewhere"]').waitFor({ timeout: 60_000 });
    if (SHOTS) await b.screenshot({ path: path.join(SHOTS, 'open-elsewhere.png') });
    await b.locator('[data-testid="open-copy"]').click();
    await waitReady(b);
    await b.locator('[data-testid="copy-banner"]').waitFor();

    // Both edit at once.
    await Promise.all([runSql(a, `CREATE TABLE cua_a AS SELECT 'a' AS s`), runSql(b, `CREATE TABLE cua_b AS SELECT 'b' AS s`)]);
    await Promise.all([saved(a), saved(b)]);
    // The copy saves last.
    await runSql(b, `CREATE TABLE cua_b2 AS SELECT 'b2' AS s`);
    await saved(b);
    assert.deepEqual(Object.keys(await tables(a)).sort(), ['chung', 'cua_a']);
    assert.deepEqual(Object.keys(await tables(b)).sort(), ['chung', 'cua_b', 'cua_b2']);
    // The copy's save did not become the workbook: the first tab reopens its own.
    await a.goto(`${app.origin}/`);
    await waitReady(a);
    assert.deepEqual(Object.keys(await tables(a)).sort(), ['chung', 'cua_a']);

    // The copy's work is in the list, and restorable (the first tab's work stays in the list too).
    const copy = a.locator('[data-testid="version-item"][data-line="copy"][data-tables="chung cua_b cua_b2"]');
    await copy.first().waitFor({ timeout: 30_000 });
    await restore(a, copy.first());
    assert.deepEqual(Object.keys(await tables(a)).sort(), ['chung', 'cua_b', 'cua_b2']);
    const own = a.locator('[data-testid="version-item"][data-line="main"][data-tables="chung cua_a"]');
    assert.ok((await own.count()) >= 1);
    await restore(a, own.first());
    assert.deepEqual(Object.keys(await tables(a)).sort(), ['chung', 'cua_a']);
    if (SHOTS) {
      await a.setViewportSize({ width: 1280, height: 720 });
      await a.locator('[data-testid="versions"]').scrollIntoViewIfNeeded();
      await a.screenshot({ path: path.join(SHOTS, 'versions-two-tabs.png') });
    }

    // A third tab chooses read-only: it shows the workbook and cannot change it.
    const c = await first.context.newPage();
    await c.goto(`${app.origin}/`);
    await c.locator('[data-testid="open-elsewhere"]').waitFor({ timeout: 60_000 });
    await c.locator('[data-testid="open-read-only"]').click();
    await waitReady(c);
    await c.locator('[data-testid="view-only"]').waitFor();
    assert.deepEqual(Object.keys(await tables(c)).sort(), ['chung', 'cua_a']);
    assert.equal(await c.locator('[data-testid="file-input"]').count(), 0);
    await c.close();

    // The owning tab closes: the copy's tab, reloaded, owns the workbook and carries on from its copy.
    await a.close();
    await b.reload();
    await waitReady(b);
    assert.equal(await b.locator('[data-testid="open-elsewhere"]').count(), 0);
    assert.equal(await b.locator('[data-testid="copy-banner"]').count(), 0);
    assert.deepEqual(Object.keys(await tables(b)).sort(), ['chung', 'cua_b', 'cua_b2']);
    await b.close();
  });
  it('on a page with no Web Locks, OPFS or browser digest (as over plain http), tabs still agree who writes and steps can be undone', async () => {
    const init = () => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
      Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: undefined, configurable: true });
      Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });
    };
    const first = await app.open('?empty', { init });
    const a = first.page;
    assert.equal(await a.evaluate(() => !!navigator.locks || !!crypto.subtle), false);
    await runSql(a, `CREATE TABLE chung AS SELECT range AS n FROM range(1000)`);
    await saved(a);

    const b = await first.context.newPage();
    await b.goto(`${app.origin}/`);
    await b.locator('[data-testid="open-elsewhere"]').waitFor({ timeout: 60_000 });
    await b.locator('[data-testid="open-copy"]').click();
    await waitReady(b);
    await Promise.all([runSql(a, `CREATE TABLE cua_a AS SELECT 'a' AS s`), runSql(b, `CREATE TABLE cua_b AS SELECT 'b' AS s`)]);
    await Promise.all([saved(a), saved(b)]);
    await runSql(b, `CREATE TABLE cua_b2 AS SELECT 'b2' AS s`);
    await saved(b);
    await b.close();
    await a.goto(`${app.origin}/`);
    await waitReady(a);
    assert.deepEqual(Object.keys(await tables(a)).sort(), ['chung', 'cua_a']);
    await a.locator('[data-testid="version-item"][data-line="copy"][data-tables="chung cua_b cua_b2"]').first().waitFor();

    // Deleting a table, undone from the list (blobs in IndexedDB, named by the page's own SHA-256).
    const before = await checksums(a);
    await a.locator('[data-testid="table-item"][data-table="chung"] [data-testid="table-delete"]').click();
    await confirmDialog(a).locator('[data-testid="confirm-accept"]').click();
    await a.locator('[data-testid="table-item"][data-table="chung"]').waitFor({ state: 'detached' });
    await saved(a);
    await restore(a, versionBefore(a, 'drop-table'));
    assert.deepEqual(await checksums(a), before);
  });
});
