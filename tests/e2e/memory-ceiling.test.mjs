// The memory ceiling in a real browser: the engine's settings are locked (no SET memory_limit),
// so a hidden table of incompressible text is grown by the person's own queries until the
// engine is full (DuckDB's limit, about 3.1 GiB of the 4 GB a WebAssembly page may have). The
// query that no longer fits gets its message and the engine goes on; a Parquet file opened
// then is refused with a message naming it (near this ceiling the tab used to crash), nothing
// open is lost, and once the memory is freed the same file opens.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alerts, fileAt, runSql, tables, useApp, waitForTable } from './harness.mjs';

const app = useApp();

async function fill(page, from, step) {
  const result = await runSql(page, `INSERT INTO __ballast SELECT md5(i::VARCHAR) || md5((i * 7)::VARCHAR) FROM range(${from}, ${from + step}) t(i)`);
  return result.getAttribute('data-state');
}

describe('memory ceiling', () => {
  it('says so when the engine is full, refuses an import by name, loses nothing, and recovers', { timeout: 600_000 }, async () => {
    const { page, consoleErrors } = await app.open();
    const before = await tables(page);
    await runSql(page, 'CREATE TABLE __ballast (s VARCHAR)');
    // 10 M rows a step (about 700 MB), then 2 M, until a step no longer fits.
    let at = 0;
    for (const step of [10_000_000, 2_000_000]) {
      for (let k = 0; k < 12; k++, at += step) {
        if ((await fill(page, at, step)) !== 'ok') break;
      }
    }
    const full = await alerts(page);
    assert.ok(full.some((m) => /INSERT INTO __ballast/.test(m) && /nhiều bộ nhớ hơn/.test(m)), full.join(' | '));
    // The engine still answers.
    const count = await runSql(page, 'SELECT count(*) AS n FROM don_vi');
    assert.equal(await count.getAttribute('data-state'), 'ok');

    const file = await fileAt('data-samples/mo-hinh-dan-van-kheo.parquet', 'Mô hình 2025.parquet');
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    await page.waitForFunction(() => [...document.querySelectorAll('[role="alert"][data-testid="error"]')].some((a) => /Không đủ bộ nhớ để mở tệp “Mô hình 2025.parquet”/.test(a.textContent)), null, { timeout: 120_000 });
    const said = (await alerts(page)).find((m) => /Không đủ bộ nhớ/.test(m));
    assert.match(said, /xóa những bảng không dùng nữa/);
    assert.match(said, /các bảng đã mở vẫn giữ nguyên/);
    assert.ok(!(await alerts(page)).some((m) => /Bộ máy dữ liệu đã dừng/.test(m)), 'the engine was not lost');
    assert.deepEqual(await tables(page), before);

    // Memory freed: the same file opens.
    await runSql(page, 'DROP TABLE __ballast');
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    await waitForTable(page, 'mo_hinh_2025');
    assert.equal((await tables(page)).mo_hinh_2025, before.mo_hinh_dan_van_kheo);
    assert.deepEqual(consoleErrors, []);
  });
});
