// Issue #16 parts 3 and 4 in Chromium: SQL errors shown beside the editor in Vietnamese, with the
// place marked and a hint for the usual mistakes, one message at a time; and every choice
// (analysis settings, open tab, SQL text, grid sorting) kept across a reload.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alerts, runSql, useApp } from './harness.mjs';

const app = useApp();

/** The error shown in the result area (CONTRACT.md: role=alert, data-testid=error). */
async function resultError(page) {
  const result = page.locator('[data-testid="query-result"]');
  assert.equal(await result.getAttribute('data-state'), 'error');
  const shown = result.locator('[role="alert"][data-testid="error"]');
  assert.equal(await shown.count(), 1, 'one message per failure');
  return { text: await shown.innerText(), mark: await page.locator('[data-testid="sql-editor"] [data-testid="sql-error-mark"]').allInnerTexts() };
}

describe('SQL errors people can act on', () => {
  it('explains an unquoted Vietnamese column in Vietnamese beside the editor, marks it, and offers the quoted name', async () => {
    const { page } = await app.open();
    await runSql(page, 'SELECT Năm, Số người FROM tiep_cong_dan');
    const first = await resultError(page);
    assert.match(first.text, /SELECT Năm, Số người FROM tiep_cong_dan/, 'names the query');
    assert.match(first.text, /ngoặc kép/);
    assert.match(first.text, /"Số người"/);
    assert.match(first.text, /rồi chạy lại/, 'says what to do');
    assert.doesNotMatch(first.text, /exception_type|Binder Error|not found/, 'no engine text in the message');
    assert.deepEqual(first.mark, ['Số người']);
    // Not in the banner at the top: the only alert on the page is the one beside the editor.
    assert.equal((await alerts(page)).length, 1);
    // For a person to look at (not compared): the message beside the editor at 1280×720.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('[data-testid="sql-editor"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(tmpdir(), 'so-dan-van-sql-error-1280x720.png') });

    // The suggestion applied, the query runs, and the message and the mark are gone.
    await page.locator('[data-testid="error-apply"]').click();
    assert.equal(await page.locator('.cm-content').innerText(), 'SELECT Năm, "Số người" FROM tiep_cong_dan');
    const ok = await runSql(page, await page.locator('.cm-content').innerText());
    assert.equal(await ok.getAttribute('data-state'), 'ok');
    assert.deepEqual(await alerts(page), []);
    assert.equal(await page.locator('[data-testid="sql-error-mark"]').count(), 0);
  });

  it('proposes the closest columns for one that does not exist, and a second failure replaces the first', async () => {
    const { page } = await app.open();
    await runSql(page, 'SELECT "Don vi", sum("Luot tiep") FROM tiep_cong_dan GROUP BY 1');
    const first = await resultError(page);
    assert.match(first.text, /không có cột này/);
    assert.match(first.text, /“Đơn vị”/, first.text);
    assert.deepEqual(first.mark, ['"Don vi"']);

    await runSql(page, 'SELECT * FROM Tiếp công dân');
    const second = await resultError(page);
    assert.match(second.text, /tiep_cong_dan/);
    assert.match(second.text, /thay cho Tiếp công dân/);
    assert.doesNotMatch(second.text, /Đơn vị/, 'the first message is gone');
    assert.deepEqual(second.mark, ['Tiếp công dân']);
    assert.equal((await alerts(page)).length, 1, 'no pile-up of old errors');

    const ok = await runSql(page, 'SELECT count(*) AS n FROM tiep_cong_dan');
    assert.equal(await ok.getAttribute('data-state'), 'ok');
    assert.deepEqual(await alerts(page), []);
  });

  it('follows the interface language', async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="language"]').selectOption('en');
    await runSql(page, 'SELECT * FROM tiep_cong_da');
    const { text } = await resultError(page);
    assert.match(text, /no table of that name/);
    assert.match(text, /“tiep_cong_dan”/);
  });
});
