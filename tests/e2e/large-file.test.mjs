import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { alerts, confirmImport, fixture, loadFiles, tables, useApp, waitForTable, sampleRows } from './harness.mjs';

const app = useApp();

/** A ~60 MB reception report: big enough that loading takes a while on any machine. */
async function writeBigCsv(rows) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'sdv-')), 'tiep-cong-dan-lon.csv');
  const out = createWriteStream(file);
  out.write('Năm,Quý,Mã đơn vị,Đơn vị,Nội dung,Lượt tiếp,Số người\n');
  for (let i = 0; i < rows; i++) {
    const line = `${2019 + (i % 6)},${1 + (i % 4)},H${String(i % 97).padStart(2, '0')},Huyện số ${i % 97},Đất đai,${i % 13},${i % 17}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

describe('large files', () => {
  it('shows a progress bar with a cancel button; cancelling keeps what was loaded', async () => {
    const big = await writeBigCsv(1_200_000);
    const { page } = await app.open('?empty');
    const input = page.locator('[data-testid="file-input"]');
    await loadFiles(page, fixture('data-samples/don-vi.csv'));
    await waitForTable(page, 'don_vi');

    await input.setInputFiles(big);
    await confirmImport(page);
    const bar = page.locator('[role="progressbar"]');
    await bar.waitFor({ timeout: 30_000 });
    assert.match(await bar.getAttribute('aria-label'), /tiep-cong-dan-lon\.csv/);
    await page.locator('[data-testid="cancel"]').click();
    await page.waitForFunction(() => !document.querySelector('[role="progressbar"]'), null, { timeout: 60_000 });
    const messages = await alerts(page);
    assert.ok(messages.some((m) => m.includes('Đã hủy mở tệp “tiep-cong-dan-lon.csv”')), messages.join(' | '));
    assert.deepEqual(await tables(page), { don_vi: sampleRows('don-vi') });

    // Loaded to the end, the same file becomes a table with every row.
    await loadFiles(page, big);
    await waitForTable(page, 'tiep_cong_dan_lon');
    assert.equal((await tables(page)).tiep_cong_dan_lon, 1_200_000);
  });
});
