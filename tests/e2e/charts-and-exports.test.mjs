import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { loadFiles, runSql, useApp, waitForTable } from './harness.mjs';

const app = useApp();
const bars = (page) => page.locator('[data-testid="chart"] svg g[aria-label="bar"] rect');

async function downloadOf(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${testid}"]`).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

describe('charts and exports', () => {
  it('draws one bar per row, switches type and columns, and describes itself', async () => {
    const { page } = await app.open();
    await runSql(page, `SELECT "Đơn vị", sum("Lượt tiếp") AS "Lượt tiếp" FROM tiep_cong_dan WHERE "Năm" = 2023 AND "Nội dung" = 'Đất đai' GROUP BY 1 ORDER BY 2 DESC`);
    const rows = Number(await page.locator('[data-testid="query-result"]').getAttribute('data-rows'));
    assert.ok(rows > 5);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chart"] svg g[aria-label="bar"] rect').length === n, rows);
    assert.equal(await page.locator('[data-testid="chart-x"]').inputValue(), 'Đơn vị');
    assert.equal(await page.locator('[data-testid="chart-y"]').inputValue(), 'Lượt tiếp');
    const description = await page.locator('[data-testid="chart"] [aria-description]').first().getAttribute('aria-description');
    assert.match(description, /Lượt tiếp/);

    await page.locator('[data-testid="chart-type"]').selectOption('line');
    await page.waitForFunction(() => document.querySelector('[data-testid="chart"] svg g[aria-label="line"] path') !== null);
    assert.equal(await bars(page).count(), 0);
  });

  it('asks for a filter instead of a heat table of hundreds of units, and draws it once filtered', async () => {
    const { page } = await app.open();
    const lines = ['Năm,Mã đơn vị,Đơn vị,Số mô hình'];
    for (const year of [2022, 2023, 2024]) for (let u = 0; u < 240; u++) lines.push(`${year},DV${u},Đơn vị thử ${u + 1},${(u * 7 + year) % 13}`);
    await loadFiles(page, { name: 'mo-hinh-240-don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await waitForTable(page, 'mo_hinh_240_don_vi');
    await page.locator('[data-testid="tab-analyses"]').click();
    const done = () => page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
    await page.locator('[data-testid="analysis-kind"]').selectOption('models');
    await page.locator('[data-testid="analysis-table"]').selectOption('mo_hinh_240_don_vi');
    await page.locator('[data-testid="analysis-view"]').selectOption('byUnit');
    await done();
    // Units × three years: a heat table of 240 rows cannot be read; the figures stay in the table view.
    const note = page.locator('[data-testid="analysis-chart"] [data-testid="chart-too-crowded"]');
    await note.waitFor();
    const text = await note.innerText();
    assert.match(text, /Có 240 giá trị Đơn vị/);
    assert.match(text, /bảng số liệu tô màu/);
    assert.equal(await page.locator('[data-testid="analysis-chart"] svg').count(), 0);
    // No picture to download: the buttons say so rather than doing nothing.
    for (const kind of ['svg', 'png']) {
      const button = page.locator(`[data-testid="analysis-export-${kind}"]`);
      assert.equal(await button.isDisabled(), true);
      assert.match(await button.getAttribute('title'), /lọc bớt/);
    }

    // Ten units chosen: the heat table is drawn, one row per unit, three years.
    const units = page.locator('[data-testid="analysis-units"]');
    const values = (await units.locator('option').evaluateAll((os) => os.map((o) => o.value))).slice(0, 10);
    await units.selectOption(values);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="analysis-chart"] [aria-label="cell"] rect').length === 30, null, { timeout: 30_000 });
    assert.equal(await note.count(), 0);
    assert.equal(await page.locator('[data-testid="analysis-export-svg"]').isDisabled(), false);
  });

  it('shows a tooltip with the value when the pointer is on a bar', async () => {
    const { page } = await app.open();
    const bar = page.locator('[data-testid="chart"] svg g[aria-label="bar"] rect').first();
    await bar.scrollIntoViewIfNeeded();
    const box = await bar.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => /Số mô hình/.test(document.querySelector('[data-testid="chart"] svg g[aria-label="tip"]')?.textContent ?? ''));
  });

  it('stacks and groups by a colour column, with vi-VN tick labels', async () => {
    const { page } = await app.open();
    await runSql(page, `SELECT "Năm", "Nội dung", sum("Số người") AS "Số người" FROM tiep_cong_dan GROUP BY ALL ORDER BY ALL`);
    // 7 years × 4 subjects
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart"] svg g[aria-label="bar"] rect').length === 28);
    assert.equal(await page.locator('[data-testid="chart-color"]').inputValue(), 'Nội dung');
    await page.locator('[data-testid="chart-type"]').selectOption('stackedBar');
    // Both charts have 28 bars, so wait for the stacked one by its axis: stacked, a year's total
    // passes a thousand (grouped, no bar does). The chart is drawn in its own task, a moment later.
    const tickTexts = () => page.locator('[data-testid="chart"] svg g[aria-label="y-axis tick label"] text').allTextContents();
    const thousands = (ticks) => ticks.some((t) => /^\d{1,3}\.\d{3}$/.test(t));
    const deadline = Date.now() + 10_000;
    let ticks = await tickTexts();
    while (!thousands(ticks) && Date.now() < deadline) {
      await page.waitForTimeout(100);
      ticks = await tickTexts();
    }
    assert.equal(await page.locator('[data-testid="chart"] svg g[aria-label="bar"] rect').count(), 28);
    assert.ok(thousands(ticks), `vi-VN thousands in ${ticks.join(' ')}`);
  });

  it('exports the chart as SVG and PNG, the result as CSV with BOM and as Parquet', async () => {
    const { page } = await app.open();
    const svg = await downloadOf(page, 'export-svg');
    assert.match(svg.name, /\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svgText.match(/<rect/g) ?? []).length >= 12, true);
    // The typeface travels with the file: Be Vietnam Pro embedded, nothing to fetch.
    assert.match(svgText, /@font-face\{font-family:'Be Vietnam Pro'[^}]*src:url\(data:font\/woff2;base64,/);

    const png = await downloadOf(page, 'export-png');
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    const csv = await downloadOf(page, 'export-csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse(csv.bytes.toString('utf8').slice(1).trim()).data;
    assert.deepEqual(parsed[0], ['Năm', 'Loại đơn vị', 'Số mô hình']);
    assert.equal(parsed.length, 14); // header + 13 rows (2025 has departments only)

    const parquet = await downloadOf(page, 'export-parquet');
    assert.equal(parquet.bytes.subarray(0, 4).toString(), 'PAR1');
    assert.equal(parquet.bytes.subarray(-4).toString(), 'PAR1');
  });
});
