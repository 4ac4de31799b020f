// Charts a meeting room can read, and figures that cannot mislead (issue #15), in a real
// browser on the sample workbook: the slides of the sample dashboard measured at projector
// sizes (text sizes, chart heights, overlapping and cut labels), edit mode, Vietnamese and
// value order, the 2025 KPI's reporting units, the snapshot's tables, and a phone's width.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { blocksDrawn, fixture, sampleCsv, useApp } from './harness.mjs';

const app = useApp();
const units = sampleCsv('don-vi');
const models = sampleCsv('mo-hinh-dan-van-kheo');
const vi = new Intl.Collator('vi', { numeric: true });
const inViOrder = (names) => names.every((n, i) => i === 0 || vi.compare(names[i - 1], n) <= 0);

async function settled(page, scope = '[data-testid="dashboard-grid"]') {
  await blocksDrawn(page, scope);
  // Fonts and the second draw of a chart whose legend wrapped.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
}

/** What a reader at the back of the room would trip over on the slide shown. */
function measureSlide() {
  const root = document.querySelector('[data-testid="presentation"]');
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e = el; e && e !== root; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
    }
    return true;
  };
  const small = [];
  // Every piece of text: HTML elements with text of their own, and SVG text.
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('[aria-label="tip"]')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own || !visible(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    small.push({ text: el.textContent.trim().slice(0, 40), px });
  }
  const overlaps = [];
  const ellipsis = [];
  for (const svg of root.querySelectorAll('[data-testid="block-chart"] svg')) {
    const texts = [...svg.querySelectorAll('text')].filter((t) => !t.closest('[aria-label="tip"]') && visible(t) && t.textContent.trim() !== '');
    for (const t of texts) if (t.textContent.includes('…')) ellipsis.push(t.textContent);
    const boxes = texts.map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${boxes[i].text} × ${boxes[j].text}`);
      }
  }
  const charts = [...root.querySelectorAll('[data-testid="block-chart"]')].map((c) => Math.round(c.getBoundingClientRect().height));
  const legends = [...root.querySelectorAll('[data-testid="block-chart"] [class*="-swatches"] span, [data-testid="block-chart"] [class*="-swatch"]')]
    .filter(visible)
    .map((e) => parseFloat(getComputedStyle(e).fontSize));
  return { small, overlaps, ellipsis, charts, legends };
}

describe('a meeting room can read it', () => {
  for (const [width, height] of [
    [1280, 720],
    [1366, 768],
    [1920, 1080],
  ]) {
    it(`shows the sample dashboard's slides legibly at ${width}×${height}`, async () => {
      const { page, consoleErrors } = await app.open('', { viewport: { width, height } });
      await page.locator('[data-testid="tab-dashboard"]').click();
      await settled(page);
      // Reading is not editing: no arrange control until edit mode is on, and titles whole.
      const toggle = page.locator('[data-testid="edit-mode"]');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      const arrange = '[data-testid^="block-move"], [data-testid="block-wider"], [data-testid="block-remove"], [data-testid="block-drag"], [data-testid="block-title"]';
      assert.equal(await page.locator(arrange).count(), 0);
      const cut = await page.locator('[data-testid="dashboard-grid"] h3').evaluateAll((hs) => hs.filter((h) => h.scrollWidth > h.clientWidth + 1).map((h) => h.textContent));
      assert.deepEqual(cut, []);
      // The page's charts too (not only the slides): no unit name cut to `…`.
      const cutNames = await page.locator('[data-testid="dashboard-grid"] [data-testid="block-chart"] svg text').evaluateAll((ts) => ts.filter((t) => t.textContent.includes('…')).map((t) => t.textContent));
      assert.deepEqual(cutNames, [], 'dashboard labels cut to …');
      // The page's unit filter in Vietnamese order.
      const filterUnits = await page.locator('[data-testid="page-units"] option').allTextContents();
      assert.ok(filterUnits.length > 10 && inViOrder(filterUnits), filterUnits.join(', '));
      assert.ok(filterUnits.some((u) => u.includes('Đ')));
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.ok((await page.locator(arrange).count()) > 0);
      await toggle.click();

      await page.locator('[data-testid="dashboard-present"]').click();
      const show = page.locator('[data-testid="presentation"]');
      await show.waitFor();
      assert.equal(await show.locator(arrange).count(), 0);
      const slides = Number(await show.getAttribute('data-slides'));
      // Text at least 18 px on a 1920-wide projector, scaled with the screen below it.
      const min = Math.floor((18 * width) / 1920);
      for (let n = 1; n <= slides; n++) {
        await settled(page, '[data-testid="presentation"]');
        const m = await page.evaluate(measureSlide);
        assert.deepEqual(m.small.filter((s) => s.px < min), [], `slide ${n}: text under ${min} px`);
        assert.deepEqual(m.legends.filter((px) => px < min), [], `slide ${n}: legend under ${min} px`);
        assert.deepEqual(m.overlaps, [], `slide ${n}: overlapping labels`);
        assert.deepEqual(m.ellipsis, [], `slide ${n}: labels cut to …`);
        for (const h of m.charts) assert.ok(h >= height / 3 - 2, `slide ${n}: a chart ${h} px tall on a ${height} px slide`);
        // The README's pictures: `UPDATE_SCREENSHOTS=1 node --test tests/e2e/meeting-room.test.mjs`.
        if (process.env.UPDATE_SCREENSHOTS && width !== 1366 && n <= 2) await page.screenshot({ path: fixture('docs', `slide-${n}-${width}x${height}.png`) });
        if (n < slides) await page.keyboard.press('PageDown');
      }
      await page.keyboard.press('Escape');
      assert.deepEqual(consoleErrors, []);
    });
  }
});

describe('figures that cannot mislead', () => {
  it("states the change in reporting units on the sample's 2025 KPI and shows the like-for-like figure", async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="tab-dashboard"]').click();
    await settled(page);
    const kpi = page.locator('[data-testid="dashboard-block"][data-kind="kpi"]').first().locator('[data-testid="kpi"]');
    assert.equal(await kpi.getAttribute('data-year'), '2025');
    const districts = units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').length;
    assert.match(await kpi.locator('[data-testid="kpi-coverage"]').innerText(), new RegExp(`2025: 0/${districts} huyện báo cáo \\(cấp huyện kết thúc 01/07/2025\\)`));
    const codes = (y) => new Set(models.filter((r) => r['Năm'] === y).map((r) => r['Mã đơn vị']));
    const both = [...codes('2025')].filter((c) => codes('2024').has(c));
    const sum = (y) => models.filter((r) => r['Năm'] === y && both.includes(r['Mã đơn vị'])).reduce((a, r) => a + Number(r['Số mô hình']), 0);
    assert.equal(Number(await kpi.getAttribute('data-like-for-like')), sum('2025'));
    const text = await kpi.locator('[data-testid="kpi-change"]').innerText();
    assert.match(text, new RegExp(`Cùng đơn vị, cùng kỳ báo cáo cả hai năm \\(${both.length} đơn vị\\)`));
    const bare = Math.abs(Number(await kpi.getAttribute('data-change')));
    assert.doesNotMatch(text, new RegExp(`giảm ${bare.toLocaleString('vi-VN')} `), 'no bare fall of the rows');
  });

  it('sorts ranks and changes by value, names in Vietnamese order, and every table by its headers', async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="tab-analyses"]').click();
    const done = () => page.waitForFunction(() => document.querySelector('[data-testid="analysis-result"]')?.getAttribute('data-state') === 'ok', null, { timeout: 30_000 });
    await done();
    const grid = async () => {
      await page.locator('[data-testid="analysis-show-table"]').check();
      await page.locator('[data-testid="analysis-result"] table').waitFor();
      return page.locator('[data-testid="analysis-result"] table').evaluate((t) => {
        const columns = [...t.querySelectorAll('th')].map((th) => th.textContent.trim());
        return [...t.querySelectorAll('tbody tr')].map((tr) => Object.fromEntries([...tr.querySelectorAll('td[data-value]')].map((td, i) => [columns[i], td.dataset.value])));
      });
    };
    await page.locator('[data-testid="analysis-year-from"]').selectOption('2024');
    await page.locator('[data-testid="analysis-year-to"]').selectOption('2024');
    await done();
    const byUnit = await grid();
    assert.ok(byUnit.length > 10);
    assert.ok(inViOrder(byUnit.map((r) => r['Đơn vị'])), byUnit.map((r) => r['Đơn vị']).join(', '));
    assert.ok(byUnit.some((r) => /Đ/.test(r['Đơn vị'])));
    // The filter lists too.
    const options = await page.locator('[data-testid="analysis-units"] option').allTextContents();
    assert.ok(options.length > 10 && inViOrder(options), options.join(', '));

    await page.locator('[data-testid="analysis-view"]').selectOption('rank');
    await done();
    const ranks = (await grid()).map((r) => Number(r['Xếp hạng']));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    await page.locator('[data-testid="analysis-view"]').selectOption('change');
    await done();
    const changes = (await grid()).map((r) => r['Tăng/giảm']).filter((v) => v !== '').map(Number);
    assert.deepEqual(changes, [...changes].sort((a, b) => b - a));
    // A click on a header sorts by it (names in Vietnamese order), again the other way.
    const header = page.locator('[data-testid="analysis-result"] th', { hasText: 'Đơn vị' }).locator('[data-testid="sort-column"]');
    await header.click();
    const names = (await grid()).map((r) => r['Đơn vị']);
    assert.ok(inViOrder(names), names.join(', '));
    await header.click();
    assert.ok(inViOrder((await grid()).map((r) => r['Đơn vị']).reverse()));

    // The chart: horizontal bars of the last year, longest first, names whole.
    await page.locator('[data-testid="analysis-show-table"]').uncheck();
    await page.locator('[data-testid="analysis-view"]').selectOption('rank');
    await done();
    await page.locator('[data-testid="analysis-chart"] svg g[aria-label="bar"] rect').first().waitFor();
    const bars = await page.locator('[data-testid="analysis-chart"] svg g[aria-label="bar"] rect').evaluateAll((rs) => rs.map((r) => ({ y: Number(r.getAttribute('y')), w: Number(r.getAttribute('width')) })).sort((a, b) => a.y - b.y).map((r) => r.w));
    assert.deepEqual(bars, [...bars].sort((a, b) => b - a));
    const labels = await page.locator('[data-testid="analysis-chart"] svg g[aria-label="y-axis tick label"] text').allTextContents();
    assert.equal(labels.filter((l) => l.includes('…')).length, 0, labels.join(' | '));

    // Change into 2025, when the district level ended: said in words, with the like-for-like sum.
    assert.equal(await page.locator('[data-testid="analysis-coverage"]').count(), 0);
    await page.locator('[data-testid="analysis-view"]').selectOption('change');
    await page.locator('[data-testid="analysis-year-to"]').selectOption('2025');
    await page.locator('[data-testid="analysis-year-from"]').selectOption('2025');
    await done();
    const districts = units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').length;
    await page.locator('[data-testid="analysis-coverage"]').waitFor();
    assert.match(await page.locator('[data-testid="analysis-coverage"]').innerText(), new RegExp(`2025: 0/${districts} huyện báo cáo \\(cấp huyện kết thúc 01/07/2025\\).*Cùng đơn vị, cùng kỳ báo cáo cả hai năm`, 's'));
  });

  it('puts a table of its figures under every chart of the snapshot', async () => {
    const { page } = await app.open();
    await page.locator('[data-testid="tab-dashboard"]').click();
    await settled(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('[data-testid="dashboard-snapshot"]').click()]);
    const html = await readFile(await download.path(), 'utf8');
    const { page: reader } = await app.open('?empty', { viewport: { width: 390, height: 844 } });
    await reader.setContent(html);
    const blocks = await reader.locator('.block').evaluateAll((bs) => bs.map((b) => ({ charts: b.querySelectorAll('svg:not(.spark)').length, tables: b.querySelectorAll('details.block-data table tbody tr').length })));
    const charted = blocks.filter((b) => b.charts > 0);
    assert.ok(charted.length >= 3);
    assert.deepEqual(charted.filter((b) => b.tables === 0), [], 'a chart without its table');
    // Read on a phone: nothing wider than the screen.
    assert.ok(await reader.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the snapshot scrolls sideways at 390 px');
  });

  it('has no horizontal scroll at 390 px (read-only viewing on a phone)', async () => {
    const { page } = await app.open('', { viewport: { width: 390, height: 844 } });
    for (const tab of ['tab-dashboard', 'tab-analyses']) {
      await page.locator(`[data-testid="${tab}"]`).click();
      await page.waitForTimeout(1500);
      const wide = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: innerWidth, culprits: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('[style*="overflow"], .scroller')).slice(0, 5).map((e) => `${e.tagName}.${e.className}`) }));
      assert.ok(wide.page <= wide.screen, `${tab}: ${wide.page} px wide on a ${wide.screen} px screen (${wide.culprits.join(', ')})`);
    }
  });
});
