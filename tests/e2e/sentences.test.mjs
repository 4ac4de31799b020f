// Issue 18, part 1: the sample workbook's Xếp loại → Phân bố and the three KPIs of the sample
// dashboard say their figures in Vietnamese sentences, checked against figures computed here
// from the sample CSV files; "Sao chép" puts the sentences on the clipboard.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blocksDrawn, sampleCsv as csv, useApp } from './harness.mjs';

const app = useApp();
const units = csv('don-vi');
const models = csv('mo-hinh-dan-van-kheo');
const classification = csv('xep-loai-dan-van');
const reception = csv('tiep-cong-dan');
const LEVELS = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
const vi = (n) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
const pct = (part, whole) => `${vi(Math.round((1000 * part) / whole) / 10)} %`;
const sum = (list, column) => list.reduce((a, r) => a + Number(r[column]), 0);
const permissions = ['clipboard-read', 'clipboard-write'];

/** The sentences of a list, as their text alone. */
const sentencesIn = (scope) => scope.locator('[data-testid="sentences"] [data-testid="sentence"] .text').allTextContents();

async function copied(page, scope) {
  await scope.locator('[data-testid="copy-sentences"]').click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.length > 0), null, { timeout: 10_000 });
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('sentences', () => {
  it('Xếp loại → Phân bố: the distribution of the last year, and no bare comparison across the reorganisation', async () => {
    const { page } = await app.open('', { permissions });
    await page.locator('[data-testid="tab-analyses"]').click();
    await page.locator('[data-testid="analysis-kind"]').selectOption('classification');
    await page.locator('[data-testid="analysis-view"]').selectOption('distribution');
    const result = page.locator('[data-testid="analysis-result"]');
    await page.waitForFunction(() => /Năm \d{4} có .* đơn vị được xếp loại:/.test(document.querySelector('[data-testid="analysis-result"] [data-testid="sentences"]')?.textContent ?? ''), null, { timeout: 30_000 });
    const said = await sentencesIn(result);

    const last = Math.max(...classification.map((r) => Number(r['Năm'])));
    const rated = (y) => classification.filter((r) => r['Năm'] === String(y));
    const now = rated(last);
    const counts = LEVELS.map((l) => now.filter((r) => r['Xếp loại'] === l).length);
    const parts = LEVELS.map((l, i) => (counts[i] > 0 ? `${vi(counts[i])} đơn vị (${pct(counts[i], now.length)}) ${l}` : null)).filter(Boolean).join(', ');
    assert.ok(said[0].startsWith(`Năm ${last} có ${vi(now.length)} đơn vị được xếp loại: ${parts}`), said[0]);
    for (const [i, l] of LEVELS.entries()) if (counts[i] === 0) assert.match(said[0], new RegExp(`không có đơn vị nào.*${l}`));

    // Fewer units rated in the last year (the district level ended): shares, never a bare count change.
    const before = rated(last - 1);
    const top = (list) => list.filter((r) => r['Xếp loại'] === LEVELS[0]).length;
    assert.notEqual(before.length, now.length, 'the sample changes its units in the last year');
    assert.ok(said.includes(`Số đơn vị được xếp loại năm ${last} (${vi(now.length)}) khác năm ${last - 1} (${vi(before.length)}), nên so sánh theo tỷ lệ: ${LEVELS[0]} chiếm ${pct(top(now), now.length)} (năm ${last - 1}: ${pct(top(before), before.length)}).`), said.join('\n'));
    // The like-for-like figure: the units rated in both years.
    const both = now.filter((r) => before.some((b) => b['Mã đơn vị'] === r['Mã đơn vị'])).map((r) => r['Mã đơn vị']);
    const topBoth = (list) => top(list.filter((r) => both.includes(r['Mã đơn vị'])));
    const change = topBoth(now) - topBoth(before);
    const lfl = said.find((s) => s.startsWith('Tính trên'));
    assert.ok(lfl, said.join('\n'));
    assert.ok(lfl.startsWith(`Tính trên ${vi(both.length)} đơn vị báo cáo cả hai năm: ${vi(topBoth(now))} đơn vị, ${change > 0 ? 'tăng' : change < 0 ? 'giảm' : 'không đổi'}`), lfl);
    assert.ok(!said.some((s) => /^Số đơn vị Hoàn thành xuất sắc nhiệm vụ năm \d+ là .*(tăng|giảm)/.test(s)), 'no bare change of the count');

    const text = await copied(page, result);
    assert.equal(text, said.join('\n'));
  });

  it('the three KPIs of the sample dashboard: figure, reason the units differ, like-for-like change', async () => {
    const { page } = await app.open('', { permissions });
    await page.locator('[data-testid="tab-dashboard"]').click();
    await blocksDrawn(page);
    const kpis = page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"][data-kind="kpi"]');
    assert.equal(await kpis.count(), 3);
    const [modelsSaid, excellentSaid, receptionSaid] = await Promise.all([0, 1, 2].map((i) => sentencesIn(kpis.nth(i))));
    const last = Math.max(...models.map((r) => Number(r['Năm'])));
    const districts = units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').length;
    const ofYear = (list, y) => list.filter((r) => r['Năm'] === String(y));
    const direction = (c) => (c > 0 ? 'tăng' : c < 0 ? 'giảm' : 'không đổi');

    // Models: the total, then why the two years are not like for like, then the units of both.
    assert.equal(modelsSaid[0], `Năm ${last} có ${vi(sum(ofYear(models, last), 'Số mô hình'))} mô hình.`);
    assert.match(modelsSaid[1], new RegExp(`${last}: 0/${districts} huyện báo cáo \\(cấp huyện kết thúc 01/07/2025\\)`));
    const codes = (y) => new Set(ofYear(models, y).map((r) => r['Mã đơn vị']));
    const both = [...codes(last)].filter((c) => codes(last - 1).has(c));
    const over = (y) => sum(ofYear(models, y).filter((r) => both.includes(r['Mã đơn vị'])), 'Số mô hình');
    const c = over(last) - over(last - 1);
    assert.ok(modelsSaid[2].startsWith(`Tính trên ${vi(both.length)} đơn vị báo cáo cả hai năm: ${vi(over(last))} mô hình, ${direction(c)} ${vi(Math.abs(c))} mô hình (${pct(Math.abs(c), over(last - 1))}) so với năm ${last - 1}`), modelsSaid[2]);
    assert.ok(!modelsSaid.some((s) => s.startsWith(`Năm ${last} có`) && /tăng|giảm/.test(s)), 'no bare change');

    // Units rated Hoàn thành xuất sắc nhiệm vụ.
    const excellent = ofYear(classification, last).filter((r) => r['Xếp loại'] === LEVELS[0]).length;
    assert.equal(excellentSaid[0], `Năm ${last} có ${vi(excellent)} đơn vị được xếp loại ${LEVELS[0]}.`);
    assert.ok(excellentSaid.some((s) => s.startsWith('Tính trên')), excellentSaid.join('\n'));

    // Reception: turns, and the like-for-like over the same units and quarters.
    assert.equal(receptionSaid[0], `Năm ${last} có ${vi(sum(ofYear(reception, last), 'Lượt tiếp'))} lượt tiếp công dân.`);
    const key = (r) => `${r['Mã đơn vị']}|${r['Quý']}`;
    const nowKeys = new Set(ofYear(reception, last).map(key));
    const thenKeys = new Set(ofYear(reception, last - 1).map(key));
    const shared = [...nowKeys].filter((k) => thenKeys.has(k));
    const turns = (y) => sum(ofYear(reception, y).filter((r) => shared.includes(key(r))), 'Lượt tiếp');
    const rc = turns(last) - turns(last - 1);
    const lfl = receptionSaid.find((s) => s.startsWith('Tính trên'));
    assert.ok(lfl?.includes(`${vi(turns(last))} lượt, ${direction(rc)} ${vi(Math.abs(rc))} lượt (${pct(Math.abs(rc), turns(last - 1))}) so với năm ${last - 1}`), lfl);

    // Each sentence keeps its figures: the first KPI's opening states the year's total.
    const figure = kpis.nth(0).locator('[data-testid="sentence"]').first().locator('dd').first();
    assert.equal(Number(await figure.getAttribute('data-value')), sum(ofYear(models, last), 'Số mô hình'));

    const text = await copied(page, kpis.nth(1));
    assert.equal(text, excellentSaid.join('\n'));
  });

  it('a Nhận định block speaks for the page\'s blocks, and is kept in the offline snapshot', async () => {
    const { page } = await app.open('', { permissions });
    await page.locator('[data-testid="tab-dashboard"]').click();
    await blocksDrawn(page);
    await page.locator('[data-testid="edit-mode"]').click();
    await page.locator('[data-testid="dashboard-add-insight"]').click();
    const insight = page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"][data-kind="insight"]');
    await insight.waitFor();
    // Speaks for one block: the KPI of models.
    const kpiTitle = await page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"][data-kind="kpi"]').first().getAttribute('aria-label');
    await insight.locator('[data-testid="insight-about"]').selectOption({ label: kpiTitle });
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="dashboard-grid"] [data-testid="dashboard-block"][data-kind="insight"]');
      return b?.dataset.state === 'ok' && /mô hình/.test(b.querySelector('[data-testid="sentences"]')?.textContent ?? '');
    }, null, { timeout: 30_000 });
    const last = Math.max(...models.map((r) => Number(r['Năm'])));
    const said = await sentencesIn(insight);
    assert.equal(said[0], `Năm ${last} có ${vi(sum(models.filter((r) => r['Năm'] === String(last)), 'Số mô hình'))} mô hình.`);

    const download = page.waitForEvent('download');
    await page.locator('[data-testid="dashboard-snapshot"], [data-testid="export-snapshot"]').first().click();
    const file = await (await download).path();
    const html = (await import('node:fs')).readFileSync(file, 'utf8');
    assert.ok(html.includes(said[0]), 'the snapshot holds the sentences');
  });
});
