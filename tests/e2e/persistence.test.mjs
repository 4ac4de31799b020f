// Nothing lost: autosave and restore after a reload, save as a workbook file and open it
// again (also read-only and by ?workbook=), and damaged files refused with the workbook intact.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { declareUnpackedSize } from '../helpers/zip-sizes.mjs';
import { alerts, fixture, loadFiles, resultGrid, runSql, sampleRows, tables, useApp, waitForTable, waitReady } from './harness.mjs';

const app = useApp();
const served = fixture('dist', 'kiem-thu-so-lam-viec.sdv');
after(() => rm(served, { force: true }));

async function saved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
}

async function saveAs(page, { viewOnly = false, withData = false } = {}) {
  if (viewOnly) await page.locator('[data-testid="save-view-only"]').check();
  if (withData) await page.locator('[data-testid="save-with-data"]').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-workbook"]').click()]);
  assert.match(download.suggestedFilename(), /\.sdv$/);
  return readFile(await download.path());
}

const sdvFile = (name, buffer) => ({ name, mimeType: 'application/zip', buffer: Buffer.from(buffer) });

describe('nothing lost', () => {
  it('autosaves everything and restores it after a reload, data included', async () => {
    const { page } = await app.open();
    await loadFiles(page, fixture('tests/fixtures/Tiếp công dân 2022.csv'));
    await waitForTable(page, 'tiep_cong_dan_2022');
    await runSql(page, `CREATE TABLE ghi_chu AS SELECT 'đã sửa' AS "Ghi chú", 42 AS n`);
    await runSql(page, 'SELECT n FROM ghi_chu');
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.locator('[data-testid="semantics-table"]').selectOption('tiep_cong_dan_2022');
    await page.locator('[data-testid="roles-confirm"]').click();
    await saved(page);
    const before = await tables(page);

    await page.reload();
    await waitReady(page);
    assert.deepEqual(await tables(page), before);
    // The tab open before the reload is open again.
    assert.equal(await page.locator('[data-testid="tab-semantics"]').getAttribute('aria-selected'), 'true');
    await page.locator('[data-testid="tab-sql"]').click();
    assert.equal(await page.locator('.cm-content').innerText(), 'SELECT n FROM ghi_chu');
    const result = await runSql(page, 'SELECT "Ghi chú", n FROM ghi_chu');
    assert.equal(await result.getAttribute('data-rows'), '1');
    assert.equal(await page.locator('[data-testid="query-result"] td[data-value="đã sửa"]').count(), 1);
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.locator('[data-testid="semantics-table"]').selectOption('tiep_cong_dan_2022');
    await page.locator('[data-testid="roles-state"][data-confirmed="true"]').waitFor();
  });

  it('a save after a change of choice alone asks the engine nothing; after a query that writes, it lists and keeps the rows', async () => {
    const { page } = await app.open();
    // When the last save's snapshot and its listing of the tables began (only the last of each is kept).
    const steps = () =>
      page.evaluate(() => Object.fromEntries(['sdv:save:snapshot', 'sdv:save:list'].map((n) => [n.split(':')[2], performance.getEntriesByName(n).at(-1)?.startTime ?? null])));
    const nextSave = async (after) => {
      await page.waitForFunction((after) => (performance.getEntriesByName('sdv:save:snapshot').at(-1)?.startTime ?? -1) > after, after, { timeout: 60_000 });
      await saved(page);
      return steps();
    };
    await runSql(page, 'CREATE TABLE ghi AS SELECT 1 AS n');
    const first = await nextSave(-1);
    assert.ok(first.list >= first.snapshot, 'the first save after a new table lists the tables');

    await page.locator('[data-testid="tab-analyses"]').click();
    const choiceOnly = await nextSave(first.snapshot);
    assert.equal(choiceOnly.list, first.list, 'a save of a choice alone did not list the tables again');

    await runSql(page, 'INSERT INTO ghi VALUES (2)');
    const written = await nextSave(choiceOnly.snapshot);
    assert.ok(written.list > choiceOnly.snapshot, 'a save after a query that writes lists the tables again');
    await page.reload();
    await waitReady(page);
    const result = await runSql(page, 'SELECT sum(n) AS s FROM ghi');
    assert.equal(await result.locator('td[data-value]').first().getAttribute('data-value'), '3');
  });

  it('saves the workbook as a file and opens it again in another browser', async () => {
    const { page } = await app.open();
    await runSql(page, `CREATE TABLE them AS SELECT 1 AS a`);
    const bytes = await saveAs(page);
    const entries = unzipSync(new Uint8Array(bytes));
    const manifest = JSON.parse(new TextDecoder().decode(entries['workbook.json']));
    assert.equal(manifest.format, 'so-dan-van/workbook');
    assert.equal(manifest.version, 1);
    assert.ok(manifest.tables.some((t) => t.name === 'them'));
    const part = manifest.tables.find((t) => t.name === 'them').files[0];
    assert.equal(new TextDecoder().decode(entries[part].subarray(0, 4)), 'PAR1');

    const other = await app.open('?empty');
    await other.page.locator('[data-testid="file-input"]').setInputFiles(sdvFile('so.sdv', bytes));
    await waitForTable(other.page, 'them');
    assert.deepEqual(await tables(other.page), { ...(await tables(page)) });
    assert.equal(await other.page.locator('[data-testid="view-only"]').count(), 0);
  });

  it('opens a workbook saved for viewing read-only, from a file and by ?workbook=', async () => {
    const { page } = await app.open();
    const bytes = await saveAs(page, { viewOnly: true });

    const viewer = await app.open('?empty');
    await viewer.page.locator('[data-testid="file-input"]').setInputFiles(sdvFile('xem.sdv', bytes));
    await viewer.page.locator('[data-testid="view-only"]').waitFor();
    assert.equal(await viewer.page.locator('[data-testid="sql-editor"]').isVisible(), false);
    assert.equal(await viewer.page.locator('[data-testid="file-input"]').count(), 0);

    await writeFile(served, bytes);
    const linked = await app.open('?workbook=kiem-thu-so-lam-viec.sdv');
    await linked.page.locator('[data-testid="view-only"]').waitFor();
    // Figures, not tables: what the pages read (each with all its rows), and the SQL blocks'
    // results (see share-figures.test.mjs for what is left out).
    const all = await tables(page);
    await linked.page.locator('[data-testid="table-item"][data-rows]').first().waitFor();
    const shared = await tables(linked.page);
    assert.ok(Object.keys(shared).length > 0);
    for (const [name, rows] of Object.entries(shared)) assert.ok(all[name] === rows || name.startsWith('ket_qua_khoi_'), `${name}: ${rows} rows`);
    // A viewer lands on the dashboard and can turn to the analyses.
    await linked.page.locator('[data-testid="dashboard-grid"]').waitFor();
    await linked.page.locator('[data-testid="tab-analyses"]').click();
    await linked.page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
    assert.equal(await linked.page.locator('[data-testid="tab-sql"]').count(), 0);
    // Filters still work in view mode.
    await linked.page.locator('[data-testid="analysis-year-from"]').selectOption('2024');
    await linked.page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok');

    // With the data, asked for: every table as it is.
    const full = await saveAs(page, { viewOnly: true, withData: true });
    const withData = await app.open('?empty');
    await withData.page.locator('[data-testid="file-input"]').setInputFiles(sdvFile('du-lieu.sdv', full));
    await withData.page.locator('[data-testid="view-only"]').waitFor();
    await withData.page.waitForFunction((n) => document.querySelectorAll('[data-testid="table-item"][data-rows]').length === n, Object.keys(all).length);
    assert.deepEqual(await tables(withData.page), all);
  });

  it('refuses damaged, foreign and newer files with a clear message, keeping the open workbook', async () => {
    const { page } = await app.open();
    const good = new Uint8Array(await saveAs(page));
    const entries = unzipSync(good);
    const manifest = JSON.parse(new TextDecoder().decode(entries['workbook.json']));
    const newer = zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, version: 99 })) });
    const foreign = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    const notOurs = zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, format: 'something-else' })) });
    const brokenTable = zipSync({ ...entries, [manifest.tables[0].files[0]]: strToU8('not parquet') });
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const bomb = declareUnpackedSize(zipSync({ ...entries }), manifest.tables[0].files[0], 3 * 1024 ** 3);
    const understated = declareUnpackedSize(zipSync({ ...entries, [manifest.tables[0].files[0]]: new Uint8Array(50 * 1024 ** 2) }), manifest.tables[0].files[0], 100);
    const before = await tables(page);
    const files = [
      ['mới.sdv', newer, /phiên bản mới hơn/],
      ['lạ.sdv', foreign, /không phải sổ làm việc/],
      ['khác.sdv', notOurs, /không phải sổ làm việc/],
      ['hỏng-bảng.sdv', brokenTable, /bị hỏng/],
      ['cụt.sdv', truncated, /bị hỏng|không phải/],
      ['rác.sdv', new Uint8Array([1, 2, 3, 4, 5]), /không phải sổ làm việc/],
      ['bom.sdv', bomb, /quá lớn/],
      // Its directory understates it: what comes out is counted, and it is stopped.
      ['bom-giấu.sdv', understated, /quá lớn/],
    ];
    for (const [name, bytes, pattern] of files) {
      await page.locator('[data-testid="file-input"]').setInputFiles(sdvFile(name, bytes));
      await page.waitForFunction((n) => [...document.querySelectorAll('[role="alert"][data-testid="error"]')].some((e) => e.textContent.includes(`“${n}”`)), name, { timeout: 30_000 });
      const message = (await alerts(page)).find((m) => m.includes(`“${name}”`));
      assert.match(message, pattern, message);
      assert.match(message, /giữ nguyên/);
    }
    assert.deepEqual(await tables(page), before);
    assert.equal(before.don_vi, sampleRows('don-vi'));
  });

  it('opened into an empty workbook, a file whose last table is damaged leaves no table behind', async () => {
    // With no table to keep, tables load under their own names: the ones loaded before the
    // damaged one must go again.
    const { page } = await app.open();
    const entries = unzipSync(new Uint8Array(await saveAs(page)));
    const manifest = JSON.parse(new TextDecoder().decode(entries['workbook.json']));
    // Its Parquet framing intact (it passes the unpacking checks), its metadata garbled: it
    // fails only when its turn to load comes.
    const last = manifest.tables.at(-1).files[0];
    const garbled = entries[last].slice();
    garbled.fill(0xff, garbled.length - 8 - 24, garbled.length - 8);
    const broken = zipSync({ ...entries, [last]: garbled });
    const empty = await app.open('?empty');
    await empty.page.locator('[data-testid="file-input"]').setInputFiles(sdvFile('hỏng-cuối.sdv', broken));
    await empty.page.waitForFunction(() => [...document.querySelectorAll('[role="alert"][data-testid="error"]')].some((e) => e.textContent.includes('“hỏng-cuối.sdv”')), null, { timeout: 30_000 });
    assert.deepEqual(await tables(empty.page), {});
    // Nor in the engine, under any name.
    await runSql(empty.page, "SELECT count(*) AS n FROM duckdb_tables() WHERE NOT starts_with(table_name, '__') OR starts_with(table_name, '__open_')");
    assert.deepEqual((await resultGrid(empty.page)).rows, [['0']]);
  });
});
