// Files made to hurt: a 100,000-column CSV, a 10 MB file on one line, Parquet with absurd
// declared sizes or cut short. Each ends, within seconds, in a clear message naming the file
// (or loads correctly), and the workbook keeps what it had.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { alerts, fixture, loadFiles, runSql, tables, useApp, waitForTable, sampleRows } from './harness.mjs';

const app = useApp();
const file = (name, content) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });

/** A Parquet file whose footer declares `length` bytes of metadata (more than the file holds). */
function absurdFooter(length) {
  const b = Buffer.alloc(64, 0x11);
  b.write('PAR1', 0, 'latin1');
  b.writeUInt32LE(length, 56);
  b.write('PAR1', 60, 'latin1');
  return b;
}

async function expectMessages(page, names, before) {
  await page.waitForFunction((n) => document.querySelectorAll('[role="alert"][data-testid="error"]').length >= n, names.length, { timeout: 60_000 });
  const messages = await alerts(page);
  for (const name of names) {
    const message = messages.find((m) => m.includes(`“${name}”`));
    assert.ok(message, `a message names ${name}: ${messages.join(' | ')}`);
    assert.match(message, /Hãy|hãy/, `the message for ${name} says what to do: ${message}`);
  }
  assert.deepEqual(await tables(page), before);
  const result = await runSql(page, 'SELECT count(*) AS n FROM don_vi');
  assert.equal(await result.getAttribute('data-state'), 'ok');
}

describe('hostile files', () => {
  it('refuses a 100,000-column CSV and a 10 MB single line quickly, keeping the workbook', async () => {
    const { page } = await app.open('?empty');
    await loadFiles(page, fixture('data-samples/don-vi.csv'));
    await waitForTable(page, 'don_vi');
    const before = await tables(page);
    const wide = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\n' + Array.from({ length: 100_000 }, (_, i) => i).join(',') + '\n';
    const started = Date.now();
    await page.locator('[data-testid="file-input"]').setInputFiles([file('rộng.csv', wide), file('một dòng.csv', 'x'.repeat(10 * 1024 * 1024)), file('dấu phẩy.csv', 'a,'.repeat(5 * 1024 * 1024))]);
    await expectMessages(page, ['rộng.csv', 'một dòng.csv', 'dấu phẩy.csv'], before);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  });

  it('refuses Parquet with absurd declared sizes or cut short, keeping the workbook', async () => {
    const { page } = await app.open('?empty');
    await loadFiles(page, fixture('data-samples/don-vi.csv'));
    await waitForTable(page, 'don_vi');
    const before = await tables(page);
    const good = await readFile(fixture('data-samples/mo-hinh-dan-van-kheo.parquet'));
    await page.locator('[data-testid="file-input"]').setInputFiles([
      file('chân lớn.parquet', absurdFooter(0xfffffff0)),
      file('chân âm.parquet', absurdFooter(0x7fffffff)),
      file('cụt.parquet', good.subarray(0, Math.floor(good.length / 2))),
      file('không đuôi.parquet', Buffer.concat([good.subarray(0, good.length - 8), Buffer.from('XXXXPAR1')])),
    ]);
    await expectMessages(page, ['chân lớn.parquet', 'chân âm.parquet', 'cụt.parquet', 'không đuôi.parquet'], before);
    assert.deepEqual(await tables(page), { don_vi: sampleRows('don-vi') });
  });
});
