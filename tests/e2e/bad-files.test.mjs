import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alerts, confirmImport, fileAt, fixture, loadFiles, runSql, tables, useApp, waitForTable, sampleRows } from './harness.mjs';

const app = useApp();
const file = (name, content) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });

describe('bad files', () => {
  it('gives a clear message for each bad file and keeps every table loaded before', async () => {
    const { page } = await app.open('?empty');
    const input = page.locator('[data-testid="file-input"]');
    await loadFiles(page, fixture('data-samples/don-vi.csv'));
    await waitForTable(page, 'don_vi');

    await input.setInputFiles([
      file('trống.csv', ''),
      file('ảnh.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])),
      file('báo cáo.docx', 'PK'),
      file('sai.parquet', 'Năm,Số\n2024,1\n'),
      await fileAt('tests/corpus/csv/comments/error.csv', 'hỏng.csv'),
      await fileAt('tests/corpus/parquet/data/uniform_encryption.parquet.encrypted'),
    ]);
    // hỏng.csv looks like text, so it reaches the preview; it fails when imported.
    await confirmImport(page);
    await page.waitForFunction(() => document.querySelectorAll('[role="alert"][data-testid="error"]').length >= 6, null, { timeout: 60_000 });
    const messages = await alerts(page);
    for (const name of ['trống.csv', 'ảnh.csv', 'báo cáo.docx', 'sai.parquet', 'hỏng.csv', 'uniform_encryption.parquet.encrypted']) {
      const message = messages.find((m) => m.includes(`“${name}”`));
      assert.ok(message, `a message names ${name}: ${messages.join(' | ')}`);
      assert.match(message, /Hãy|hãy/, `the message for ${name} says what to do`);
    }
    assert.deepEqual(await tables(page), { don_vi: sampleRows('don-vi') });
    const result = await runSql(page, 'SELECT count(*) AS n FROM don_vi');
    assert.equal(await result.getAttribute('data-state'), 'ok');
  });

  it('speaks English when the interface does', async () => {
    const { page } = await app.open('?empty');
    await page.locator('[data-testid="language"]').selectOption('en');
    await page.locator('[data-testid="file-input"]').setInputFiles([file('empty.csv', '')]);
    await page.waitForFunction(() => document.querySelector('[role="alert"][data-testid="error"]'));
    const [message] = await alerts(page);
    assert.match(message, /The file “empty\.csv” is empty/);
  });

  it('loads the one good file of a mixed batch', async () => {
    const { page } = await app.open('?empty');
    await loadFiles(page, [file('x.csv', ''), await fileAt('data-samples/xep-loai-dan-van.csv')]);
    await waitForTable(page, 'xep_loai_dan_van');
    assert.equal((await alerts(page)).length, 1);
  });
});
