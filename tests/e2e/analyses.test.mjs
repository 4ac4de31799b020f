// The three questions of the mission answered without SQL, in a real browser, and checked
// against figures computed here from the sample CSV files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resultGrid, sampleCsv as csv, useApp } from './harness.mjs';

const app = useApp();
const units = csv('don-vi');
const models = csv('mo-hinh-dan-van-kheo');
const classification = csv('xep-loai-dan-van');
const reception = csv('tiep-cong-dan');
const nameOf = (code) => units.find((u) => u['Mã đơn vị'] === code)['Tên đơn vị'];
const sumWhere = (list, column, keep) => list.filter(keep).reduce((a, r) => a + Number(r[column]), 0);

const result = (page) => page.locator('[data-testid="analysis-result"]');
const sqlText = (page) => page.locator('[data-testid="analysis-sql"]').textContent();

/** Does `action`, then waits for the analysis it changed to finish. */
async function change(page, action) {
  const before = await sqlText(page).catch(() => null);
  await action();
  await page.waitForFunction(
    (previous) => {
      const el = document.querySelector('[data-testid="analysis-result"]');
      const sql = document.querySelector('[data-testid="analysis-sql"]')?.textContent;
      return el && sql !== previous && ['ok', 'error'].includes(el.getAttribute('data-state'));
    },
    before,
    { timeout: 30_000 },
  );
  assert.equal(await result(page).getAttribute('data-state'), 'ok', await sqlText(page));
}

async function openAnalyses(page) {
  await page.locator('[data-testid="tab-analyses"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
}

/** Picks an option, and waits for the analysis when that changed anything. */
async function select(page, testid, value) {
  const control = page.locator(`[data-testid="${testid}"]`);
  // Svelte applies the change and starts the new run in microtasks, before Playwright's next
  // evaluation: waiting for `ok` then sees the new result (two views may share one query).
  await control.selectOption(String(value));
  await settled(page);
}

/** The analysis shown has finished (a sync of the semantic layer may have re-run it). */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
}
const check = (page, testid, value) => change(page, () => page.locator(`[data-testid="${testid}"][value="${value}"]`).check());

async function table(page) {
  await page.locator('[data-testid="analysis-show-table"]').check();
  await page.locator('[data-testid="analysis-result"] table').waitFor();
  const grid = await page.locator('[data-testid="analysis-result"] table').evaluate((t) => ({
    columns: [...t.querySelectorAll('th')].map((th) => th.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td[data-value]')].map((td) => td.dataset.value)),
  }));
  return grid.rows.map((r) => Object.fromEntries(grid.columns.map((c, i) => [c, r[i]])));
}

describe('analyses without SQL', () => {
  it('answers: how many models did each district register in 2024 compared with 2023?', async () => {
    const { page } = await app.open();
    await openAnalyses(page);
    await select(page, 'analysis-view', 'change');
    await select(page, 'analysis-year-from', 2024);
    await select(page, 'analysis-year-to', 2024);
    await check(page, 'analysis-unit-type', 'UBND cấp huyện');
    // One bar per district, with a description for screen readers.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="analysis-chart"] svg g[aria-label="bar"] rect').length === 10);
    assert.match(await page.locator('[data-testid="analysis-chart"] [aria-description]').first().getAttribute('aria-description'), /Tăng\/giảm/);
    const rows = await table(page);
    assert.equal(rows.length, 10);
    for (const code of ['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07', 'H08', 'H09', 'H10']) {
      const of = (y) => sumWhere(models, 'Số mô hình', (r) => r['Mã đơn vị'] === code && r['Năm'] === y);
      const row = rows.find((r) => r['Đơn vị'] === nameOf(code));
      assert.ok(row, nameOf(code));
      assert.equal(Number(row['Số mô hình']), of('2024'));
      assert.equal(Number(row['Năm trước']), of('2023'));
      assert.equal(Number(row['Tăng/giảm']), of('2024') - of('2023'));
    }
    // The generated SQL binds the filter values; opened in the editor it gives the same rows.
    const sql = await sqlText(page);
    assert.match(sql, /'UBND cấp huyện'/);
    await page.locator('[data-testid="analysis-sql"]').locator('xpath=..').locator('summary').click();
    await page.locator('[data-testid="analysis-open-sql"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state') === 'ok' && document.querySelector('[data-testid="query-result"]')?.getAttribute('data-rows') === '10', null, { timeout: 30_000 });
    const grid = await resultGrid(page);
    assert.ok(grid.columns.includes('Tăng/giảm'));
  });

  it('answers: how did the number of units rated Hoàn thành xuất sắc change from 2019 to 2024?', async () => {
    const { page } = await app.open();
    await openAnalyses(page);
    await select(page, 'analysis-kind', 'classification');
    await select(page, 'analysis-year-from', 2019);
    await select(page, 'analysis-year-to', 2024);
    await page.locator('[data-testid="analysis-chart"] svg').first().waitFor();
    const rows = (await table(page)).filter((r) => r['Xếp loại'] === 'Hoàn thành xuất sắc nhiệm vụ');
    const expected = [2019, 2020, 2021, 2022, 2023, 2024].map(
      (y) => classification.filter((r) => r['Năm'] === String(y) && ['Hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'].includes(r['Xếp loại'])).length,
    );
    assert.deepEqual(rows.map((r) => Number(r['Năm'])), [2019, 2020, 2021, 2022, 2023, 2024]);
    assert.deepEqual(rows.map((r) => Number(r['Số đơn vị'])), expected);
  });

  it('answers: which units received the most citizens about land in 2023?', async () => {
    const { page } = await app.open();
    await openAnalyses(page);
    await select(page, 'analysis-kind', 'reception');
    await select(page, 'analysis-view', 'top');
    await select(page, 'analysis-measure', 'Số người');
    await select(page, 'analysis-year-from', 2023);
    await select(page, 'analysis-year-to', 2023);
    await check(page, 'analysis-category', 'Đất đai');
    await change(page, () => page.locator('[data-testid="analysis-top"]').fill('3').then(() => page.locator('[data-testid="analysis-top"]').press('Enter')));
    const per = new Map();
    for (const r of reception.filter((r) => r['Năm'] === '2023' && r['Nội dung'] === 'Đất đai')) per.set(r['Mã đơn vị'], (per.get(r['Mã đơn vị']) ?? 0) + Number(r['Số người']));
    const best = [...per.values()].sort((a, b) => b - a).slice(0, 3);
    const rows = await table(page);
    assert.deepEqual(rows.map((r) => Number(r['Số người'])), best);
    for (const r of rows) assert.equal(per.get(units.find((u) => u['Tên đơn vị'] === r['Đơn vị'])['Mã đơn vị']), Number(r['Số người']));
  });

  it('compares any table, and rolls history up onto today\'s units', async () => {
    const { page } = await app.open();
    await openAnalyses(page);
    await select(page, 'analysis-view', 'change');
    await select(page, 'analysis-year-from', 2025);
    await select(page, 'analysis-unit-view', 'current');
    const rows = await table(page);
    const row = rows.find((r) => r['Đơn vị'] === 'Sở Nông nghiệp và Môi trường');
    const predecessors = sumWhere(models, 'Số mô hình', (r) => r['Năm'] === '2024' && ['S06', 'S07'].includes(r['Mã đơn vị']));
    assert.equal(Number(row['Năm trước']), predecessors);

    await select(page, 'analysis-kind', 'custom');
    await select(page, 'analysis-table', 'tiep_cong_dan');
    await select(page, 'analysis-measure', 'Đơn thư nhận');
    await select(page, 'analysis-unit-view', 'asWas');
    await change(page, () => page.locator('[data-testid="analysis-dim"][value="unit"]').uncheck());
    await select(page, 'analysis-compare', 'change');
    const custom = await table(page);
    const of = (y) => sumWhere(reception, 'Đơn thư nhận', (r) => r['Năm'] === y);
    const y2025 = custom.find((r) => r['Năm'] === '2025');
    assert.equal(Number(y2025['Đơn thư nhận']), of('2025'));
    assert.equal(Number(y2025['Tăng/giảm']), of('2025') - of('2024'));
  });

  it('shows the proposed column roles, the units dictionary and the crosswalk, and lets the user edit them', async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.locator('[data-testid="semantics-table"]').selectOption('xep_loai_dan_van');
    assert.equal(await page.locator('[data-testid="role-select"][data-column="Xếp loại"]').inputValue(), 'level');
    assert.equal(await page.locator('[data-testid="role-select"][data-column="Điểm"]').inputValue(), 'score');
    await page.locator('[data-testid="roles-confirm"]').click();
    await page.locator('[data-testid="roles-state"][data-confirmed="true"]').waitFor();
    await page.locator('[data-testid="units-all-matched"]').waitFor();
    assert.equal(await page.locator('[data-testid="crosswalk-row"]').count(), 6);
    assert.equal(await page.locator('[data-testid="crosswalk-row"][data-from="Sở Giao thông vận tải"]').getAttribute('data-to'), 'Sở Xây dựng');

    // A column taken away from its role: the analysis says what is missing and where to fix it.
    await page.locator('[data-testid="role-select"][data-column="Xếp loại"]').selectOption('none');
    await page.locator('[data-testid="tab-analyses"]').click();
    await page.locator('[data-testid="analysis-kind"]').selectOption('classification');
    await page.locator('[data-testid="analysis-unavailable"]').waitFor();
    assert.match(await page.locator('[data-testid="analysis-unavailable"]').textContent(), /Chưa có bảng nào phù hợp|Xếp loại/);
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.locator('[data-testid="role-select"][data-column="Xếp loại"]').selectOption('level');

    // A crosswalk row removed and added again in the app.
    await page.locator('[data-testid="crosswalk-row"][data-from="Sở Giao thông vận tải"] [data-testid="crosswalk-remove"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="crosswalk-row"]').length === 5);
    await page.locator('[data-testid="crosswalk-old"]').selectOption({ label: 'Sở Giao thông vận tải' });
    await page.locator('[data-testid="crosswalk-new"]').selectOption({ label: 'Sở Xây dựng' });
    await page.locator('[data-testid="crosswalk-date"]').fill('2025-03-01');
    await page.locator('[data-testid="crosswalk-add"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="crosswalk-row"]').length === 6);
  });

  it('runs every view of every subject on the sample workbook', async () => {
    const { page } = await app.open();
    await openAnalyses(page);
    const kinds = { models: ['byUnit', 'change', 'byField', 'rank', 'share', 'missing'], classification: ['distribution', 'distributionPct', 'levelChange', 'transitions', 'matrix', 'score', 'below'], reception: ['byUnit', 'byPeriod', 'bySubject', 'sameTimeLastYear', 'top'] };
    for (const [kind, views] of Object.entries(kinds)) {
      await select(page, 'analysis-kind', kind);
      for (const view of views) {
        await select(page, 'analysis-view', view);
        const rows = Number(await result(page).getAttribute('data-rows'));
        assert.ok(rows > 0, `${kind}/${view} has rows`);
        // A chart where one suits the view, else the table; never neither.
        // The chart is drawn after its code loads, a moment after the result: wait for it, and
        // fail if after 15 s there is still neither chart nor table.
        const shown = await page
          .locator('[data-testid="analysis-chart"] svg, [data-testid="analysis-result"] table')
          .first()
          .waitFor({ timeout: 15_000 })
          .then(() => true, () => false);
        assert.ok(shown, `${kind}/${view} shows something`);
      }
    }
    assert.deepEqual(await page.locator('[role="alert"]').allTextContents(), []);
  });

  it('lists unit names that match nothing, and takes the user\'s answer', async () => {
    const { page } = await app.open();
    const text = 'Năm,Đơn vị,Lĩnh vực,Số mô hình\n2024,Phòng Dân vận Tân Phú,Kinh tế,3\n2024,Xã Mới Lập,Kinh tế,2\n2024,<img src=x onerror=alert(1)>,Kinh tế,1\n';
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'mo-hinh-bo-sung.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="table-item"][data-table="mo_hinh_bo_sung"][data-rows]').waitFor();
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="unmatched-name"]').length === 3);
    // Shown as text, never as markup.
    assert.equal(await page.locator('[data-testid="unmatched-name"] img').count(), 0);
    const tanPhu = page.locator('[data-testid="unmatched-name"][data-name="Phòng Dân vận Tân Phú"]');
    await tanPhu.locator('[data-testid="unmatched-map"]').selectOption({ label: 'Huyện Tân Phú' });
    await page.locator('[data-testid="unmatched-name"][data-name="Xã Mới Lập"] [data-testid="unmatched-add"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="unmatched-name"]').length === 1);
    await page.locator('[data-testid="unmatched-add"]').click();
    await page.locator('[data-testid="units-all-matched"]').waitFor();

    await page.locator('[data-testid="tab-analyses"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
    await select(page, 'analysis-table', 'mo_hinh_bo_sung');
    const rows = await table(page);
    assert.deepEqual(rows.map((r) => [r['Đơn vị'], r['Số mô hình']]).sort(), [['<img src=x onerror=alert(1)>', '1'], ['Huyện Tân Phú', '3'], ['Xã Mới Lập', '2']].sort());
  });
  it('finds a unit among hundreds by typing, and keeps the units chosen listed', async () => {
    const { page } = await app.open();
    // 600 communes over two years: more than a list can usefully show.
    const names = Array.from({ length: 600 }, (_, i) => (i % 2 ? `Xã Đông Hòa ${i}` : `Phường Bình Kiến ${i}`));
    const text = ['Năm,Đơn vị,Loại đơn vị,Số mô hình', ...names.flatMap((n, i) => [`2023,${n},Xã,${i % 7}`, `2024,${n},Xã,${(i % 7) + 1}`])].join('\n');
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'mo-hinh-nhieu-xa.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="table-item"][data-table="mo_hinh_nhieu_xa"][data-rows]').waitFor();
    await openAnalyses(page);
    await select(page, 'analysis-table', 'mo_hinh_nhieu_xa');
    const options = () => page.locator('[data-testid="analysis-units"] option').allTextContents();
    assert.equal((await options()).length, 200);
    assert.match(await page.locator('[data-testid="analysis-units-shown"]').textContent(), /600/);
    // Typed without tones: the list narrows to the names holding every word.
    await page.locator('[data-testid="analysis-units-search"]').fill('dong hoa 37');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="analysis-units"] option').length < 20);
    const found = await options();
    assert.deepEqual(found, names.filter((n) => n.startsWith('Xã Đông Hòa') && n.split(' ').at(-1).includes('37')));
    await change(page, () => page.locator('[data-testid="analysis-units"]').selectOption({ label: 'Xã Đông Hòa 37' }));
    const rows = await table(page);
    assert.ok(rows.length > 0 && rows.every((r) => r['Đơn vị'] === 'Xã Đông Hòa 37'), JSON.stringify(rows));
    // Another search: the unit chosen stays listed and chosen.
    await page.locator('[data-testid="analysis-units-search"]').fill('Bình Kiến');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="analysis-units"] option')].some((o) => o.textContent.startsWith('Phường')));
    const chosen = await page.locator('[data-testid="analysis-units"] option:checked').allTextContents();
    assert.deepEqual(chosen, ['Xã Đông Hòa 37']);
    assert.equal((await options()).length, 200);
  });
});
