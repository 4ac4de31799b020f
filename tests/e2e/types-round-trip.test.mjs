// A save keeps every type (issue "A shared workbook is data…", part 3): a table holding every
// kind of value comes back after autosave + reload, and through the workbook file, with the same
// typeof and the same value; a table with an INTERVAL no longer stops the other tables' save.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { alerts, resultGrid, runSql, tables, useApp, waitForTable, waitReady } from './harness.mjs';

const app = useApp();

const VALUES = [
  ['huge', '170141183460469231731687303715884105727::HUGEINT'],
  ['dec', '123456789.123456789::DECIMAL(18,9)'],
  ['nan', "'NaN'::DOUBLE"],
  ['d', "DATE '2025-07-01'"],
  ['tsns', "'2025-07-01 12:34:56.123456789'::TIMESTAMP_NS"],
  ['tstz', "'2025-07-01 12:34:56+07'::TIMESTAMPTZ"],
  ['iv', "age(TIMESTAMP '2025-07-01', TIMESTAMP '2024-01-15')"],
  ['u', "'0c2e4f1a-9b7d-4e2a-8f3c-1d2e3f4a5b6c'::UUID"],
  ['bits', "'10110'::BIT"],
  ['e', "'Tốt'::ENUM('Xuất sắc', 'Tốt', 'Đạt')"],
  ['l', '[1, 2, NULL]::INTEGER[]'],
  ['s', "{'a': 1, 'b': 'x'}"],
  ['n', 'NULL::INTEGER'],
];
const PROBE = `SELECT ${VALUES.map(([n]) => `typeof("${n}") || ' = ' || coalesce(CAST("${n}" AS VARCHAR), 'NULL') AS "${n}"`).join(', ')} FROM kieu`;

async function saved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
}

async function probe(page) {
  await runSql(page, PROBE);
  return (await resultGrid(page)).rows[0];
}

describe('a save keeps every type', () => {
  it('after autosave and the next visit, and through the workbook file', async () => {
    const { page } = await app.open('?empty');
    await runSql(page, `CREATE TABLE kieu AS SELECT ${VALUES.map(([n, v]) => `${v} AS "${n}"`).join(', ')}`);
    await runSql(page, 'CREATE TABLE khac AS SELECT 1 AS n');
    await waitForTable(page, 'khac');
    const before = await probe(page);
    assert.match(before.join(' | '), /INTERVAL = 1 year 5 months \d+ days/);
    await saved(page);
    assert.deepEqual(await alerts(page), []);

    // What the next visit opens: the saved workbook.
    await page.goto(`${app.origin}/`);
    await waitReady(page);
    await waitForTable(page, 'kieu');
    assert.deepEqual(Object.keys(await tables(page)).sort(), ['khac', 'kieu']);
    assert.deepEqual(await probe(page), before);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-workbook"]').click()]);
    const bytes = await readFile(await download.path());
    const other = await app.open('?empty');
    await other.page.locator('[data-testid="file-input"]').setInputFiles({ name: 'kieu.sdv', mimeType: 'application/zip', buffer: bytes });
    await waitForTable(other.page, 'kieu');
    assert.deepEqual(await probe(other.page), before);
    assert.deepEqual(await alerts(other.page), []);
  });
});
