/** The dashboard's data and its rules: arranging blocks, filters a block follows, what a saved
 *  or linked dashboard may hold, slides, and the sanitising of notes. */
import { describe, expect, it } from 'vitest';
import {
  addBlock,
  effectiveFilters,
  emptyDashboard,
  hashToView,
  moveBlock,
  moveBlockTo,
  nearestSize,
  newBlock,
  newPage,
  NO_PAGE_FILTERS,
  parseDashboard,
  stepSize,
  viewToHash,
  type Dashboard,
} from '../../src/dashboards/dashboard';
import { renderMarkdown } from '../../src/dashboards/markdown';
import { slidesOf } from '../../src/dashboards/slides';
import { escapeHtml, snapshotDocument } from '../../src/dashboards/snapshot';
import { NO_FILTERS } from '../../src/sql/analysis';

function threeBlocks(): { d: Dashboard; page: string; ids: string[] } {
  const page = newPage('Trang 1');
  let d = { pages: [page] };
  const blocks = ['a', 'b', 'c'].map((title) => newBlock('note', title, { markdown: title }));
  for (const b of blocks) d = addBlock(d, page.id, b);
  return { d, page: page.id, ids: blocks.map((b) => b.id) };
}

describe('arranging blocks', () => {
  it('moves a block within its page and stops at the ends', () => {
    const { d, page, ids } = threeBlocks();
    const titles = (x: Dashboard) => x.pages[0]!.blocks.map((b) => b.title);
    expect(titles(moveBlock(d, page, ids[2]!, -1))).toEqual(['a', 'c', 'b']);
    expect(titles(moveBlock(d, page, ids[0]!, -1))).toEqual(['a', 'b', 'c']);
    expect(titles(moveBlock(d, page, ids[0]!, 5))).toEqual(['b', 'c', 'a']);
  });

  it('puts a dragged block in the place of the one it is dropped on', () => {
    const { d, page, ids } = threeBlocks();
    const titles = (x: Dashboard) => x.pages[0]!.blocks.map((b) => b.title);
    expect(titles(moveBlockTo(d, page, ids[0]!, 2))).toEqual(['b', 'c', 'a']);
    expect(titles(moveBlockTo(d, page, ids[2]!, 0))).toEqual(['c', 'a', 'b']);
    expect(moveBlockTo(d, page, 'missing', 0)).toEqual(d);
  });

  it('snaps a corner dragged to any size to the nearest allowed one', () => {
    expect(nearestSize(5.4, 1.2)).toEqual({ w: 6, h: 1 });
    expect(nearestSize(0.2, -3)).toEqual({ w: 3, h: 1 });
    expect(nearestSize(30, 2.6)).toEqual({ w: 12, h: 3 });
    expect(nearestSize(7.1, 1.6)).toEqual({ w: 8, h: 2 });
  });

  it('resizes in the grid steps only', () => {
    expect(stepSize({ w: 6, h: 2 }, 'w', 1)).toEqual({ w: 8, h: 2 });
    expect(stepSize({ w: 12, h: 2 }, 'w', 1)).toEqual({ w: 12, h: 2 });
    expect(stepSize({ w: 3, h: 1 }, 'h', -1)).toEqual({ w: 3, h: 1 });
    expect(stepSize({ w: 3, h: 1 }, 'h', 1)).toEqual({ w: 3, h: 2 });
  });
});

describe('the filters a block follows', () => {
  const own = { ...NO_FILTERS, yearFrom: 2019, units: ['code:S01'], categories: ['Kinh tế'] };

  it('takes the page filters where set, keeps its own elsewhere', () => {
    expect(effectiveFilters(own, NO_PAGE_FILTERS)).toEqual(own);
    expect(effectiveFilters(own, { yearFrom: null, yearTo: 2023, unitTypes: ['UBND cấp huyện'], units: [] })).toEqual({ ...own, yearTo: 2023, unitTypes: ['UBND cấp huyện'] });
  });

  it('follows a click in another block, not in itself', () => {
    const unit = { from: 'b1', kind: 'unit' as const, value: 'code:H02', label: 'Thị xã Bình Sơn' };
    expect(effectiveFilters(own, NO_PAGE_FILTERS, unit, 'b2').units).toEqual(['code:H02']);
    expect(effectiveFilters(own, NO_PAGE_FILTERS, unit, 'b1').units).toEqual(['code:S01']);
    const year = effectiveFilters(own, NO_PAGE_FILTERS, { from: 'b1', kind: 'year', value: '2022', label: '2022' }, 'b2');
    expect([year.yearFrom, year.yearTo]).toEqual([2022, 2022]);
  });
});

describe('saved and linked dashboards', () => {
  it('keeps a well-formed dashboard as it is', () => {
    const { d } = threeBlocks();
    expect(parseDashboard(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  it('drops what is not a page or a block, and mends sizes and filters', () => {
    const parsed = parseDashboard({
      pages: [
        null,
        { id: 'p', title: 5, blocks: [{ id: 'x', kind: 'script' }, { id: 'n', kind: 'note', size: { w: 7, h: 99 }, markdown: 1 }], filters: { yearFrom: '2020; DROP', unitTypes: [1, 'Huyện'] } },
      ],
    });
    expect(parsed.pages).toHaveLength(1);
    expect(parsed.pages[0]!.title).toBe('5');
    expect(parsed.pages[0]!.filters).toEqual({ yearFrom: null, yearTo: null, unitTypes: ['Huyện'], units: [] });
    expect(parsed.pages[0]!.blocks).toEqual([{ id: 'n', kind: 'note', title: '', size: { w: 4, h: 1 }, markdown: '1' }]);
    expect(parseDashboard('x')).toEqual(emptyDashboard());
  });

  it('keeps the chart chosen for a SQL block and a filter block; drops a malformed chart', () => {
    const chart = { type: 'line', x: 'Năm', y: 'So_mo_hinh', color: null };
    const parsed = parseDashboard({
      pages: [
        {
          id: 'p',
          blocks: [
            { id: 's', kind: 'sql', sql: 'SELECT 1', chart },
            { id: 't', kind: 'sql', sql: 'SELECT 1', chart: { type: '<svg onload=x>', x: 'a', y: 'b' } },
            { id: 'f', kind: 'filter' },
          ],
        },
      ],
    });
    const [s, t, f] = parsed.pages[0]!.blocks;
    expect(s!.chart).toEqual(chart);
    expect(t!.chart).toBeUndefined();
    expect(f).toEqual({ id: 'f', kind: 'filter', title: '', size: { w: 12, h: 1 } });
  });

  it('keeps an insight (Nhận định) block and the block it speaks for; a saved file without one opens as before', () => {
    const parsed = parseDashboard({
      pages: [{ id: 'p', blocks: [{ id: 'i', kind: 'insight', title: 'Nhận định', about: 'k' }, { id: 'j', kind: 'insight', about: 5 }, { id: 'n', kind: 'note', markdown: 'x', about: 'k' }] }],
    });
    const [i, j, n] = parsed.pages[0]!.blocks;
    expect(i).toEqual({ id: 'i', kind: 'insight', title: 'Nhận định', size: { w: 6, h: 2 }, about: 'k' });
    expect(j!.about).toBeUndefined();
    expect(n!.about).toBeUndefined();
  });

  it('puts page and filters in the hash and reads them back; junk years are ignored', () => {
    const view = { page: 'p1', filters: { yearFrom: 2020, yearTo: 2024, unitTypes: ['Sở, ban, ngành tỉnh'], units: ['code:S01', "x' OR 1=1"] } };
    expect(hashToView(viewToHash(view))).toEqual(view);
    expect(hashToView('#trang=p1&tu=20x0').filters.yearFrom).toBeNull();
  });

  it('makes one slide per page, or one per block', () => {
    const { d } = threeBlocks();
    expect(slidesOf(d, 'page')).toHaveLength(1);
    expect(slidesOf(d, 'block').map((s) => s.title)).toEqual(['a', 'b', 'c']);
  });

  it('splits a page into slides of at most three grid rows, so no chart is shorter than a third of the slide', () => {
    const page = newPage('Tổng quan');
    const sized = (title: string, w: 3 | 4 | 6 | 8 | 12, h: 1 | 2 | 3) => ({ ...newBlock('note', title), size: { w, h } });
    page.blocks = [sized('k1', 4, 1), sized('k2', 4, 1), sized('k3', 4, 1), sized('chart', 12, 2), sized('dist', 8, 2), sized('note', 4, 2)];
    const slides = slidesOf({ pages: [page] }, 'page');
    expect(slides.map((s) => s.blocks.map((b) => b.title))).toEqual([['k1', 'k2', 'k3', 'chart'], ['dist', 'note']]);
    expect(slides.map((s) => s.subtitle)).toEqual(['1/2', '2/2']);
    expect(slidesOf({ pages: [{ ...page, blocks: [] }] }, 'page')).toHaveLength(1);
  });

  it('gives filter controls no slide of their own', () => {
    const { d, page } = threeBlocks();
    const withFilter = addBlock(d, page, newBlock('filter', 'Bộ lọc'));
    expect(slidesOf(withFilter, 'block').map((s) => s.title)).toEqual(['a', 'b', 'c']);
    expect(slidesOf(withFilter, 'page')[0]!.blocks.map((b) => b.kind)).toContain('filter');
  });
});

describe('notes and the snapshot', () => {
  it('renders Markdown with raw HTML as text, no images, no script links', async () => {
    const html = await renderMarkdown('<img src=x onerror=alert(1)> **đậm** [a](javascript:alert(1)) [b](https://vi.wikipedia.org) ![c](http://x/y.png)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>đậm</strong>');
    expect(html).not.toMatch(/<img|href="javascript/i);
    expect(html).toContain('href="https://vi.wikipedia.org"');
  });

  it('escapes every text it writes and forbids loading anything', () => {
    const doc = snapshotDocument([{ title: '<script>x</script>', filters: '"a" & b', blocks: [{ title: '<b>t</b>', w: 6, h: 2, html: '<p>ok</p>' }] }], { title: 'Sổ', stamp: '<i>', lang: 'vi' });
    expect(doc).toContain(escapeHtml('<script>x</script>'));
    expect(doc).not.toContain('<script>');
    expect(doc).toContain('&lt;b&gt;t&lt;/b&gt;');
    expect(doc).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
  });
});
