// The Word and PowerPoint writers on a report built from real engine results: tables in vi-VN
// numbers (a heat table pivoted as the page shows it), the administrative layout of the
// document, numbered captions, the slides the presentation would show with the sentences in
// their notes. The files are read back from their zips.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { newBlock, newPage, type Dashboard } from '../../src/dashboards/dashboard';
import { slidesOf } from '../../src/dashboards/slides';
import { reportDocx } from '../../src/report/export/docx';
import { provisionalSentences } from '../../src/report/export/provisional-sentences';
import { reportPptx } from '../../src/report/export/pptx';
import { heatTableOf, sourcesOf, tableOf, type Report } from '../../src/report/export/report';
import { useEngine } from '../helpers/engine';

const engine = useEngine();
const query = async (sql: string) => (await engine().query(sql)).table;
const MODELS = `SELECT * FROM (VALUES ('Huyện Tân Phú', 2023, 1053.0::DOUBLE), ('Huyện Tân Phú', 2024, 44.5), ('Thị xã Bình Sơn', 2023, 7.0))
  t("Đơn vị", "Năm", "Số mô hình")`;

// A 1 × 1 white PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII='), (c) => c.charCodeAt(0));

const DOCX_LABELS = {
  noRows: 'Không có dòng nào',
  chart: 'Biểu đồ',
  table: 'Bảng',
  figures: 'Các chỉ tiêu chính',
  figureColumns: ['Chỉ tiêu', 'Số liệu', 'So với kỳ trước'] as [string, string, string],
  filters: 'Phạm vi số liệu',
  sources: 'Nguồn số liệu',
  moreRows: (n: number) => `(còn ${n} dòng nữa)`,
};

const text = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!).join('\n');

describe('report tables', () => {
  it('writes a result in vi-VN numbers, years left ungrouped', async () => {
    const t = tableOf(await query(MODELS), 'vi');
    expect(t.columns).toEqual(['Đơn vị', 'Năm', 'Số mô hình']);
    expect(t.numeric).toEqual([false, false, true]);
    expect(t.rows).toEqual([
      ['Huyện Tân Phú', '2023', '1.053'],
      ['Huyện Tân Phú', '2024', '44,5'],
      ['Thị xã Bình Sơn', '2023', '7'],
    ]);
    expect(tableOf(await query(MODELS), 'vi', 2).more).toBe(1);
  });

  it('pivots a heat table: a row per unit, a column per year, an empty cell where none', async () => {
    const t = heatTableOf(await query(MODELS), { type: 'heat', x: 'Năm', y: 'Số mô hình', color: 'Đơn vị' }, 'vi');
    expect(t.columns).toEqual(['Đơn vị', '2023', '2024']);
    expect(t.rows).toEqual([
      ['Huyện Tân Phú', '1.053', '44,5'],
      ['Thị xã Bình Sơn', '7', ''],
    ]);
  });

  it('names each source file once, and a table with no file by its name', () => {
    expect(sourcesOf(['a', 'b', 'c'], (t) => ({ a: 'Mô hình.csv', b: 'Mô hình.csv' })[t])).toEqual(['Mô hình.csv', 'c']);
  });

  it('states one provisional sentence per block from its rows', async () => {
    const table = await query(MODELS);
    const rows = Array.from({ length: table.numRows }, (_, r) => table.get(r)!.toJSON() as Record<string, unknown>);
    const block = newBlock('sql', 'Mô hình theo đơn vị');
    expect(provisionalSentences('vi')(block, rows)).toEqual(['«Mô hình theo đơn vị»: 3 dòng số liệu, Số mô hình từ 7 đến 1.053.']);
    expect(provisionalSentences('vi')(newBlock('note', 'Ghi chú'), rows)).toEqual([]);
  });
});

describe('Word and PowerPoint files', () => {
  const kpi = newBlock('kpi', 'Mô hình “Dân vận khéo”');
  const chart = { ...newBlock('analysis', 'Xếp loại — Phân bố'), size: { w: 12, h: 2 } as const };
  const heat = { ...newBlock('analysis', 'Mô hình theo đơn vị'), size: { w: 6, h: 2 } as const };
  const note = { ...newBlock('note', 'Ghi chú'), size: { w: 6, h: 2 } as const };
  const page = { ...newPage('Tổng quan'), notes: 'Nhấn mạnh: năm 2025 các huyện chỉ báo cáo đến quý II.', blocks: [kpi, chart, heat, note] };
  const dashboard: Dashboard = { pages: [page] };

  async function report(): Promise<Report> {
    const table = heatTableOf(await query(MODELS), { type: 'heat', x: 'Năm', y: 'Số mô hình', color: 'Đơn vị' }, 'vi');
    return {
      title: 'Tổng quan',
      stamp: 'Xuất lúc 08:00 30/11/2026',
      lang: 'vi',
      pages: [
        {
          id: page.id,
          title: page.title,
          filters: 'Từ năm 2023',
          notes: page.notes,
          sources: ['mo-hinh-dan-van-kheo.csv'],
          blocks: [
            { id: kpi.id, kind: 'kpi', title: kpi.title, w: 4, h: 1, sentences: ['Năm 2025 có 123 mô hình.'], kpi: { label: 'Số mô hình · 2025', value: '123', change: 'giảm 2 (1,9 %) so với 2024' } },
            { id: chart.id, kind: 'chart', title: chart.title, w: 12, h: 2, sentences: ['Năm 2025 có 7 đơn vị Hoàn thành xuất sắc nhiệm vụ.'], image: { png: PNG, width: 900, height: 360 } },
            { id: heat.id, kind: 'table', title: heat.title, w: 6, h: 2, sentences: ['Huyện Tân Phú dẫn đầu.'], table, image: { png: PNG, width: 640, height: 360 } },
            { id: note.id, kind: 'note', title: note.title, w: 6, h: 2, sentences: [], paragraphs: ['Số liệu mẫu của tỉnh.'] },
          ],
        },
      ],
    };
  }

  it('writes an A4 report in Times New Roman with the administrative margins, captions and tables', async () => {
    const zip = unzipSync(new Uint8Array(await (await reportDocx(await report(), DOCX_LABELS)).arrayBuffer()));
    const xml = strFromU8(zip['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(strFromU8(zip['word/styles.xml']!)).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    const words = text(xml, 'w:t');
    expect(words).toContain('TỔNG QUAN');
    expect(words).toContain('Biểu đồ 1. Xếp loại — Phân bố');
    expect(words).toContain('Bảng 1. Các chỉ tiêu chính');
    expect(words).toContain('Bảng 2. Mô hình theo đơn vị');
    expect(words).toContain('Năm 2025 có 7 đơn vị Hoàn thành xuất sắc nhiệm vụ.');
    expect(words).toContain('Phạm vi số liệu: Từ năm 2023');
    expect(words).toContain('Nguồn số liệu: mo-hinh-dan-van-kheo.csv.');
    expect(words).toMatch(/\n1\.053\n44,5\n/);
    // The heat table is a table here, not a picture.
    expect(Object.keys(zip).filter((k) => k.startsWith('word/media/'))).toHaveLength(1);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
    expect(words).toBe(words.normalize('NFC'));
  });

  it('writes the presentation’s slides, 16:9, pictures placed and the sentences in the notes', async () => {
    for (const mode of ['page', 'block'] as const) {
      const slides = slidesOf(dashboard, mode);
      const zip = unzipSync(new Uint8Array(await (await reportPptx(await report(), slides, { noRows: 'Không có dòng nào', moreRows: (n) => `… và ${n} dòng nữa`, filters: 'Phạm vi số liệu', sources: 'Nguồn số liệu', notes: 'Ghi chú của trang' })).arrayBuffer()));
      expect(strFromU8(zip['ppt/presentation.xml']!)).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
      const files = Object.keys(zip);
      expect(files.filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k))).toHaveLength(slides.length);
      const notes = files.filter((k) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(k)).map((k) => text(strFromU8(zip[k]!), 'a:t')).join('\n');
      expect(notes).toContain('Năm 2025 có 7 đơn vị Hoàn thành xuất sắc nhiệm vụ.');
      expect(notes).toContain('Nhấn mạnh: năm 2025 các huyện chỉ báo cáo đến quý II.');
    }
    expect(slidesOf(dashboard, 'page')).toHaveLength(2);
    expect(slidesOf(dashboard, 'block')).toHaveLength(4);
  });
});
