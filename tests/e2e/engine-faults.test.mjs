// Engine faults in a real browser: a crashed engine worker is noticed, restarted, and the
// workbook comes back from its saved copy; a query needing more memory than allowed gets a
// clear message and the engine goes on; a runaway analysis query can be stopped.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alerts, editMode, runSql, tables, useApp, waitRunFinished, watchNextRun } from './harness.mjs';

const app = useApp();

async function saved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
}

const statuses = (page) => page.locator('[role="status"]').allTextContents();

describe('engine faults', () => {
  it('restarts a crashed engine and brings the workbook back from the saved copy', async () => {
    const { page, consoleErrors } = await app.open();
    await runSql(page, 'CREATE TABLE dau_vet AS SELECT 7 AS n');
    await saved(page);
    const before = await tables(page);

    // The engine's worker dies (as on a wasm abort): it answers nothing any more.
    const worker = page.workers().find((w) => /duckdb/i.test(w.url()));
    assert.ok(worker, 'the engine runs in a worker');
    await worker.evaluate(() => self.close()).catch(() => undefined);

    // A query sent to it hangs; the user cancels it; the app finds the engine gone.
    const editor = page.locator('[data-testid="sql-editor"]');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('SELECT n FROM dau_vet');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="run-query"]').click();
    await page.locator('[data-testid="query-result"][data-state="running"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.locator('[data-testid="cancel-query"]').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[role="alert"]')].some((a) => /Bộ máy dữ liệu đã dừng/.test(a.textContent)), null, { timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((a) => /đã chạy lại/.test(a.textContent)), null, { timeout: 90_000 });
    assert.ok((await statuses(page)).some((s) => /mở lại từ bản đã lưu/.test(s)));
    assert.deepEqual(await tables(page), before);
    const result = await runSql(page, 'SELECT n FROM dau_vet');
    assert.equal(await result.getAttribute('data-rows'), '1');
    assert.deepEqual(consoleErrors, []);
  });

  it('says so when a query needs more memory than the engine has, and goes on', async () => {
    const { page } = await app.open();
    // The engine's settings are locked (no SET memory_limit): the query fills the engine's whole
    // limit (3.1 GiB) with a hash table of long distinct strings.
    const result = await runSql(page, 'SELECT count(*) AS n FROM (SELECT DISTINCT repeat(i::VARCHAR, 100) AS s FROM range(40000000) t(i))');
    assert.equal(await result.getAttribute('data-state'), 'error');
    const messages = await alerts(page);
    assert.ok(messages.some((m) => /nhiều bộ nhớ hơn/.test(m) && /Hãy lọc bớt/.test(m)), messages.join(' | '));
    const after = await runSql(page, 'SELECT count(*) AS n FROM don_vi');
    assert.equal(await after.getAttribute('data-state'), 'ok');
  });

  it('stops a runaway dashboard query on request, and the page stays usable', async () => {
    const { page } = await app.open();
    await runSql(page, 'SELECT 1 AS n');
    await page.locator('[data-testid="sql-add-block"]').click();
    await page.locator('[data-testid="tab-dashboard"]').click();
    const block = page.locator('[data-testid="dashboard-block"][data-kind="sql"]');
    await editMode(page);
    await block.locator('[data-testid="block-edit"]').click();
    await block.locator('[data-testid="block-edit-text"]').fill('SELECT sum(i * i) AS s FROM range(1000000000000) t(i)');
    await block.locator('[data-testid="block-edit-save"]').click();
    await block.locator('[data-testid="view-cancel"]').click({ timeout: 10_000 });
    await block.locator('[data-testid="view-cancelled"]').waitFor({ timeout: 15_000 });
    // The other blocks and the app still work.
    await page.locator('[data-testid="page-year-to"]').selectOption('2023');
    await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-block"][data-kind="kpi"] [data-testid="kpi"]')?.dataset.year === '2023', null, { timeout: 30_000 });
    await watchNextRun(page);
    await page.locator('[data-testid="tab-sql"]').click();
    await page.locator('[data-testid="run-query"]').click();
    await waitRunFinished(page);
  });
});
