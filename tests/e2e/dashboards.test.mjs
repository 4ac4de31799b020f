// Dashboards in a real browser: build one, filter it (page filters and a click on a unit),
// present it with the keyboard at projector sizes, find it again after a reload, open it
// read-only by link, export the offline snapshot and print it. Figures are checked against
// sums computed here from the sample CSV files.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { openPage } from './browser.mjs';
import { blocksDrawn as settled, editMode, fixture, runSql, sampleCsv, useApp, waitReady } from './harness.mjs';

const app = useApp();
const units = sampleCsv('don-vi');
const models = sampleCsv('mo-hinh-dan-van-kheo');
const modelsIn = (year, keep = () => true) => models.filter((r) => Number(r['Năm']) === year && keep(r)).reduce((a, r) => a + Number(r['Số mô hình']), 0);
const HOSTILE = '<img src=x onerror="window.__pwned=1"> **đậm** [bấm](javascript:window.__pwned=2)';
const served = fixture('dist', 'kiem-thu-bang-dieu-khien.sdv');
after(() => rm(served, { force: true }));

const blocks = (page) => page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]');

/** Does `action`, then waits for the KPI in `block` to show a figure other than `before`'s. */
async function kpiAfter(page, block, action) {
  const before = await block.locator('[data-testid="kpi"]').evaluate((k) => `${k.dataset.year}|${k.dataset.value}`);
  await action();
  await page.waitForFunction(
    ([id, b]) => {
      const k = document.querySelector(`[data-block-id="${id}"] [data-testid="kpi"]`);
      return k && `${k.dataset.year}|${k.dataset.value}` !== b;
    },
    [await block.getAttribute('data-block-id'), before],
    { timeout: 30_000 },
  );
  return block.locator('[data-testid="kpi"]').evaluate((k) => ({ year: Number(k.dataset.year), value: Number(k.dataset.value), change: k.dataset.change === '' ? null : Number(k.dataset.change) }));
}

async function openDashboard(page) {
  await page.locator('[data-testid="tab-dashboard"]').click();
  await settled(page);
}

describe('dashboards', () => {
  it('builds a page from analyses, filters it, and a click on a unit filters the other blocks; a reload restores it', async () => {
    const { page, consoleErrors } = await app.open();
    await openDashboard(page);
    await page.locator('[data-testid="dashboard-add-page"]').click();
    const pageId = await page.locator('[data-testid="dashboard-page"][aria-selected="true"]').getAttribute('data-page-id');
    await page.locator('[data-testid="dashboard-page-title"]').fill('Họp giao ban');
    await page.locator('[data-testid="dashboard-page-title"]').press('Enter');

    // From the Analyses tab: the default analysis (models per unit and year) as a chart and as a KPI.
    await page.locator('[data-testid="tab-analyses"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
    await page.locator('[data-testid="analysis-add-block"]').click();
    await page.locator('[data-testid="analysis-add-kpi"]').click();
    await page.locator('[data-testid="tab-dashboard"]').click();
    await page.locator('[data-testid="dashboard-add-note"]').click();
    await settled(page);
    assert.deepEqual(await blocks(page).evaluateAll((l) => l.map((b) => b.dataset.kind)), ['analysis', 'kpi', 'note']);

    // A note with HTML and a script link: shown as text, nothing runs.
    const note = blocks(page).nth(2);
    await note.locator('[data-testid="block-edit"]').click();
    await note.locator('[data-testid="block-edit-text"]').fill(HOSTILE);
    await note.locator('[data-testid="block-edit-save"]').click();
    await note.locator('[data-testid="block-note"] strong').waitFor();
    assert.match(await note.locator('[data-testid="block-note"]').innerText(), /<img src=x onerror=/);
    assert.equal(await note.locator('img, a[href^="javascript"]').count(), 0);

    // Arrange: the KPI first, the chart across the whole width.
    await blocks(page).nth(1).locator('[data-testid="block-move-left"]').click();
    const chart = page.locator('[data-testid="dashboard-block"][data-kind="analysis"]');
    for (let i = 0; i < 2; i++) await chart.locator('[data-testid="block-wider"]').click();
    await chart.locator('[data-testid="block-taller"]').click();
    assert.deepEqual(await blocks(page).evaluateAll((l) => l.map((b) => `${b.dataset.kind}:${b.dataset.w}x${b.dataset.h}`)), ['kpi:4x1', 'analysis:12x3', 'note:4x1']);
    await settled(page);

    // Page filters reach every block: the KPI shows 2023 against 2022.
    const kpi = page.locator('[data-testid="dashboard-block"][data-kind="kpi"]');
    const y2023 = await kpiAfter(page, kpi, async () => {
      await page.locator('[data-testid="page-year-from"]').selectOption('2022');
      await page.locator('[data-testid="page-year-to"]').selectOption('2023');
    });
    assert.deepEqual(y2023, { year: 2023, value: modelsIn(2023), change: modelsIn(2023) - modelsIn(2022) });
    const districts = new Set(units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').map((u) => u['Mã đơn vị']));
    const onlyDistricts = await kpiAfter(page, kpi, () => page.locator('[data-testid="page-unit-type"][value="UBND cấp huyện"]').check());
    assert.equal(onlyDistricts.value, modelsIn(2023, (r) => districts.has(r['Mã đơn vị'])));
    await kpiAfter(page, kpi, () => page.locator('[data-testid="page-unit-type"][value="UBND cấp huyện"]').uncheck());
    await settled(page);

    // A click on a unit's dot (units × two years: a dumbbell) filters the other blocks to that unit.
    const bar = chart.locator('[data-testid="block-chart"] svg [aria-label="dot"] circle').first();
    await bar.scrollIntoViewIfNeeded();
    const box = await bar.boundingBox();
    const picked = await kpiAfter(page, kpi, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    });
    const cross = page.locator('[data-testid="dashboard-cross"]');
    assert.equal(await cross.getAttribute('data-kind'), 'unit');
    const name = (await cross.innerText()).split(': ')[1].split('\n')[0].replace(/Bỏ chọn$/, '').trim();
    const code = units.find((u) => u['Tên đơn vị'] === name)['Mã đơn vị'];
    assert.deepEqual(picked, { year: 2023, value: modelsIn(2023, (r) => r['Mã đơn vị'] === code), change: modelsIn(2023, (r) => r['Mã đơn vị'] === code) - modelsIn(2022, (r) => r['Mã đơn vị'] === code) });
    await kpiAfter(page, kpi, () => page.locator('[data-testid="dashboard-cross-clear"]').click());

    // The page and its filters are in the address; a reload finds everything again.
    assert.equal(new URL(page.url()).hash, `#trang=${pageId}&tu=2022&den=2023`);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
    await page.reload();
    await waitReady(page);
    await settled(page);
    assert.equal(await page.locator('[data-testid="dashboard-page"][aria-selected="true"]').innerText(), 'Họp giao ban');
    assert.deepEqual(await blocks(page).evaluateAll((l) => l.map((b) => `${b.dataset.kind}:${b.dataset.w}x${b.dataset.h}`)), ['kpi:4x1', 'analysis:12x3', 'note:4x1']);
    assert.equal(await page.locator('[data-testid="page-year-to"]').inputValue(), '2023');
    assert.match(await page.locator('[data-testid="block-note"]').innerText(), /<img src=x onerror=/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(consoleErrors, []);
  });

  it('arranges blocks by dragging, keeps a SQL chart as chosen, and a filter block filters the page and its slide', async () => {
    const { page, consoleErrors } = await app.open();
    // A query charted as lines goes onto the dashboard as lines.
    await runSql(page, 'SELECT "Năm", sum("Số mô hình") AS "Số mô hình" FROM mo_hinh_dan_van_kheo GROUP BY 1 ORDER BY 1');
    await page.locator('[data-testid="chart-type"]').selectOption('line');
    await page.locator('[data-testid="sql-add-block"]').click();
    await openDashboard(page);
    const sqlBlock = page.locator('[data-testid="dashboard-block"][data-kind="sql"]');
    await sqlBlock.locator('[data-testid="block-chart"] svg g[aria-label="line"] path').waitFor();
    assert.equal(await sqlBlock.locator('svg g[aria-label="bar"]').count(), 0);

    await page.locator('[data-testid="dashboard-add-filter"]').click();
    await settled(page);
    const kinds = () => blocks(page).evaluateAll((l) => l.map((b) => b.dataset.kind));
    const before = await kinds();
    assert.equal(before.at(-1), 'filter');

    // Drag the filter block (at the page's foot) by its handle onto the first block, out of view:
    // held at the window's top edge the page scrolls up to it; dropped there, it takes the first place.
    const filterBlock = page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"][data-kind="filter"]');
    await filterBlock.scrollIntoViewIfNeeded();
    assert.ok(await page.evaluate(() => scrollY > 0), 'the first block starts out of view');
    const handle = await filterBlock.locator('[data-testid="block-drag"]').boundingBox();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 200, 4, { steps: 8 });
    await page.waitForFunction(() => scrollY === 0, null, { timeout: 30_000 });
    const first = await blocks(page).first().locator('[data-testid="block-title"]').boundingBox();
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2, { steps: 8 });
    await page.mouse.up();
    assert.deepEqual(await kinds(), ['filter', ...before.slice(0, -1)]);
    assert.equal(await page.locator('[data-drop], [data-dragging]').count(), 0);

    // Drag a KPI's corner about four columns to the right and one row down: 4×1 becomes 8×2.
    const kpi = blocks(page).nth(1);
    assert.equal(`${await kpi.getAttribute('data-w')}x${await kpi.getAttribute('data-h')}`, '4x1');
    const corner = await kpi.locator('[data-testid="block-resize"]').boundingBox();
    const grid = await page.locator('[data-testid="dashboard-grid"]').boundingBox();
    const column = grid.width / 12;
    await page.mouse.move(corner.x + 5, corner.y + 5);
    await page.mouse.down();
    await page.mouse.move(corner.x + 4 * column, corner.y + 180, { steps: 8 });
    await page.mouse.up();
    assert.equal(`${await kpi.getAttribute('data-w')}x${await kpi.getAttribute('data-h')}`, '8x2');
    await settled(page);

    // The filter block is the page's filter: it moves the bar's controls and every block.
    const figure = await kpiAfter(page, kpi, () => filterBlock.locator('[data-testid="block-filter-year-to"]').selectOption('2022'));
    assert.equal(figure.year, 2022);
    assert.equal(await page.locator('[data-testid="page-year-to"]').inputValue(), '2022');

    // On the slide it works too, and keys meant for the list do not turn the slide.
    await page.locator('[data-testid="dashboard-present"]').click();
    const show = page.locator('[data-testid="presentation"]');
    await settled(page, '[data-testid="presentation"]');
    const slideKpi = show.locator('[data-testid="dashboard-block"][data-kind="kpi"]').first();
    const onSlide = await kpiAfter(page, slideKpi, () => show.locator('[data-testid="block-filter-year-to"]').selectOption('2021'));
    assert.equal(onSlide.year, 2021);
    await show.locator('[data-testid="block-filter-year-from"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await show.getAttribute('data-slide'), '1');
    await page.keyboard.press('Escape');
    await show.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid="page-year-to"]').inputValue(), '2021');

    // Saved with the workbook: order, size and the line chart come back after a reload.
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
    await page.reload();
    await waitReady(page);
    await settled(page);
    assert.deepEqual(await kinds(), ['filter', ...before.slice(0, -1)]);
    assert.equal(await blocks(page).nth(1).getAttribute('data-w'), '8');
    await sqlBlock.locator('[data-testid="block-chart"] svg g[aria-label="line"] path').waitFor();
    assert.deepEqual(consoleErrors, []);
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ]) {
    it(`presents with the keyboard at ${width}×${height}, without scrollbars`, async () => {
      const { page, consoleErrors } = await app.open('', { viewport: { width, height } });
      await openDashboard(page);
      // Filter controls on the first page: they must fit a slide too, and get no slide of their own.
      await page.locator('[data-testid="dashboard-add-filter"]').click();
      await page.locator('[data-testid="dashboard-present"]').click();
      const show = page.locator('[data-testid="presentation"]');
      await show.waitFor();
      await settled(page, '[data-testid="presentation"]');
      const slide = async () => [Number(await show.getAttribute('data-slide')), Number(await show.getAttribute('data-slides'))];
      // The overview page holds more than three grid rows: two slides, then the reception page.
      assert.deepEqual(await slide(), [1, 3]);
      const fits = () =>
        page.evaluate(() => {
          const over = (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
          const root = document.querySelector('[data-testid="presentation"]');
          // The page behind may be long, as long as it cannot scroll while presenting.
          const page = getComputedStyle(document.documentElement).overflow !== 'hidden' && over(document.documentElement);
          return { page, show: over(root), blocks: [...root.querySelectorAll('[data-testid="dashboard-block"], [data-block-content]')].filter(over).map((b) => `${b.getAttribute('aria-label') ?? b.parentElement.getAttribute('aria-label')} ${b.scrollHeight}/${b.clientHeight} ${b.scrollWidth}/${b.clientWidth}`) };
        });
      assert.deepEqual(await fits(), { page: false, show: false, blocks: [] });
      for (const [key, expected] of [
        ['PageDown', 2],
        ['PageUp', 1],
        [' ', 2],
        ['ArrowLeft', 1],
        ['ArrowRight', 2],
      ]) {
        await page.keyboard.press(key === ' ' ? 'Space' : key);
        assert.equal((await slide())[0], expected, key);
      }
      await settled(page, '[data-testid="presentation"]');
      assert.deepEqual(await fits(), { page: false, show: false, blocks: [] });
      await page.keyboard.press('End');
      assert.equal((await slide())[0], 3);
      await settled(page, '[data-testid="presentation"]');
      assert.deepEqual(await fits(), { page: false, show: false, blocks: [] });
      assert.equal(await page.locator('[data-testid="slide-title"]').innerText(), 'Tiếp công dân');
      await page.keyboard.press('n');
      assert.match(await page.locator('[data-testid="speaker-notes"]').innerText(), /tiếp nhiều lượt nhất/);
      await page.keyboard.press('Escape');
      await show.waitFor({ state: 'detached' });

      // One block per slide.
      await page.locator('[data-testid="present-mode"]').selectOption('block');
      await page.locator('[data-testid="dashboard-present"]').click();
      await show.waitFor();
      assert.equal(Number(await show.getAttribute('data-slides')), 8);
      await settled(page, '[data-testid="presentation"]');
      assert.deepEqual(await fits(), { page: false, show: false, blocks: [] });
      await page.keyboard.press('Escape');
      await show.waitFor({ state: 'detached' });
      assert.deepEqual(consoleErrors, []);
    });
  }

  it('opens read-only by link on the same page and filters, with filters and presentation working', async () => {
    const { page } = await app.open();
    await openDashboard(page);
    await page.locator('[data-testid="save-view-only"]').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-workbook"]').click()]);
    const bytes = await readFile(await download.path());
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(bytes))['workbook.json']));
    assert.equal(manifest.dashboard.pages.length, 2);
    await writeFile(served, bytes);
    const second = manifest.dashboard.pages[1];

    const viewer = await app.open(`?workbook=${path.basename(served)}#trang=${second.id}&tu=2024&den=2024`);
    const v = viewer.page;
    await settled(v);
    await v.locator('[data-testid="view-only"]').waitFor();
    assert.equal(await v.locator('[data-testid="dashboard-page"][aria-selected="true"]').getAttribute('data-page-id'), second.id);
    assert.equal(await v.locator('[data-testid="page-year-from"]').inputValue(), '2024');
    assert.equal(await v.locator('[data-testid="block-remove"], [data-testid="dashboard-add-page"], [data-testid="tab-sql"]').count(), 0);
    await v.locator('[data-testid="page-year-from"]').selectOption('2023');
    await settled(v);
    await v.waitForFunction(() => location.hash.includes('tu=2023'));
    await v.locator('[data-testid="dashboard-present"]').click();
    await v.locator('[data-testid="presentation"]').waitFor();
    await v.keyboard.press('Escape');
    await v.locator('[data-testid="presentation"]').waitFor({ state: 'detached' });
  });

  it('exports a snapshot under 2 MB that opens from disk with no network, hostile text as text', async () => {
    const { page } = await app.open();
    await openDashboard(page);
    const note = page.locator('[data-testid="dashboard-block"][data-kind="note"]');
    await editMode(page);
    await note.locator('[data-testid="block-edit"]').click();
    await note.locator('[data-testid="block-edit-text"]').fill(HOSTILE);
    await note.locator('[data-testid="block-edit-save"]').click();
    await note.locator('[data-testid="block-title"]').fill('<script>window.__pwned=3</script>');
    await note.locator('[data-testid="block-title"]').press('Enter');
    await settled(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('[data-testid="dashboard-snapshot"]').click()]);
    assert.match(download.suggestedFilename(), /\.html$/);
    const html = await readFile(await download.path(), 'utf8');
    assert.ok(Buffer.byteLength(html) < 2 * 1024 * 1024, `snapshot is ${Buffer.byteLength(html)} bytes`);
    assert.doesNotMatch(html, /<script|<img|href="javascript/i);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'snapshot-'));
    const file = path.join(dir, 'bao-cao.html');
    await writeFile(file, html);
    const { context, page: offline, requests } = await openPage(app.browser, { offline: true });
    try {
      await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await offline.goto(pathToFileURL(file).href);
      assert.equal(await offline.locator('section').count(), 2);
      assert.ok((await offline.locator('.block svg').count()) >= 4);
      assert.equal(await offline.locator('.kpi').count(), 3);
      assert.match(await offline.locator('body').innerText(), /<script>window.__pwned=3<\/script>/);
      assert.match(await offline.locator('body').innerText(), /<img src=x onerror=/);
      assert.equal(await offline.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints a page as a clean A4 landscape report', async () => {
    const { page } = await app.open();
    await openDashboard(page);
    await editMode(page);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('h1').isVisible(), false);
    assert.equal(await page.locator('[data-testid="page-filters"]').isVisible(), false);
    assert.equal(await page.locator('[data-testid="block-remove"]').first().isVisible(), false);
    assert.ok(await page.locator('[data-testid="dashboard-grid"]').isVisible());
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    assert.ok(box, 'the PDF has a page size');
    assert.ok(Math.abs(Number(box[1]) - 842) < 2 && Math.abs(Number(box[2]) - 595) < 2, `page is ${box[1]}×${box[2]} pt`);
  });
});
