// Office reports dropped on the page as people get them: sections, subtotals, footers, old
// Excel. The preview lists what it keeps out and checks the file's own totals before anything
// loads; expected figures come from tests/fixtures/reports/expected.json (computed by the
// fixtures script from the unit rows, not by the app).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { alerts, confirmImport, fixture, resultGrid, runSql, tables, useApp, waitForTable } from './harness.mjs';

const app = useApp();
const DIR = 'tests/fixtures/reports';
const expected = JSON.parse(await readFile(fixture(DIR, 'expected.json'), 'utf8'));
const vi = (n) => new Intl.NumberFormat('vi-VN').format(n);

/** Drops files on the page the way a file manager does. */
async function drop(page, names) {
  const files = await Promise.all(names.map(async (name) => ({ name, data: (await readFile(fixture(DIR, name))).toString('base64') })));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.querySelector('main').dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
}

const item = (page, name) => page.locator(`[data-testid="import-item"][data-file="${name}"]`);

async function leftOutKinds(section) {
  const kinds = await section.locator('[data-testid="import-left-out"] li').evaluateAll((lis) => lis.map((li) => li.dataset.kind));
  return Object.fromEntries(['title', 'section', 'subtotal', 'total', 'footer'].map((k) => [k, kinds.filter((x) => x === k).length]));
}

async function sumOf(page, table, column) {
  await runSql(page, `SELECT sum("${column}")::DOUBLE AS s FROM "${table}"`);
  return Number((await resultGrid(page)).rows[0][0]);
}

describe('sectioned office reports', () => {
  it('a Windows-1258 CSV and an old .xls dropped together: left-out lines, totals checked, each unit once', async () => {
    const { page } = await app.open('?empty');
    const csv = 'Tiếp công dân 2025 - theo khối (Windows-1258).csv';
    const xls = 'Tiếp công dân 2025 - theo khối.xls';
    await drop(page, [csv, xls]);
    for (const name of [csv, xls]) {
      const want = expected[name];
      const section = item(page, name);
      const check = section.locator('[data-testid="import-reconciliation"]');
      await check.waitFor({ timeout: 30_000 });
      assert.deepEqual(await leftOutKinds(section), want.leftOut, `${name}: lines kept out, by kind`);
      assert.equal(await check.getAttribute('data-state'), 'ok');
      const text = await check.textContent();
      // Per measure: the file's total and the sum of the units, in vi-VN numbers.
      for (const [measure, sum] of Object.entries(want.sums)) {
        assert.match(text, new RegExp(`${measure} — .* trong tệp: ${vi(sum).replace('.', '\\.')} — cộng các đơn vị: ${vi(sum).replace('.', '\\.')} ✓`));
      }
      // The preview's columns: the sections became a column.
      assert.ok((await section.locator('[data-testid="import-preview"] th .name').allTextContents()).includes('Nhóm'));
    }
    await confirmImport(page);
    const names = { [csv]: 'tiep_cong_dan_2025_theo_khoi_windows_1258', [xls]: 'tiep_cong_dan_2025_theo_khoi' };
    for (const [file, table] of Object.entries(names)) {
      await waitForTable(page, table);
      assert.equal((await tables(page))[table], expected[file].rows);
      for (const [measure, sum] of Object.entries(expected[file].sums)) assert.equal(await sumOf(page, table, measure), sum, `${table}.${measure}`);
      await runSql(page, `SELECT DISTINCT "Nhóm" FROM "${table}" ORDER BY 1`);
      assert.deepEqual((await resultGrid(page)).rows.map((r) => r[0]).sort(), [...expected[file].sections['Nhóm']].sort());
      assert.equal(await page.locator(`[data-testid="table-item"][data-table="${table}"]`).getAttribute('data-reconciliation'), 'ok');
    }
    assert.deepEqual(await alerts(page), []);
  });

  it('a file whose total disagrees says so before loading, and the table stays marked', async () => {
    const { page } = await app.open('?empty');
    const name = 'Đơn thư khiếu nại tố cáo 2025 - lệch 1.csv';
    const want = expected[name].mismatch;
    await drop(page, [name]);
    const check = item(page, name).locator('[data-testid="import-reconciliation"]');
    await check.waitFor({ timeout: 30_000 });
    assert.equal(await check.getAttribute('data-state'), 'mismatch');
    const text = await check.textContent();
    assert.match(text, new RegExp(`${want.measure}, dòng \\d+ \\(Tổng cộng\\): trong tệp ${want.file}, cộng 8 đơn vị \\(dòng \\d+–\\d+\\) được ${want.units}, lệch 1`));
    await confirmImport(page);
    const table = 'don_thu_khieu_nai_to_cao_2025_lech_1';
    await waitForTable(page, table);
    const listed = page.locator(`[data-testid="table-item"][data-table="${table}"]`);
    assert.equal(await listed.getAttribute('data-reconciliation'), 'mismatch');
    assert.match(await listed.textContent(), /Tổng không khớp/);
    assert.ok((await alerts(page)).some((a) => a.includes(table) && a.includes(want.measure)));
  });

  it('switches: sections as rows, a line put back by hand', async () => {
    const { page } = await app.open('?empty');
    const name = 'Tiếp công dân 2025 - theo khối (UTF-8 BOM).csv';
    await drop(page, [name]);
    const section = item(page, name);
    await section.locator('[data-testid="import-reconciliation"]').waitFor({ timeout: 30_000 });
    const headers = () => section.locator('[data-testid="import-preview"] th .name').allTextContents();
    assert.ok((await headers()).includes('Nhóm'));
    // Sections off: no Nhóm column, and the section lines are no longer left out.
    await section.locator('[data-testid="import-sections"]').uncheck();
    await page.waitForFunction((file) => {
      const s = document.querySelector(`[data-testid="import-item"][data-file="${file}"]`);
      return s && ![...s.querySelectorAll('[data-testid="import-preview"] th .name')].some((th) => th.textContent === 'Nhóm');
    }, name);
    assert.equal((await leftOutKinds(section)).section, 0);
    await section.locator('[data-testid="import-sections"]').check();
    await page.waitForFunction((file) => {
      const s = document.querySelector(`[data-testid="import-item"][data-file="${file}"]`);
      return s && [...s.querySelectorAll('[data-testid="import-left-out"] li')].some((li) => li.dataset.kind === 'section');
    }, name);
    // Put the last footer line (the signer's name) back: it is a row of the table now.
    await section.locator('summary').first().click();
    const footer = section.locator('[data-testid="import-left-out"] li[data-kind="footer"]');
    const before = await footer.count();
    await footer.last().locator('[data-testid="import-put-back"]').click();
    await page.waitForFunction(([file, n]) => document.querySelectorAll(`[data-testid="import-item"][data-file="${file}"] [data-testid="import-left-out"] li[data-kind="footer"]`).length === n - 1, [name, before]);
    await confirmImport(page);
    const table = 'tiep_cong_dan_2025_theo_khoi_utf_8_bom';
    await waitForTable(page, table);
    assert.equal((await tables(page))[table], expected[name].rows + 1);
  });

  it('two tables on one sheet: each chosen one becomes a table of its own', async () => {
    const { page } = await app.open('?empty');
    const name = 'Hai bảng một trang.xlsx';
    await drop(page, [name]);
    const parts = item(page, name).locator('[data-testid="import-part"]');
    await parts.first().waitFor({ timeout: 30_000 });
    assert.equal(await parts.count(), 2);
    const titles = await parts.evaluateAll((els) => els.map((e) => e.dataset.title));
    assert.match(titles[0], /2024/);
    assert.match(titles[1], /2025/);
    assert.ok(await parts.nth(0).locator('input[type=checkbox]').isChecked());
    await parts.nth(1).locator('input[type=checkbox]').check();
    await confirmImport(page);
    await waitForTable(page, 'hai_bang_mot_trang');
    await waitForTable(page, 'hai_bang_mot_trang_2');
    const listed = await tables(page);
    const [first, second] = expected[name].tables;
    assert.equal(listed.hai_bang_mot_trang, first.rows);
    assert.equal(listed.hai_bang_mot_trang_2, second.rows);
    assert.equal(await sumOf(page, 'hai_bang_mot_trang', 'Số lượt'), first.sums['Số lượt']);
    assert.equal(await sumOf(page, 'hai_bang_mot_trang_2', 'Số lượt'), second.sums['Số lượt']);
  });

  it('a scan renamed .xls, a password and a chart-only workbook each get a message that says what to do', async () => {
    const { page } = await app.open('?empty');
    const files = Object.entries(expected).filter(([, v]) => v.error).map(([k]) => k);
    await drop(page, files);
    await page.waitForFunction((n) => document.querySelectorAll('[role="alert"][data-testid="error"]').length >= n, files.length, { timeout: 30_000 });
    const messages = await alerts(page);
    const said = { pdf: /PDF/, password: /mật khẩu/, 'chart-only': /biểu đồ/ };
    for (const file of files) {
      const message = messages.find((m) => m.includes(path.basename(file)));
      assert.ok(message, `a message names ${file}`);
      assert.match(message, said[expected[file].error]);
      assert.match(message, /Hãy/);
    }
    // Still responsive: a query runs.
    await runSql(page, 'SELECT 41 + 1 AS n');
    assert.deepEqual((await resultGrid(page)).rows, [['42']]);
  });
});
