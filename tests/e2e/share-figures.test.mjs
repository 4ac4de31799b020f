// A read-only share carries figures, not people: a count-only dashboard over a log of named
// citizens, saved read-only, holds no name, ID or phone number in any entry of the file (each
// Parquet entry read back with DuckDB) and still shows the count when opened. Ticking
// "with data" carries the raw table and warns about the personal columns first.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { DuckDBInstance } from '@duckdb/node-api';
import { blocksDrawn, runSql, useApp, waitForTable, confirmImport, editMode } from './harness.mjs';

const app = useApp();
const scratch = await mkdtemp(path.join(tmpdir(), 'sdv-share-'));
after(() => rm(scratch, { recursive: true, force: true }));

const UNITS = ['Sở Nội vụ', 'Sở Y tế', 'Xã Hòa Bình', 'Phường Đông Hải', 'Huyện Đồng Xuân'];
const people = Array.from({ length: 50 }, (_, i) => ({
  name: `Nguyễn Thị Lựu Số${String(i + 1).padStart(2, '0')}`,
  id: `0791${String(90000000 + i * 7919).padStart(8, '0')}`,
  phone: `09${String(12345670 + i * 13).padStart(8, '0')}`,
  address: `Thôn Phú Lộc ${i + 1}, xã Hòa An`,
  unit: UNITS[i % UNITS.length],
  quarter: (i % 4) + 1,
}));
const csv = ['Họ và tên,Số CCCD,Số điện thoại,Địa chỉ,Đơn vị,Năm,Quý', ...people.map((p) => `${p.name},${p.id},${p.phone},"${p.address}",${p.unit},2024,${p.quarter}`)].join('\n') + '\n';

async function saveFile(page, { withData }) {
  await page.locator('[data-testid="save-view-only"]').check();
  const summary = page.locator('[data-testid="save-share-summary"]');
  await summary.waitFor();
  if (withData) await page.locator('[data-testid="save-with-data"]').check();
  else await page.locator('[data-testid="save-with-data"]').uncheck();
  await page.waitForFunction(() => !/Đang xem tệp/.test(document.querySelector('[data-testid="save-share-summary"]')?.textContent ?? 'Đang xem tệp'));
  const text = await summary.innerText();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-workbook"]').click()]);
  return { text, bytes: await readFile(await download.path()) };
}

/** Every cell of every Parquet entry and the manifest's text, as one list of strings. */
async function everyValue(bytes) {
  const entries = unzipSync(new Uint8Array(bytes));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const values = [];
  let tables = 0;
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('.parquet')) {
      const file = path.join(scratch, `${tables++}.parquet`);
      await writeFile(file, data);
      const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
      values.push(...reader.columnNames());
      for (const row of reader.getRows()) values.push(...row.map((v) => String(v)));
    } else values.push(new TextDecoder().decode(data));
  }
  conn.closeSync?.();
  return { entries, values: values.join('\n') };
}

describe('a read-only share carries figures, not people', () => {
  it('holds no named row, shows the count, and carries the raw data only when asked, with a warning', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="file-input"]').setInputFiles([{ name: 'Người đến 2024.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await confirmImport(page);
    await waitForTable(page, 'nguoi_den_2024');

    // A KPI counting rows, and an SQL block counting people.
    await page.locator('[data-testid="tab-analyses"]').click();
    await page.locator('[data-testid="analysis-kind"]').selectOption('custom');
    await page.locator('[data-testid="analysis-table"]').selectOption('nguoi_den_2024');
    await page.locator('[data-testid="analysis-measure"]').selectOption('');
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
    await page.locator('[data-testid="analysis-add-kpi"]').click();
    await runSql(page, 'SELECT count(*) AS "Số người", count(DISTINCT "Đơn vị") AS "Số đơn vị" FROM nguoi_den_2024');
    await page.locator('[data-testid="sql-add-block"]').click();
    await page.locator('[data-testid="tab-dashboard"]').click();
    await editMode(page, false);
    await blocksDrawn(page);
    const shown = await page.locator('[data-testid="dashboard-block"]').allInnerTexts();
    assert.ok(shown.some((t) => /\b50\b/.test(t)), `the dashboard shows the count: ${shown.join(' | ')}`);

    // Figures only (the default): the save step says what goes and what stays.
    const share = await saveFile(page, { withData: false });
    assert.match(share.text, /nguoi_den_2024/);
    assert.match(share.text, /thông tin cá nhân không được kèm: .*Họ và tên/);
    const { entries, values } = await everyValue(share.bytes);
    for (const p of people) {
      assert.ok(!values.includes(p.name), `no name in the share (${p.name})`);
      assert.ok(!values.includes(p.id), `no ID number in the share (${p.id})`);
      assert.ok(!values.includes(p.phone), `no phone number in the share (${p.phone})`);
      assert.ok(!values.includes(p.address), `no address in the share`);
    }
    const manifest = JSON.parse(new TextDecoder().decode(entries['workbook.json']));
    assert.equal(manifest.viewOnly, true);
    assert.equal(manifest.sql, '');
    for (const t of manifest.tables) assert.ok(!t.name.includes('ho_va_ten'));

    // Opened elsewhere, the share shows the same figures.
    const other = await app.open('?empty');
    await other.page.locator('[data-testid="file-input"]').setInputFiles([{ name: 'chia-se.sdv', mimeType: 'application/zip', buffer: share.bytes }]);
    await other.page.waitForFunction(() => document.querySelectorAll('[data-testid="dashboard-block"]').length >= 2, null, { timeout: 60_000 });
    await blocksDrawn(other.page);
    const opened = await other.page.locator('[data-testid="dashboard-block"]').allInnerTexts();
    const kpi = await other.page.locator('[data-testid="dashboard-block"][data-kind="kpi"]').innerText();
    assert.match(kpi, /\b50\b/, `the KPI still counts 50 people: ${kpi}`);
    const sqlBlock = await other.page.locator('[data-testid="dashboard-block"][data-kind="sql"]').innerText();
    assert.match(sqlBlock, /\b50\b/, `the SQL block still shows 50: ${sqlBlock}`);
    assert.ok(!opened.join('\n').includes('Nguyễn Thị Lựu'));

    // With the data, asked for: a warning naming the personal columns, and the names travel.
    await page.locator('[data-testid="save-view-only"]').check();
    await page.locator('[data-testid="save-with-data"]').check();
    const warning = page.locator('[data-testid="save-personal-warning"]');
    await warning.waitFor();
    const warned = await warning.innerText();
    for (const column of ['Họ và tên', 'Số CCCD', 'Số điện thoại', 'Địa chỉ']) assert.ok(warned.includes(column), `the warning names ${column}: ${warned}`);
    const full = await saveFile(page, { withData: true });
    const raw = await everyValue(full.bytes);
    assert.ok(raw.values.includes(people[0].name), 'the raw data carries the names when asked');
  });
});
