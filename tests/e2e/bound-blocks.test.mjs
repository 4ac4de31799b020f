// Dashboards bound to their tables (issue "Nothing lost by a click…", part 2): importing a new
// file changes no block; a table that is gone is said in the block, which can be rebound; next
// year's file of the same report added to the bound table grows the dashboard by a year.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blocksDrawn, confirmImport, runSql, tables, useApp, waitForTable } from './harness.mjs';

const app = useApp();
const MODELS_HEADER = 'Năm,Mã đơn vị,Đơn vị,Lĩnh vực,Số mô hình';

/** Every block of every page, as its visible text, once all have drawn. */
async function dashboardText(page) {
  await page.locator('[data-testid="tab-dashboard"]').click();
  const out = {};
  for (const tab of await page.locator('[data-testid="dashboard-page"]').all()) {
    await tab.click();
    await blocksDrawn(page);
    out[await tab.getAttribute('data-page-id')] = await page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]').allInnerTexts();
  }
  return out;
}

async function importCsv(page, name, lines, { appendTo = null } = {}) {
  await page.locator('[data-testid="file-input"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  const item = page.locator(`[data-testid="import-item"][data-file="${name}"]`);
  await item.locator('[data-testid="import-preview"]').waitFor({ timeout: 30_000 });
  if (appendTo) await item.locator('[data-testid="import-append"]').selectOption(appendTo);
  await confirmImport(page);
}

describe('blocks bound to their tables', () => {
  it('importing a new file leaves every sample dashboard block’s figures as they were', async () => {
    const { page } = await app.open();
    const before = await dashboardText(page);
    assert.ok(Object.values(before).flat().some((text) => /\d/.test(text)), 'the blocks show figures');
    // A small models file for 2024, of the same shape as the sample's, loaded as a table of its own.
    const rows = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10'].map((code) => `2024,${code},Đơn vị ${code},Kinh tế,1`);
    await importCsv(page, 'Mô hình bổ sung 2024.csv', [MODELS_HEADER, ...rows]);
    await waitForTable(page, 'mo_hinh_bo_sung_2024');
    assert.deepEqual(await dashboardText(page), before);
  });

  it('a block whose table is gone says so, and can be bound to another table', async () => {
    const { page } = await app.open();
    await dashboardText(page);
    await page.locator('[data-testid="tab-sql"]').click();
    await runSql(page, 'ALTER TABLE tiep_cong_dan RENAME TO tiep_cong_dan_cu');
    await page.locator('[data-testid="tab-dashboard"]').click();
    const reception = page.locator('[data-testid="dashboard-page"]').nth(1);
    await reception.click();
    const block = page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]').first();
    const message = block.locator('[role="alert"][data-testid="error"]');
    await message.waitFor({ timeout: 30_000 });
    assert.match(await message.textContent(), /tiep_cong_dan/);
    assert.match(await message.textContent(), /không còn/);
    await block.locator('[data-testid="block-rebind-table"]').selectOption('tiep_cong_dan_cu');
    await block.locator('[data-testid="block-rebind"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]')?.dataset.state === 'ok', null, { timeout: 30_000 });
    assert.equal(await block.locator('[role="alert"]').count(), 0);
  });

  it('next year’s file added to the bound table from the preview grows the dashboard by a year', async () => {
    const { page } = await app.open();
    await dashboardText(page);
    const kpi = page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"][data-kind="kpi"]').first();
    await page.locator('[data-testid="dashboard-page"]').first().click();
    const before = Number(await kpi.locator('[data-testid="kpi"]').getAttribute('data-year'));
    const next = before + 1;
    const rows0 = (await tables(page)).mo_hinh_dan_van_kheo;
    const lines = [MODELS_HEADER, `${next},S01,Sở Nội vụ,Kinh tế,7`, `${next},S02,Sở Tài chính,Kinh tế,5`];
    await importCsv(page, `Mô hình dân vận khéo ${next}.csv`, lines, { appendTo: 'mo_hinh_dan_van_kheo' });
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="table-item"][data-table="mo_hinh_dan_van_kheo"]')?.dataset.rows) === n, rows0 + 2);
    assert.equal((await tables(page)).mo_hinh_bo_sung_2024, undefined);
    await page.locator('[data-testid="tab-dashboard"]').click();
    await page.waitForFunction((y) => document.querySelector('[data-testid="dashboard-grid"] [data-kind="kpi"] [data-testid="kpi"]')?.dataset.year === String(y), next, { timeout: 30_000 });
    assert.equal(Number(await kpi.locator('[data-testid="kpi"]').getAttribute('data-value')), 12);

    // The same year again is refused: it would be counted twice.
    await importCsv(page, `Mô hình dân vận khéo ${next} (lần 2).csv`, lines, { appendTo: 'mo_hinh_dan_van_kheo' });
    await page.waitForFunction(() => [...document.querySelectorAll('[role="alert"][data-testid="error"]')].some((e) => /hai lần/.test(e.textContent)), null, { timeout: 30_000 });
    assert.equal((await tables(page)).mo_hinh_dan_van_kheo, rows0 + 2);
  });
});
