// Storage refused or full: the user is told what was not saved and how to keep the work
// (a workbook file), and the work on the page goes on. Browser storage is made to fail by a
// script run before the app; the app and its engine are the real ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alerts, runSql, tables, useApp } from './harness.mjs';

const app = useApp();

describe('browser storage refused or full', () => {
  it('says the workbook will not autosave when storage is denied, and keeps working', async () => {
    const { page } = await app.open('', {
      init: () => {
        Object.defineProperty(navigator, 'storage', { value: { getDirectory: () => Promise.reject(new DOMException('denied', 'SecurityError')) } });
        Object.defineProperty(window, 'indexedDB', { value: undefined });
      },
    });
    await page.waitForFunction(() => [...document.querySelectorAll('[role="alert"]')].some((e) => e.textContent.includes('Lưu thành tệp')));
    const message = (await alerts(page)).find((m) => m.includes('không tự lưu'));
    assert.ok(message, (await alerts(page)).join(' | '));
    assert.equal(await page.locator('[data-testid="save-state"]').getAttribute('data-state'), 'error');
    const result = await runSql(page, 'SELECT count(*) AS n FROM don_vi');
    assert.equal(await result.getAttribute('data-state'), 'ok');
    assert.ok(Object.keys(await tables(page)).length >= 4);
  });

  it('says once that storage is full, names the way out, and saves again when it can', async () => {
    const { page } = await app.open('', {
      init: () => {
        const real = FileSystemFileHandle.prototype.createWritable;
        window.__storageFull = true;
        FileSystemFileHandle.prototype.createWritable = function (...args) {
          if (window.__storageFull) return Promise.reject(new DOMException('full', 'QuotaExceededError'));
          return real.apply(this, args);
        };
      },
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'error', null, { timeout: 30_000 });
    await runSql(page, 'CREATE TABLE them AS SELECT 1 AS a');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'error');
    const full = (await alerts(page)).filter((m) => m.includes('đã đầy'));
    assert.equal(full.length, 1, 'said once, not on every change');
    assert.match(full[0], /Lưu thành tệp/);
    await page.evaluate(() => (window.__storageFull = false));
    await runSql(page, 'CREATE TABLE them_nua AS SELECT 2 AS b');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 30_000 });
  });
});
