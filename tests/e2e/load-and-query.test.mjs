import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { alerts, confirmImport, fixture, loadFiles, resultGrid, runSql, tables, useApp, waitForTable, sampleRows } from './harness.mjs';

const app = useApp();

describe('loading files and querying them', () => {
  it('loads a CSV and a Parquet file picked together, then queries them', async () => {
    const { page } = await app.open('?empty');
    await loadFiles(page, [fixture('tests/fixtures/Tiếp công dân 2022.csv'), fixture('data-samples/xep-loai-dan-van.parquet')]);
    await waitForTable(page, 'tiep_cong_dan_2022');
    await waitForTable(page, 'xep_loai_dan_van');
    assert.deepEqual(await tables(page), { tiep_cong_dan_2022: 3, xep_loai_dan_van: sampleRows('xep-loai-dan-van') });

    const result = await runSql(page, 'SELECT sum("Lượt tiếp") AS tong, max("Tỷ lệ") AS cao FROM tiep_cong_dan_2022');
    assert.equal(await result.getAttribute('data-state'), 'ok');
    assert.equal(await result.getAttribute('data-rows'), '1');
    assert.deepEqual(await resultGrid(page), { columns: ['tong', 'cao'], rows: [['3240', '44.5']] });
    // vi-VN display of the same values
    const shown = await page.locator('[data-testid="query-result"] td[data-value]').allTextContents();
    assert.deepEqual(shown, ['3.240', '44,5']);

    await runSql(page, `SELECT count(*) AS n FROM xep_loai_dan_van WHERE "Xếp loại" = 'Hoàn thành xuất sắc nhiệm vụ' AND "Năm" = 2024`);
    const [[n]] = (await resultGrid(page)).rows;
    assert.ok(Number(n) > 0 && Number(n) < 30);
  });

  it('a query that only reads leaves the tables as listed; one that writes lists them and syncs again', async () => {
    const { page } = await app.open();
    // When the last semantic sync began (it follows each new listing of the tables).
    const syncedAt = () => page.evaluate(() => performance.getEntriesByName('sdv:semantics:sync').at(-1)?.startTime ?? -1);
    await page.waitForFunction(() => performance.getEntriesByName('sdv:semantics:sync').length > 0, null, { timeout: 30_000 });
    await runSql(page, 'SELECT 1 AS a');
    const before = await syncedAt();
    const reads = await runSql(page, 'SELECT count(*) AS n FROM tiep_cong_dan');
    assert.equal(await reads.getAttribute('data-rows'), '1');
    await page.waitForTimeout(1000);
    assert.equal(await syncedAt(), before, 'no sync after a query that only reads');

    await runSql(page, `CREATE TABLE them_moi AS SELECT 'Xã Đông' AS "Đơn vị", 2024 AS "Năm", 3 AS "Số mô hình"`);
    await waitForTable(page, 'them_moi');
    await page.waitForFunction((before) => (performance.getEntriesByName('sdv:semantics:sync').at(-1)?.startTime ?? -1) > before, before, { timeout: 30_000 });
  });

  it('completes table and column names in the editor', async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="sql-editor"]').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('SELECT * FROM mo_hi');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'mo_hinh_dan_van_kheo' });
    await option.waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.cm-content').innerText(), 'SELECT * FROM mo_hinh_dan_van_kheo');
    await page.keyboard.type(' WHERE mo_hinh_dan_van_kheo.');
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'Số mô hình' }).waitFor();
  });

  it('shows the first rows of a table when it is clicked', async () => {
    const { page } = await app.open();
    // The table's name (the other button, ✕, deletes it).
    await page.locator('[data-testid="table-item"][data-table="don_vi"] button', { hasText: 'don_vi' }).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="query-result"]')?.getAttribute('data-rows') === String(n), sampleRows('don-vi'));
    assert.deepEqual((await resultGrid(page)).columns, ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị']);
  });

  it('loads files dropped anywhere on the page', async () => {
    const { page } = await app.open('?empty');
    const csv = await readFile(fixture('data-samples/don-vi.csv'), 'utf8');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'Đơn vị tỉnh.csv', { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.querySelector('main').dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, csv);
    await confirmImport(page);
    await waitForTable(page, 'don_vi_tinh');
    assert.deepEqual(await tables(page), { don_vi_tinh: sampleRows('don-vi') });
  });

  it('reports a SQL error naming the query, with the app still usable', async () => {
    const { page } = await app.open();
    const result = await runSql(page, 'SELECT * FROM bang_khong_co');
    assert.equal(await result.getAttribute('data-state'), 'error');
    const [message] = await alerts(page);
    assert.match(message, /SELECT \* FROM bang_khong_co/);
    assert.match(message, /bang_khong_co/);
    assert.match(message, /không có bảng nào tên như vậy/);
    assert.match(message, /Hãy dùng tên bảng như trong danh sách bảng/);
    // Beside the editor, in the result area, not in the banner at the top.
    assert.equal(await result.locator('[role="alert"][data-testid="error"]').count(), 1);
    const ok = await runSql(page, 'SELECT 1 AS x');
    assert.equal(await ok.getAttribute('data-state'), 'ok');
  });

  it('runs with Ctrl+Enter and cancels a long query', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="sql-editor"]').click();
    await page.keyboard.type('SELECT count(*) FROM range(20000000000) t(i) WHERE i % 7 = 3');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    const result = page.locator('[data-testid="query-result"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state') === 'running');
    await page.locator('[data-testid="cancel-query"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state') === 'error', null, {
      timeout: 20_000,
    });
    assert.match(await page.locator('[role="status"]').allTextContents().then((t) => t.join(' ')), /Đã hủy truy vấn/);
    const ok = await runSql(page, 'SELECT 2 AS y');
    assert.equal(await ok.getAttribute('data-state'), 'ok');
    assert.equal(await result.getAttribute('data-rows'), '1');
  });

  it('scrolls a 1,000,000-row result with only a window of rows in the page', async () => {
    const { page } = await app.open('?empty');
    const result = await runSql(page, 'SELECT i AS "STT", i * 2 AS gap_doi FROM range(1000000) t(i)');
    assert.equal(await result.getAttribute('data-rows'), '1000000');
    const rendered = await page.locator('[data-testid="query-result"] tbody tr').count();
    assert.ok(rendered > 5 && rendered < 100, `rendered ${rendered} rows`);
    await page.locator('[data-testid="query-result"] .scroller').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="query-result"] tbody tr td[data-value]')].some((td) => td.dataset.value === '999999'),
    );
  });
});
