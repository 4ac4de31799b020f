// Files made to hurt: a 100,000-column CSV, a 10 MB file on one line, Parquet with absurd
// declared sizes or cut short. Each ends, within seconds, in a clear message naming the file
// (or loads correctly), and the workbook keeps what it had.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { alerts, editMode, fixture, loadFiles, runSql, tables, useApp, waitForTable, sampleRows } from './harness.mjs';

const app = useApp();
const file = (name, content) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });

/** A Parquet file whose footer declares `length` bytes of metadata (more than the file holds). */
function absurdFooter(length) {
  const b = Buffer.alloc(64, 0x11);
  b.write('PAR1', 0, 'latin1');
  b.writeUInt32LE(length, 56);
  b.write('PAR1', 60, 'latin1');
  return b;
}

async function expectMessages(page, names, before) {
  await page.waitForFunction((n) => document.querySelectorAll('[role="alert"][data-testid="error"]').length >= n, names.length, { timeout: 60_000 });
  const messages = await alerts(page);
  for (const name of names) {
    const message = messages.find((m) => m.includes(`“${name}”`));
    assert.ok(message, `a message names ${name}: ${messages.join(' | ')}`);
    assert.match(message, /Hãy|hãy/, `the message for ${name} says what to do: ${message}`);
  }
  assert.deepEqual(await tables(page), before);
  const result = await runSql(page, 'SELECT count(*) AS n FROM don_vi');
  assert.equal(await result.getAttribute('data-state'), 'ok');
}

describe('hostile files', () => {
  it('refuses a 100,000-column CSV and a 10 MB single line quickly, keeping the workbook', async () => {
    const { page } = await app.open('?empty');
    await loadFiles(page, fixture('data-samples/don-vi.csv'));
    await waitForTable(page, 'don_vi');
    const before = await tables(page);
    const wide = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\n' + Array.from({ length: 100_000 }, (_, i) => i).join(',') + '\n';
    const started = Date.now();
    await page.locator('[data-testid="file-input"]').setInputFiles([file('rộng.csv', wide), file('một dòng.csv', 'x'.repeat(10 * 1024 * 1024)), file('dấu phẩy.csv', 'a,'.repeat(5 * 1024 * 1024))]);
    await expectMessages(page, ['rộng.csv', 'một dòng.csv', 'dấu phẩy.csv'], before);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  });

  it('refuses Parquet with absurd declared sizes or cut short, keeping the workbook', async () => {
    const { page } = await app.open('?empty');
    await loadFiles(page, fixture('data-samples/don-vi.csv'));
    await waitForTable(page, 'don_vi');
    const before = await tables(page);
    const good = await readFile(fixture('data-samples/mo-hinh-dan-van-kheo.parquet'));
    await page.locator('[data-testid="file-input"]').setInputFiles([
      file('chân lớn.parquet', absurdFooter(0xfffffff0)),
      file('chân âm.parquet', absurdFooter(0x7fffffff)),
      file('cụt.parquet', good.subarray(0, Math.floor(good.length / 2))),
      file('không đuôi.parquet', Buffer.concat([good.subarray(0, good.length - 8), Buffer.from('XXXXPAR1')])),
    ]);
    await expectMessages(page, ['chân lớn.parquet', 'chân âm.parquet', 'cụt.parquet', 'không đuôi.parquet'], before);
    assert.deepEqual(await tables(page), { don_vi: sampleRows('don-vi') });
  });
});

describe('hostile text', () => {
  it('shows HTML in a file name, column name and unit name as text: preview, grid, chart legend and tooltip, dashboard, presentation', async () => {
    const { page } = await app.open('?empty');
    const injected = () =>
      page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        elements: document.querySelectorAll('img[src="x"], [onmouseover], [onerror]').length,
        scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
      }));
    const clean = { pwned: null, elements: 0, scripts: 0 };
    const name = '<img src=x onerror=window.__pwned=1>.csv';
    const unit = '<script>window.__pwned=3</script>';
    const column = '<b onmouseover=window.__pwned=2>Số</b>';
    await page.locator('[data-testid="file-input"]').setInputFiles([file(name, `Năm,Đơn vị,${column}\n2023,${unit},5\n2024,${unit},7\n2024,Sở Nội vụ,2\n`)]);
    await page.locator('[data-testid="import-dialog"]').waitFor();
    assert.match(await page.locator('[data-testid="import-dialog"]').innerText(), /<img src=x onerror=window.__pwned=1>\.csv/);
    await page.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="table-item"]').waitFor();
    const table = await page.locator('[data-testid="table-item"]').getAttribute('data-table');
    await runSql(page, `SELECT * FROM "${table}"`);
    const grid = await page.locator('[data-testid="query-result"]').innerText();
    assert.ok(grid.includes(unit) && grid.includes(column), grid);
    const chart = page.locator('[data-testid="chart"] svg').first();
    await chart.waitFor();
    // Two years of units are drawn as a dumbbell, names on its axis; grouped bars put them in
    // the legend and the tooltip.
    assert.equal(await page.locator('[data-testid="chart-type"]').inputValue(), 'dumbbell');
    assert.ok((await page.locator('[data-testid="chart"]').innerText()).includes(unit), 'the axis shows the unit as text');
    await page.locator('[data-testid="chart-type"]').selectOption('groupedBar');
    await page.locator('[data-testid="chart"] svg [aria-label="bar"] rect').first().waitFor();
    assert.ok((await page.locator('[data-testid="chart"]').innerText()).includes(unit), 'the legend shows the unit as text');
    const bar = page.locator('[data-testid="chart"] svg [aria-label="bar"] rect').first();
    await bar.scrollIntoViewIfNeeded();
    const box = await bar.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction((u) => (document.querySelector('[data-testid="chart"] svg g[aria-label="tip"]')?.textContent ?? '').includes(u), unit, { timeout: 10_000 });
    assert.deepEqual(await injected(), clean);

    // The same result on a dashboard, titled with script, then presented.
    await page.locator('[data-testid="sql-add-block"]').click();
    await page.locator('[data-testid="tab-dashboard"]').click();
    const block = page.locator('[data-testid="dashboard-block"][data-kind="sql"]');
    await editMode(page);
    await block.locator('[data-testid="block-title"]').fill(unit);
    await block.locator('[data-testid="block-title"]').press('Enter');
    await page.locator('[data-testid="dashboard-present"]').click();
    const slides = page.locator('[data-testid="presentation"]');
    await slides.locator('[data-testid="dashboard-block"][data-state="ok"]').waitFor({ timeout: 30_000 });
    const shown = await slides.innerText();
    assert.ok(shown.includes(unit), shown);
    assert.deepEqual(await injected(), clean);
    await page.keyboard.press('Escape');
  });
});
