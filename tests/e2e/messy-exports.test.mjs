import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { confirmImport, fixture, resultGrid, runSql, tables, useApp, waitForTable } from './harness.mjs';

const app = useApp();
const RECEPTION = 'tests/fixtures/Báo cáo tiếp công dân 2022 (Windows-1258).csv';
const item = (page) => page.locator('[data-testid="import-item"]').first();

describe('messy exports through the import preview', () => {
  it('shows what was detected, lets the user change it, and loads the clean table', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="file-input"]').setInputFiles(fixture(RECEPTION));
    await page.locator('[data-testid="import-preview"]').waitFor();
    const it = item(page);
    assert.equal(await it.locator('[data-testid="import-encoding"]').inputValue(), 'windows-1258');
    assert.equal(await it.locator('[data-testid="import-delimiter"]').inputValue(), ';');
    assert.equal(await it.locator('[data-testid="import-header-row"]').inputValue(), '4');
    assert.ok(await it.locator('[data-testid="import-add-year"]').isChecked());
    assert.match(await it.textContent(), /BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2022/);
    assert.match(await it.locator('[data-testid="import-totals"]').textContent(), /1/);
    assert.deepEqual(await it.locator('[data-testid="import-preview"] th .name').allTextContents(), [
      'Năm',
      'STT',
      'Đơn vị',
      'Lượt tiếp',
      'Số người',
      'Tỷ lệ giải quyết',
    ]);
    assert.equal(await it.locator('th', { hasText: 'STT' }).locator('[data-testid="import-row-number"]').count(), 1);
    // vi-VN display of what will load: 1.053 read as one thousand and fifty-three
    assert.match(await it.locator('[data-testid="import-preview"] tbody').textContent(), /1\.053/);

    // A wrong encoding garbles the header; switching back restores it.
    await it.locator('[data-testid="import-encoding"]').selectOption('windows-1252');
    await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid="import-preview"] th .name')].some((th) => th.textContent === 'Đơn vị'));
    await it.locator('[data-testid="import-encoding"]').selectOption('windows-1258');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="import-preview"] th .name')].some((th) => th.textContent === 'Đơn vị'));

    // Keep the rate column as text this time.
    await it.locator('th', { hasText: 'Tỷ lệ giải quyết' }).locator('[data-testid="import-style"]').selectOption('text');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="import-preview"] th')].some((th) => th.textContent.includes('Tỷ lệ giải quyết') && th.querySelector('code')?.textContent === 'VARCHAR'),
    );
    await confirmImport(page);
    await waitForTable(page, 'bao_cao_tiep_cong_dan_2022_windows_1258');
    assert.equal((await tables(page)).bao_cao_tiep_cong_dan_2022_windows_1258, 3);
    await runSql(page, `SELECT sum("Lượt tiếp") AS s, max("Năm") AS y, any_value(typeof("Tỷ lệ giải quyết")) AS t FROM bao_cao_tiep_cong_dan_2022_windows_1258 WHERE "Đơn vị" <> 'x'`);
    assert.deepEqual((await resultGrid(page)).rows, [['3240', '2022', 'VARCHAR']]);
    // A notice says the total line was kept out.
    assert.match((await page.locator('[role="status"]').allTextContents()).join(' '), /dòng tổng/);
  });

  it('remembers the choices for the next file of the same report', async () => {
    const { page } = await app.open('?empty');
    const bytes = await readFile(fixture(RECEPTION));
    const input = page.locator('[data-testid="file-input"]');
    await input.setInputFiles({ name: 'Báo cáo tiếp công dân 2022.csv', mimeType: 'text/csv', buffer: bytes });
    await page.locator('[data-testid="import-preview"]').waitFor();
    await item(page).locator('[data-testid="import-keep-totals"]').check();
    await confirmImport(page);
    await waitForTable(page, 'bao_cao_tiep_cong_dan_2022');
    assert.equal((await tables(page)).bao_cao_tiep_cong_dan_2022, 4, 'the total line was kept');

    await input.setInputFiles({ name: 'Báo cáo tiếp công dân 2023.csv', mimeType: 'text/csv', buffer: bytes });
    await page.locator('[data-testid="import-preview"]').waitFor();
    assert.ok(await item(page).locator('[data-testid="import-keep-totals"]').isChecked());
    assert.match(await item(page).textContent(), /Dùng lại lựa chọn đã lưu/);
    await page.locator('[data-testid="import-cancel"]').click();
    await page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached' });
    assert.deepEqual(Object.keys(await tables(page)), ['bao_cao_tiep_cong_dan_2022'], 'cancel loads nothing');
  });

  it('opens an Excel workbook on its data sheet and can switch sheets', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="file-input"]').setInputFiles(fixture('tests/fixtures/Xếp loại dân vận 2024.xlsx'));
    await page.locator('[data-testid="import-preview"]').waitFor();
    const sheet = item(page).locator('[data-testid="import-sheet"]');
    assert.equal(await sheet.inputValue(), 'Xếp loại 2024');
    await sheet.selectOption('Ghi chú');
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('[data-testid="import-preview"] th .name')].map((th) => th.textContent);
      return names.length > 0 && !names.includes('Xếp loại');
    });
    await sheet.selectOption('Xếp loại 2024');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="import-preview"] th .name')].some((th) => th.textContent === 'Xếp loại'));
    await confirmImport(page);
    await waitForTable(page, 'xep_loai_dan_van_2024');
    assert.equal((await tables(page)).xep_loai_dan_van_2024, 3);
  });

  it('turns a wide table with a two-line header into long form in one step', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="file-input"]').setInputFiles(fixture('tests/fixtures/Mô hình dân vận khéo 2023.csv'));
    const unpivot = item(page).locator('[data-testid="import-unpivot"]');
    await unpivot.waitFor();
    await unpivot.check();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="import-preview"] th .name')].some((th) => th.textContent === 'Lĩnh vực'));
    await confirmImport(page);
    await waitForTable(page, 'mo_hinh_dan_van_kheo_2023');
    assert.equal((await tables(page)).mo_hinh_dan_van_kheo_2023, 12);
    await runSql(page, `SELECT sum("Số mô hình") AS n FROM mo_hinh_dan_van_kheo_2023 WHERE "Lĩnh vực" = 'Kinh tế'`);
    assert.deepEqual((await resultGrid(page)).rows, [['1034']]);
  });

  it('combines one report over several years into one table with a Năm column', async () => {
    const { page } = await app.open('?empty');
    const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator('[data-testid="file-input"]').setInputFiles([
      csv('mo-hinh-2021.csv', 'Tên đơn vị,Lĩnh vực,Số mô hình\nA,Kinh tế,3\nB,Kinh tế,4\n'),
      csv('mo-hinh-2022.csv', 'ĐƠN VỊ,lĩnh  vực,Số Mô Hình\nA,Kinh tế,5\nC,Văn hóa,1.053\n'),
    ]);
    const matches = page.locator('[data-testid="import-series"] [data-testid="import-matches"]');
    await matches.waitFor();
    const firstRow = await matches.locator('tbody tr').first().locator('th, td').allTextContents();
    assert.deepEqual(firstRow, ['Tên đơn vị', 'Tên đơn vị', 'ĐƠN VỊ']);
    await confirmImport(page);
    await waitForTable(page, 'mo_hinh');
    assert.deepEqual(await tables(page), { mo_hinh: 4 });
    await runSql(page, `SELECT "Năm", sum("Số mô hình") AS n FROM mo_hinh GROUP BY 1 ORDER BY 1`);
    assert.deepEqual((await resultGrid(page)).rows, [['2021', '7'], ['2022', '1058']]);
  });

  it('reads UTF-16 "Unicode text" with tỷ, % and dates', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="file-input"]').setInputFiles(fixture('tests/fixtures/Đóng góp đường giao thông (Unicode text).txt'));
    await confirmImport(page);
    await waitForTable(page, 'dong_gop_duong_giao_thong_unicode_text');
    await runSql(page, `SELECT sum("Nhân dân đóng góp") AS tong, min("Ngày ký") AS ngay FROM dong_gop_duong_giao_thong_unicode_text`);
    assert.deepEqual((await resultGrid(page)).rows, [['5150000000', '2024-03-05']]);
  });
});
