// The query layer keeps answers and pre-aggregated tables: after the crosswalk is edited, a
// filter change must show figures from the new crosswalk, never a kept answer from the old.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sampleCsv as csv, useApp } from './harness.mjs';

const app = useApp();
const units = csv('don-vi');
const models = csv('mo-hinh-dan-van-kheo');
const codeOf = (name) => units.find((u) => u['Tên đơn vị'] === name)['Mã đơn vị'];
const OLD = 'Sở Giao thông vận tải';
const NEW = 'Sở Xây dựng';
const modelsOf = (codes, year) => models.filter((r) => codes.includes(r['Mã đơn vị']) && r['Năm'] === String(year)).reduce((a, r) => a + Number(r['Số mô hình']), 0);

const settled = (page) => page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });

async function select(page, testid, value) {
  await page.locator(`[data-testid="${testid}"]`).selectOption(String(value));
  await settled(page);
}

/** The analysis as a table: unit name → models that year. */
async function figures(page, year) {
  await page.locator('[data-testid="analysis-show-table"]').check();
  await page.waitForFunction(
    (y) => {
      const t = document.querySelector('[data-testid="analysis-result"] table');
      const sql = document.querySelector('[data-testid="analysis-sql"]')?.textContent ?? '';
      return t && document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok' && sql.includes(String(y));
    },
    year,
    { timeout: 30_000 },
  );
  const grid = await page.locator('[data-testid="analysis-result"] table').evaluate((t) => ({
    columns: [...t.querySelectorAll('th')].map((th) => th.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td[data-value]')].map((td) => td.dataset.value)),
  }));
  const unit = grid.columns.indexOf('Đơn vị');
  const value = grid.columns.indexOf('Số mô hình');
  return new Map(grid.rows.map((r) => [r[unit], Number(r[value])]));
}

describe('cached answers', () => {
  it('a filter change after a crosswalk edit shows the new figures', async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="tab-analyses"]').click();
    await settled(page);
    await select(page, 'analysis-unit-view', 'current');
    await select(page, 'analysis-year-to', 2024);
    await select(page, 'analysis-year-from', 2023);
    await select(page, 'analysis-year-to', 2023);
    // Rolled up through the crosswalk: the old department's models count under the new one.
    const before = await figures(page, 2023);
    assert.equal(before.get(NEW), modelsOf([codeOf(NEW), codeOf(OLD)], 2023));
    assert.equal(before.has(OLD), false);
    // Another year, so 2023's answer and pre-aggregate are kept behind.
    await select(page, 'analysis-year-to', 2024);
    await select(page, 'analysis-year-from', 2024);

    await page.locator('[data-testid="tab-semantics"]').click();
    const rows = await page.locator('[data-testid="crosswalk-row"]').count();
    await page.locator(`[data-testid="crosswalk-row"][data-from="${OLD}"] [data-testid="crosswalk-remove"]`).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="crosswalk-row"]').length === n, rows - 1);

    await page.locator('[data-testid="tab-analyses"]').click();
    await settled(page);
    await select(page, 'analysis-year-from', 2023);
    await select(page, 'analysis-year-to', 2023);
    const after = await figures(page, 2023);
    assert.equal(after.get(NEW), modelsOf([codeOf(NEW)], 2023));
    assert.equal(after.get(OLD), modelsOf([codeOf(OLD)], 2023));
  });
});
