// Issue #15's last parts, in a real browser on the sample workbook: two years of units drawn
// as a dumbbell (analyses, SQL results, a slide), the units' short names on chart axes, the SQL
// result grid sorted in Vietnamese order over the whole result, and the export of a chart
// split into columns (heat table, dumbbell) holding every column.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { build } from 'vite';
import { blocksDrawn, fixture, resultGrid, runSql, sampleCsv, useApp } from './harness.mjs';

const app = useApp();
const units = sampleCsv('don-vi');
const models = sampleCsv('mo-hinh-dan-van-kheo');
const vi = new Intl.Collator('vi', { numeric: true });
const nameOf = new Map(units.map((u) => [u['Mã đơn vị'], u['Tên đơn vị']]));
const viNumber = (n) => n.toLocaleString('vi-VN');
// A wrapped name is drawn as two lines (tspans): compared without its spaces.
const bare = (s) => s.replace(/\s+/g, '');
/** Units whose name is among the labels (a label cut to `…` stands for the name it starts). */
const missing = (labels, names) => [...names].filter((n) => !labels.some((l) => bare(l) === bare(n) || (l.endsWith('…') && bare(n).startsWith(bare(l.slice(0, -1))))));

/** Each unit's models in a year, by its dictionary name (the sample's names drift; codes do not). */
function modelsIn(year) {
  const out = new Map();
  for (const r of models) if (r['Năm'] === String(year)) out.set(nameOf.get(r['Mã đơn vị']), (out.get(nameOf.get(r['Mã đơn vị'])) ?? 0) + Number(r['Số mô hình']));
  return out;
}

async function analysisDone(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
}

/** The y-axis names of a chart (top to bottom, column by column) and its other texts. */
function readChart(host) {
  const plots = [...host.querySelectorAll('svg')].filter((s) => !s.closest('[class$="-swatch"]'));
  const names = plots.flatMap((svg) =>
    [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => ({ y: t.getBoundingClientRect().top, text: t.textContent })).sort((a, b) => a.y - b.y).map((t) => t.text),
  );
  const values = plots.flatMap((svg) => [...svg.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent));
  const dots = plots.reduce((n, svg) => n + svg.querySelectorAll('g[aria-label="dot"] circle').length, 0);
  const legend = [...host.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent.trim());
  return { names, values, dots, legend, plots: plots.length };
}

describe('two years as a dumbbell', () => {
  it('draws units × two years as a dumbbell by default, sorted by the later year, both figures in vi-VN, and lets the type be switched', async () => {
    const { page, consoleErrors } = await app.open('', { viewport: { width: 1366, height: 768 } });
    await page.locator('[data-testid="tab-analyses"]').click();
    await analysisDone(page);
    await page.locator('[data-testid="analysis-year-from"]').selectOption('2023');
    await page.locator('[data-testid="analysis-year-to"]').selectOption('2024');
    await analysisDone(page);
    assert.equal(await page.locator('[data-testid="analysis-chart-type"]').inputValue(), 'dumbbell');
    const chart = page.locator('[data-testid="analysis-chart"]');
    await chart.locator('g[aria-label="dot"] circle').first().waitFor();
    const drawn = await chart.evaluate(readChart);

    const a = modelsIn(2023);
    const b = modelsIn(2024);
    const names = [...new Set([...a.keys(), ...b.keys()])];
    const expected = names.sort((p, q) => (b.get(q) ?? -Infinity) - (b.get(p) ?? -Infinity) || (a.get(q) ?? -Infinity) - (a.get(p) ?? -Infinity) || vi.compare(p, q));
    assert.deepEqual(drawn.names.map(bare), expected.map(bare), 'one row per unit, by the later year');
    assert.equal(drawn.names.filter((n) => n.includes('…')).length, 0, 'names whole');
    assert.equal(drawn.dots, [...a.values()].length + [...b.values()].length);
    // Both figures of every unit beside its dots.
    const figures = [...a.values(), ...b.values()].map(viNumber).sort();
    assert.deepEqual([...drawn.values].sort(), figures);
    assert.deepEqual(drawn.legend, ['2023', '2024']);

    // The picture saved keeps the legend that says which dot is which year.
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="analysis-export-svg"]').click()]);
    const svg = await readFile(await svgFile.path(), 'utf8');
    assert.match(svg, />2023</);
    assert.match(svg, />2024</);

    // Still switchable: the heat table, and back.
    await page.locator('[data-testid="analysis-chart-type"]').selectOption('heat');
    await chart.locator('g[aria-label="cell"] rect').first().waitFor();
    assert.equal(await chart.locator('g[aria-label="cell"] rect').count(), drawn.dots);
    await page.locator('[data-testid="analysis-chart-type"]').selectOption('dumbbell');
    await chart.locator('g[aria-label="dot"] circle').first().waitFor();

    // Three years: the heat table again.
    await page.locator('[data-testid="analysis-year-from"]').selectOption('2022');
    await analysisDone(page);
    assert.equal(await page.locator('[data-testid="analysis-chart-type"]').inputValue(), 'heat');
    assert.deepEqual(consoleErrors, []);
  });

  it('draws an SQL result of unit, year and value over two years as a dumbbell', async () => {
    const { page } = await app.open('', { viewport: { width: 1366, height: 768 } });
    const sql = (years) => `SELECT "Đơn vị", "Năm", sum("Số mô hình") AS "Số mô hình" FROM mo_hinh_dan_van_kheo WHERE "Năm" IN (${years}) GROUP BY ALL`;
    await runSql(page, sql('2023, 2024'));
    assert.equal(await page.locator('[data-testid="chart-type"]').inputValue(), 'dumbbell');
    await page.locator('[data-testid="chart"] g[aria-label="dot"] circle').first().waitFor();
    const drawn = await page.locator('[data-testid="chart"]').evaluate(readChart);
    const rows = Number(await page.locator('[data-testid="query-result"]').getAttribute('data-rows'));
    assert.equal(drawn.dots, rows);
    assert.ok(drawn.names.length > 10);
    await runSql(page, sql('2022, 2023, 2024'));
    assert.notEqual(await page.locator('[data-testid="chart-type"]').inputValue(), 'dumbbell');
  });

  it('fits the dumbbell of the sample slide at 1280×720 and 1920×1080: every unit, names whole, figures at 18 px at 1920', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      const { page } = await app.open('', { viewport: { width, height } });
      await page.locator('[data-testid="tab-dashboard"]').click();
      await blocksDrawn(page);
      await page.locator('[data-testid="dashboard-present"]').click();
      await blocksDrawn(page, '[data-testid="presentation"]');
      await page.evaluate(() => document.fonts.ready);
      const chart = page.locator('[data-testid="presentation"] [data-testid="block-chart"]', { has: page.locator('g[aria-label="dot"]') });
      const drawn = await chart.evaluate(readChart);
      const units2 = new Set([...modelsIn(2023).keys(), ...modelsIn(2024).keys()]);
      assert.equal(drawn.names.length, units2.size, `${width}: every unit on the slide`);
      assert.equal(drawn.names.filter((n) => n.includes('…')).length, 0);
      const box = await chart.evaluate((host) => {
        const slide = host.closest('[data-testid="dashboard-block"]').getBoundingClientRect();
        const texts = [...host.querySelectorAll('svg text')].map((t) => t.getBoundingClientRect());
        return { bottom: Math.max(...texts.map((r) => r.bottom)), slideBottom: slide.bottom, px: Math.min(...[...host.querySelectorAll('svg text')].map((t) => parseFloat(getComputedStyle(t).fontSize))) };
      });
      assert.ok(box.bottom <= box.slideBottom + 1, `${width}: the last row is inside its block (${box.bottom} > ${box.slideBottom})`);
      assert.ok(box.px >= Math.floor((18 * width) / 1920), `${width}: chart text ${box.px} px`);
    }
  });
});

describe('unit names whole in every analysis chart', () => {
  for (const [width, height] of [
    [1280, 720],
    [1366, 768],
    [1920, 1080],
  ]) {
    it(`cuts no unit name to … in the sample's unit charts at ${width}×${height}`, async () => {
      const { page } = await app.open('', { viewport: { width, height } });
      await page.locator('[data-testid="tab-analyses"]').click();
      await analysisDone(page);
      const cut = [];
      for (const [kind, views] of [
        ['models', ['byUnit', 'change', 'rank', 'share']],
        ['reception', ['byUnit', 'top']],
      ]) {
        await page.locator('[data-testid="analysis-kind"]').selectOption(kind);
        for (const view of views) {
          for (const [from, to] of [
            ['', ''],
            ['2023', '2024'],
          ]) {
            await page.locator('[data-testid="analysis-view"]').selectOption(view);
            await page.locator('[data-testid="analysis-year-from"]').selectOption(from);
            await page.locator('[data-testid="analysis-year-to"]').selectOption(to);
            await analysisDone(page);
            await page.locator('[data-testid="analysis-chart"] svg').first().waitFor();
            const texts = await page.locator('[data-testid="analysis-chart"] svg text').evaluateAll((ts) => ts.map((t) => t.textContent));
            cut.push(...texts.filter((t) => t.includes('…')).map((t) => `${kind}/${view} ${from}–${to}: ${t}`));
          }
        }
      }
      assert.deepEqual(cut, []);
    });
  }
});

describe('short unit names', () => {
  it('shows a unit’s short name on chart axes, the full name in the table and tooltip, and keeps it with the workbook', async () => {
    const { page } = await app.open('', { viewport: { width: 1366, height: 768 } });
    const full = 'Sở Lao động - Thương binh và Xã hội';
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.locator('[data-testid="units-dictionary"]').locator('xpath=..').locator('summary').click();
    const entry = page.locator('[data-testid="unit-entry"]', { has: page.locator('.name', { hasText: full }) });
    await entry.locator('[data-testid="unit-short"]').fill('Sở LĐ-TB&XH');
    await entry.locator('[data-testid="unit-short"]').press('Enter');

    await page.locator('[data-testid="tab-analyses"]').click();
    await page.locator('[data-testid="analysis-view"]').selectOption('rank');
    await page.locator('[data-testid="analysis-year-from"]').selectOption('2024');
    await page.locator('[data-testid="analysis-year-to"]').selectOption('2024');
    await analysisDone(page);
    const chart = page.locator('[data-testid="analysis-chart"]');
    await chart.locator('g[aria-label="bar"] rect').first().waitFor();
    const labels = await chart.locator('g[aria-label="y-axis tick label"] text').allTextContents();
    assert.ok(labels.includes('Sở LĐ-TB&XH'), labels.join(' | '));
    assert.ok(!labels.some((l) => bare(l) === bare(full)));
    // The tooltip names the unit in full.
    // The pointer on the unit's bar, level with its name.
    const tick = chart.locator('g[aria-label="y-axis tick label"] text', { hasText: 'Sở LĐ-TB&XH' });
    await tick.scrollIntoViewIfNeeded();
    const at = await tick.boundingBox();
    await page.mouse.move(at.x + at.width + 40, at.y + at.height / 2 - 2);
    await page.mouse.move(at.x + at.width + 44, at.y + at.height / 2);
    await chart.locator('[aria-label="tip"]', { hasText: full }).waitFor({ timeout: 5000 });
    // The table too.
    await page.locator('[data-testid="analysis-show-table"]').check();
    assert.ok((await page.locator('[data-testid="analysis-result"] td', { hasText: full }).count()) > 0);
    await page.locator('[data-testid="analysis-show-table"]').uncheck();

    // Saved with the workbook: a reload brings it back.
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    await page.locator('[data-testid="tab-semantics"]').click();
    await page.locator('[data-testid="units-dictionary"]').locator('xpath=..').locator('summary').click();
    assert.equal(await entry.locator('[data-testid="unit-short"]').inputValue(), 'Sở LĐ-TB&XH');
  });
});

describe('the SQL result grid in Vietnamese order', () => {
  it('sorts text by the vi collator over the whole result (Đ after D, before E; numbers inside by value; NULLs last), numbers by value', async () => {
    const { page } = await app.open('?empty', { viewport: { width: 1366, height: 768 } });
    const names = ['Huyện Vĩnh An', 'Huyện Đồng Xuân Bắc', 'Huyện Dương Minh', 'Huyện Eo Gió', 'Zeta', 'Quý 10', 'Quý 2'];
    // 7 names × 3 000 rows and a NULL: far more rows than the grid draws.
    const sql = `SELECT n AS "Đơn vị", i AS "Số" FROM (SELECT unnest(['${names.join("', '")}']) AS n), range(3000) r(i) UNION ALL SELECT NULL, -1`;
    const result = await runSql(page, sql);
    assert.equal(await result.getAttribute('data-rows'), String(names.length * 3000 + 1));
    const header = page.locator('[data-testid="query-result"] th', { hasText: /^Đơn vị$/ }).locator('[data-testid="sort-column"]');
    const scroller = page.locator('[data-testid="query-result"] .scroller');
    const firstAndLast = async () => {
      await scroller.evaluate((s) => (s.scrollTop = 0));
      await page.waitForTimeout(200);
      const first = (await resultGrid(page)).rows[0][0];
      await scroller.evaluate((s) => (s.scrollTop = s.scrollHeight));
      await page.waitForTimeout(300);
      const rows = (await resultGrid(page)).rows;
      const last = rows.map((r) => r[0]);
      return { first, last: last.slice(-2) };
    };
    const sortedBy = async (direction) => {
      await header.click();
      await page.waitForFunction((d) => document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state') === 'ok' && document.querySelector('[data-testid="query-result"] th[aria-sort]')?.getAttribute('aria-sort') === d, direction, { timeout: 60_000 });
    };
    await sortedBy('ascending');
    assert.deepEqual(await firstAndLast(), { first: 'Huyện Dương Minh', last: ['Zeta', ''] });
    // Every name's run in order: the boundaries fall where the collator puts them.
    const order = await page.evaluate(async () => {
      const s = document.querySelector('[data-testid="query-result"] .scroller');
      const seen = [];
      for (let top = 0; top <= s.scrollHeight; top += 3000 * 30) {
        s.scrollTop = top;
        await new Promise((r) => setTimeout(r, 120));
        const v = document.querySelector('[data-testid="query-result"] tbody tr td[data-value]')?.dataset.value;
        if (seen.at(-1) !== v) seen.push(v);
      }
      return seen;
    });
    assert.deepEqual(order, ['Huyện Dương Minh', 'Huyện Đồng Xuân Bắc', 'Huyện Eo Gió', 'Huyện Vĩnh An', 'Quý 2', 'Quý 10', 'Zeta']);
    await sortedBy('descending');
    assert.deepEqual(await firstAndLast(), { first: 'Zeta', last: ['Huyện Dương Minh', ''] });

    // Numbers by value.
    await runSql(page, `SELECT * FROM (VALUES ('a', 10), ('b', 9), ('c', NULL), ('d', 100)) t("Tên", "Số")`);
    await page.locator('[data-testid="query-result"] th', { hasText: /^Số$/ }).locator('[data-testid="sort-column"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="query-result"] th[aria-sort]') && document.querySelector('[data-testid="query-result"]')?.getAttribute('data-state') === 'ok');
    assert.deepEqual((await resultGrid(page)).rows.map((r) => r[0]), ['b', 'a', 'd', 'c']);
  });
});

describe('exporting a chart split into columns', () => {
  it('saves every column of a split heat table and dumbbell, in the picture and in the snapshot', async () => {
    // The export code as the app ships it, bundled from its source for this page (never written
    // to disk), run on the charts the page drew.
    const [bundle] = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry: fixture('src/charts/export-image.ts'), formats: ['iife'], name: 'SdvExportImage', fileName: 'export-image' } },
    });
    const code = bundle.output[0].code;
    const { page } = await app.open('', { viewport: { width: 1280, height: 720 } });
    await page.locator('[data-testid="tab-dashboard"]').click();
    await blocksDrawn(page);
    // Through the debugging protocol: the page's own CSP (rightly) refuses inline scripts.
    await page.evaluate(`${code};window.SdvExportImage = SdvExportImage;`);
    const units2 = new Set([...modelsIn(2023).keys(), ...modelsIn(2024).keys()]);
    const exported = () =>
      page.evaluate(() => {
        const host = [...document.querySelectorAll('[data-testid="block-chart"]')].find((h) => h.querySelector('.heat-groups'));
        if (!host) return null;
        const { chartSvgElement, svgText } = window.SdvExportImage;
        const shown = host.querySelectorAll('.heat-groups > svg').length;
        const svg = new DOMParser().parseFromString(svgText(chartSvgElement(host.firstElementChild)), 'image/svg+xml').documentElement;
        const names = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
        return { shown, plots: svg.querySelectorAll('svg').length, names, texts: [...svg.querySelectorAll('text')].map((t) => t.textContent) };
      });

    // Two years: the dumbbell, in columns beside one another on this block.
    let out = await exported();
    assert.ok(out && out.shown >= 2, 'the dumbbell is split into columns at 1280×720');
    assert.equal(out.plots, out.shown, 'every column in the picture');
    assert.deepEqual(new Set(out.names.map(bare)), new Set([...units2].map(bare)));
    assert.ok(out.texts.includes('2023') && out.texts.includes('2024'), 'its legend too');

    // Three years: the heat table, split the same way.
    await page.locator('[data-testid="page-year-from"]').selectOption('2022');
    await page.locator('[data-testid="page-year-to"]').selectOption('2024');
    await blocksDrawn(page);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="block-chart"]')].some((h) => h.querySelector('.heat-groups g[aria-label="cell"]')), null, { timeout: 30_000 });
    out = await exported();
    assert.ok(out.shown >= 2, 'the heat table is split into columns');
    assert.equal(out.plots, out.shown);
    const units3 = new Set([2022, 2023, 2024].flatMap((y) => [...modelsIn(y).keys()]));
    assert.equal(out.names.length, units3.size);
    assert.deepEqual(missing(out.names, units3), []);

    // The snapshot holds every column as well.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('[data-testid="dashboard-snapshot"]').click()]);
    const html = await readFile(await download.path(), 'utf8');
    const { page: reader } = await app.open('?empty');
    await reader.setContent(html);
    const names = await reader.evaluate(() => {
      const groups = document.querySelector('.heat-groups');
      return [...groups.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    });
    assert.equal(names.length, units3.size);
    assert.deepEqual(missing(names, units3), []);
  });
});
