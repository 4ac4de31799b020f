// The SQL editor's monospace face has every Vietnamese letter and comes from the app's own origin
// (issue "Charts a meeting room can read…", part 6): `ố` is drawn by it, not by a system font.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';

const app = useApp();

describe('the editor typeface', () => {
  it('draws Vietnamese in Noto Sans Mono, served by the app', async () => {
    const { page, requests } = await app.open('?empty');
    await page.locator('[data-testid="sql-editor"]').click();
    await page.keyboard.type('SELECT "Số người" -- ố ữ ệ ặ ẫ');
    const face = await page.evaluate(async () => {
      await document.fonts.ready;
      const family = getComputedStyle(document.querySelector('.cm-scroller')).fontFamily;
      await document.fonts.load("14px 'Noto Sans Mono'", 'ố');
      return { family, loaded: document.fonts.check("14px 'Noto Sans Mono'", 'ốữệặẫ') };
    });
    assert.match(face.family, /^"?Noto Sans Mono"?,/);
    assert.equal(face.loaded, true);
    assert.ok(requests.some((url) => /noto-sans-mono-vietnamese-400/.test(url)), 'the Vietnamese subset was loaded from the app');
  });
});
