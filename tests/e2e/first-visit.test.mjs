import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sampleRows, tables, useApp, resultGrid } from './harness.mjs';

const app = useApp();

describe('first visit', () => {
  it('opens in Vietnamese with the sample workbook, a query and its chart', async () => {
    const { page, consoleErrors } = await app.open();
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.deepEqual(await tables(page), {
      don_vi: sampleRows('don-vi'),
      mo_hinh_dan_van_kheo: sampleRows('mo-hinh-dan-van-kheo'),
      sap_xep_don_vi_2025: sampleRows('sap-xep-don-vi-2025'),
      tiep_cong_dan: sampleRows('tiep-cong-dan'),
      xep_loai_dan_van: sampleRows('xep-loai-dan-van'),
    });
    const result = page.locator('[data-testid="query-result"]');
    assert.equal(await result.getAttribute('data-state'), 'ok');
    // 2019–2024: departments and districts; 2025: departments only (districts ended on 1/7/2025).
    assert.equal(await result.getAttribute('data-rows'), '13');
    const grid = await resultGrid(page);
    assert.deepEqual(grid.columns, ['Năm', 'Loại đơn vị', 'Số mô hình']);
    assert.equal(grid.rows[0][0], '2019');
    assert.equal(await page.locator('[data-testid="chart"] svg g[aria-label="bar"] rect').count(), 13);
    assert.equal(await page.locator('[data-testid="run-query"]').textContent(), 'Chạy');
    assert.deepEqual(consoleErrors, []);
  });

  it('is ready with the saved query before the semantic sync ends, and the analyses wait for the sync', async () => {
    const { page } = await app.open();
    // The sync starts once the saved query is drawn, so it ends after the page is ready.
    const afterQuery = () => {
      const query = performance.getEntriesByName('sdv:open:query', 'measure')[0];
      const sync = performance.getEntriesByName('sdv:semantics:sync', 'measure')[0];
      return query && sync && sync.startTime >= query.startTime + query.duration ? sync.startTime + sync.duration : null;
    };
    await page.waitForFunction(afterQuery);
    const syncEnd = await page.evaluate(afterQuery);
    const ready = await page.evaluate(() => performance.getEntriesByName('sdv:ready', 'mark')[0].startTime);
    assert.ok(syncEnd > ready, `sync ended at ${syncEnd} ms, ready at ${ready} ms`);
    // An analysis read at once shows the units as matched by the sync: 2025's departments only.
    await page.locator('[data-testid="tab-analyses"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok');
    assert.equal(await page.locator('[data-testid="analysis-result"] [role="alert"]').count(), 0);
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
