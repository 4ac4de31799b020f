// A `?empty` visit never takes the saved workbook's place (issue "A shared workbook is data…",
// part 2): what is done in it is kept apart, and the next plain visit opens the saved work.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmImport, savedVersion as saved, tables, useApp, waitForTable, waitReady } from './harness.mjs';

const app = useApp();

describe('an empty visit', () => {
  it('keeps the saved workbook: /?empty, work there, then / opens the saved work', async () => {
    const { page } = await app.open();
    await saved(page);
    const mine = await tables(page);
    assert.ok(Object.keys(mine).length >= 5);

    await page.goto(`${app.origin}/?empty`);
    await waitReady(page);
    assert.deepEqual(await tables(page), {});
    await page.locator('[data-testid="empty-banner"]').waitFor();
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'Nháp.csv', mimeType: 'text/csv', buffer: Buffer.from('Đơn vị,Số\nA,1\nB,2\n') });
    await confirmImport(page);
    await waitForTable(page, 'nhap');
    await saved(page);

    await page.goto(`${app.origin}/`);
    await waitReady(page);
    assert.deepEqual(await tables(page), mine);
    // The empty visit's work is one click away, as a version of its own.
    assert.ok((await page.locator('[data-testid="version-item"][data-tables="nhap"]').count()) >= 1);
  });
});
