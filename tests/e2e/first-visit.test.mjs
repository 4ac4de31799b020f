import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tables, useApp, resultGrid } from './harness.mjs';

const app = useApp();

describe('first visit', () => {
  it('opens in Vietnamese with the sample workbook, a query and its chart', async () => {
    const { page, consoleErrors } = await app.open();
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.deepEqual(await tables(page), { don_vi: 30, mo_hinh_dan_van_kheo: 720, tiep_cong_dan: 1344, xep_loai_dan_van: 180 });
    const result = page.locator('[data-testid="query-result"]');
    assert.equal(await result.getAttribute('data-state'), 'ok');
    assert.equal(await result.getAttribute('data-rows'), '12');
    const grid = await resultGrid(page);
    assert.deepEqual(grid.columns, ['Năm', 'Loại đơn vị', 'Số mô hình']);
    assert.equal(grid.rows[0][0], '2019');
    // 6 years × 2 unit types, one bar each
    assert.equal(await page.locator('[data-testid="chart"] svg g[aria-label="bar"] rect').count(), 12);
    assert.equal(await page.locator('[data-testid="run-query"]').textContent(), 'Chạy');
    assert.deepEqual(consoleErrors, []);
  });

  it('?empty opens an empty workbook', async () => {
    const { page } = await app.open('?empty');
    assert.deepEqual(await tables(page), {});
    assert.equal(await page.locator('[data-testid="query-result"]').getAttribute('data-state'), null);
  });

  it('switches the interface to English and back', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="language"]').selectOption('en');
    assert.equal(await page.locator('[data-testid="run-query"]').textContent(), 'Run');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.equal(await page.locator('[data-testid="run-query"]').textContent(), 'Run', 'the choice is remembered');
    await page.locator('[data-testid="language"]').selectOption('vi');
    assert.equal(await page.locator('[data-testid="run-query"]').textContent(), 'Chạy');
  });
});
